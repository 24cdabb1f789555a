#include "review/sign.hpp"

#include "errors.hpp"
#include "store/store.hpp"
#include "support/temp_workspace.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>

using namespace gdprctl;

namespace {

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::size_t audit_events(store::Store& store) {
    std::size_t count = 0;
    store.read([&](store::StoreReader& reader) {
        reader.for_each_audit_event(std::nullopt, [&](const store::AuditEvent&) {
            ++count;
            return true;
        });
    });
    return count;
}

struct Fixture {
    testing::TempWorkspace ws;
    std::string db = (ws.root() / ".gdprctl" / "state.db").string();
    review::SignInputs inputs;

    Fixture() {
        ws.write("gdpr.yaml", std::string(testing::minimal_gdpr_yaml) + "# kept\n");
        inputs.root = ws.root();
        inputs.options.by = "ISO";
        const auto now = time::DateTime::now();
        inputs.stamp = {"ISO", now, now, {}, {}};
        inputs.open_existing = [](std::string& note) {
            note = "none";
            return std::unique_ptr<store::Store>();
        };
        inputs.open_for_writing = [this] { return store::open_store(db); };
    }
};

}  // namespace

TEST_CASE("review sign stamps gdpr.yaml and the audit trail together") {
    Fixture f;
    const auto result = review::sign_review(f.inputs);
    CHECK(result.errors == 0);
    const auto text = read_file(f.ws.root() / "gdpr.yaml");
    CHECK(text.find("last_review: " + f.inputs.stamp.date().to_string()) != std::string::npos);
    CHECK(text.find("# kept\n") != std::string::npos);
    auto store = store::open_store(f.db);
    CHECK(audit_events(*store) == 1);
}

TEST_CASE("review sign records nothing when gdpr.yaml cannot be written") {
    Fixture f;
    { auto store = store::open_store(f.db); }  // an existing, empty store
    const auto before = read_file(f.ws.root() / "gdpr.yaml");
    f.inputs.before_file_commit = [](const std::filesystem::path&) { throw std::runtime_error("disk full"); };
    CHECK_THROWS_WITH(review::sign_review(f.inputs), "disk full");
    CHECK(read_file(f.ws.root() / "gdpr.yaml") == before);
    auto store = store::open_store(f.db);
    CHECK(audit_events(*store) == 0);  // the event was rolled back with the failed write
}

TEST_CASE("review sign needs a signer, and a note to accept open items") {
    Fixture f;
    f.inputs.options.by = " ";
    CHECK_THROWS_AS(review::sign_review(f.inputs), UsageError);
    f.inputs.options.by = "ISO";
    f.inputs.options.accept_open = true;
    CHECK_THROWS_AS(review::sign_review(f.inputs), UsageError);
    CHECK_FALSE(std::filesystem::exists(f.db));
}
