#include "consent/import.hpp"
#include "io/json_string.hpp"

#include "support/store_backends.hpp"
#include "support/string_makers.hpp"
#include "support/temp_dir.hpp"

#include <fmt/format.h>

#include <cstdio>

using namespace gdprctl;

namespace {

model::Register reg_with_newsletter() {
    model::Register reg;
    model::System crm;
    crm.id = "crm";
    model::Purpose newsletter;
    newsletter.id = "newsletter";
    newsletter.basis = model::LawfulBasis::consent;
    crm.purposes = {newsletter};
    crm.recipients = {"mailer-co"};
    reg.systems = {crm};
    return reg;
}

struct Feed {
    explicit Feed(const std::string& text) : text_(text), file_(fmemopen(text_.data(), text_.size(), "r")) {}
    ~Feed() { std::fclose(file_); }
    std::FILE* get() const { return file_; }
    std::string text_;
    std::FILE* file_;
};

consent::ImportResult run(store::Store& store, const std::string& text, std::optional<consent::FeedFormat> format = {}) {
    Feed feed(text);
    consent::ImportOptions options;
    options.display_name = "feed";
    options.format = format;
    return consent::import_consents(store, reg_with_newsletter(), feed.get(), options,
                                    time::Zone::load("Europe/Amsterdam"),
                                    {"tester", *time::parse_datetime("2026-06-01T00:00Z"),
                                     *time::parse_datetime("2026-06-01T00:00Z"), ""});
}

std::int64_t event_count(store::Store& store) {
    std::int64_t count = 0;
    store.read([&](store::StoreReader& reader) {
        reader.for_each_consent_event("crm/newsletter", *time::parse_datetime("2100-01-01"), [&](const store::ConsentEvent&) {
            ++count;
            return true;
        });
    });
    return count;
}

}  // namespace

TEST_CASE("a CSV feed with quoted fields imports in one go", "[consent][import]") {
    const auto backend = GDPRCTL_EACH_STORE_BACKEND();
    test::TempDir dir;
    auto store = backend.open(dir.path());
    const auto result = run(*store,
                            "at,subject,purpose,action,evidence,method\r\n"
                            "2026-05-01T10:00,C-1,crm/newsletter,given,\"form v3, box \"\"yes\"\" ticked\",checkbox\r\n"
                            "\n"
                            "2026-05-02T10:00Z,C-2,crm/newsletter,given,\"two\nlines\",\r\n"
                            "2026-05-03T10:00+02:00,C-1,crm/newsletter,withdrawn,,\r\n");
    REQUIRE(result.ok());
    CHECK(result.rows == 3);
    CHECK(result.given == 2);
    CHECK(result.withdrawn == 1);
    CHECK(result.tasks == 2);  // crm and mailer-co
    store->read([&](store::StoreReader& reader) {
        const auto events = reader.consent_events_of("C-1");
        REQUIRE(events.size() == 2);
        CHECK(events[0].evidence == "form v3, box \"yes\" ticked");
        CHECK(events[0].at.to_string() == "2026-05-01T08:00:00Z");
        CHECK(events[0].method == "checkbox");
        CHECK(reader.consent_events_of("C-2")[0].evidence == "two\nlines");
        CHECK(reader.audit_events_for("CON-1..CON-3").size() == 1);
    });
}

TEST_CASE("JSON Lines feeds decode escapes and nulls", "[consent][import]") {
    const auto backend = GDPRCTL_EACH_STORE_BACKEND();
    test::TempDir dir;
    auto store = backend.open(dir.path());
    const auto result = run(*store,
                            "{\"subject\": \"C-\\u00e9\", \"purpose\": \"crm/newsletter\", \"action\": \"given\", "
                            "\"at\": \"2026-05-01T10:00Z\", \"evidence\": \"a \\\"quote\\\" \\ud83d\\ude00\", \"source\": null}\n");
    REQUIRE(result.ok());
    store->read([&](store::StoreReader& reader) {
        const auto events = reader.consent_events_of("C-\xc3\xa9");
        REQUIRE(events.size() == 1);
        CHECK(events[0].evidence == "a \"quote\" \xf0\x9f\x98\x80");
    });
}

TEST_CASE("a bad string escape in a JSON Lines feed is reported at its line and column", "[consent][import]") {
    const auto backend = GDPRCTL_EACH_STORE_BACKEND();
    test::TempDir dir;
    auto store = backend.open(dir.path());
    const std::string rest =
        ", \"purpose\": \"crm/newsletter\", \"action\": \"given\", \"at\": \"2026-05-01T10:00Z\", "
        "\"evidence\": \"form\"}\n";
    const auto result = run(*store, "{\"subject\": \"C-\\uD83D\"" + rest +      // 1 lone high surrogate
                                        "{\"subject\": \"C-\\q\"" + rest +      // 2 unknown escape
                                        "{\"subject\": \"C-\\u00G0\"" + rest);  // 3 bad hex digit
    REQUIRE(result.errors.size() == 3);
    // The messages are io::decode_json_string's, with the column of the backslash.
    CHECK(result.errors[0] == fmt::format("feed:1: column 16: {}", io::describe(io::JsonStringError::lone_surrogate)));
    CHECK(result.errors[1] == fmt::format("feed:2: column 16: {}", io::describe(io::JsonStringError::invalid_escape)));
    CHECK(result.errors[2] == fmt::format("feed:3: column 16: {}", io::describe(io::JsonStringError::bad_hex)));
    CHECK(event_count(*store) == 0);
}

TEST_CASE("every bad row is reported at its line and nothing is stored", "[consent][import]") {
    const auto backend = GDPRCTL_EACH_STORE_BACKEND();
    test::TempDir dir;
    auto store = backend.open(dir.path());
    const auto result = run(*store,
                            "subject,purpose,action,at,evidence\n"
                            "C-1,crm/newsletter,given,2026-05-01T10:00Z,form\n"          // 2 fine
                            "C-2,crm/newsleter,given,2026-05-01T10:00Z,form\n"           // 3 purpose
                            "C-3,crm/newsletter,gave,2026-05-01T10:00Z,form\n"           // 4 action
                            "C-4,crm/newsletter,given,2026-03-29T02:30,form\n"           // 5 DST gap
                            "C-5,crm/newsletter,given,2026-05-01T10:00Z,\n"              // 6 evidence
                            "C-6,crm/newsletter,given,2026-05-01T10:00Z\n"               // 7 field count
                            ",crm/newsletter,given,2026-05-01T10:00Z,form\n"             // 8 subject
                            "C-8,crm/newsletter,given,2027-01-01T00:00Z,form\n"          // 9 future
                            "C-9,crm/newsletter,given,2026-05-01T10:00Z,\"unclosed\n");  // 10 quote
    CHECK_FALSE(result.ok());
    REQUIRE(result.errors.size() == 8);
    const char* expected[] = {"feed:3: `purpose`", "feed:4: `action`", "feed:5: `at`", "feed:6: `evidence`",
                              "feed:7: expected 5 fields", "feed:8: `subject`", "feed:9: `at`", "feed:10: a quoted"};
    for (std::size_t i = 0; i < 8; ++i) {
        CAPTURE(result.errors[i]);
        CHECK(result.errors[i].rfind(expected[i], 0) == 0);
    }
    CHECK(result.errors[0].find("did you mean `crm/newsletter`?") != std::string::npos);
    CHECK(event_count(*store) == 0);
    store->read([&](store::StoreReader& reader) { CHECK_FALSE(reader.audit_head()); });
}

TEST_CASE("a bad header is reported on line 1", "[consent][import]") {
    const auto backend = GDPRCTL_EACH_STORE_BACKEND();
    test::TempDir dir;
    auto store = backend.open(dir.path());
    const auto result = run(*store, "subject,purpose,acton,at,evidence\n");
    REQUIRE(result.errors.size() == 2);
    CHECK(result.errors[0] == "feed:1: unknown column `acton`; did you mean `action`?");
    CHECK(result.errors[1] == "feed:1: the header has no `action` column");
    const auto bad_json = run(*store, "{\"subject\": \"C-1\", \"purpose\": 5}\n");
    REQUIRE(bad_json.errors.size() == 1);
    CHECK(bad_json.errors[0] == "feed:1: member `purpose` must be a string");
}
