#include "authoring/init.hpp"
#include "authoring/prompt.hpp"
#include "authoring/systems.hpp"
#include "check/check.hpp"
#include "errors.hpp"

#include <catch2/catch.hpp>

#include <stdlib.h>
#include <sstream>

using namespace gdprctl;
namespace fs = std::filesystem;

namespace {

struct Workspace {
    fs::path root;
    time::Date today = time::Date::from_ymd(2026, 11, 25);
    Workspace() {
        std::string pattern = (fs::temp_directory_path() / "gdprctl-authoring-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        root = fs::path(pattern) / "acme";
        authoring::InitOptions options{root, "Acme B.V.", "NL", "privacy@acme.example", "ISO", "AP", today};
        authoring::init_workspace(options);
    }
    ~Workspace() {
        std::error_code ec;
        fs::remove_all(root.parent_path(), ec);
    }
    int check_exit() const {
        check::CheckOptions options;
        options.workspace = root.string();
        options.today = today;
        return check::exit_status(check::run_check(options), check::FailOn::error);
    }
};

authoring::SystemFlags crm() {
    authoring::SystemFlags flags;
    flags.id = "crm";
    flags.name = "CRM";
    flags.owner = "Sales";
    flags.subjects = {"customer"};
    flags.data = {"contact.email,identity.name"};
    flags.purposes = {"service-delivery:contract"};
    flags.retention = {"contact.email,identity.name:P2Y:end-of-contract"};
    flags.security = {"tls"};
    return flags;
}

}  // namespace

TEST_CASE("init makes a workspace that check passes, and only once", "[authoring]") {
    Workspace ws;
    CHECK(fs::is_regular_file(ws.root / "gdpr.yaml"));
    CHECK(fs::is_directory(ws.root / "systems"));
    CHECK((fs::status(ws.root / ".gdprctl").permissions() & fs::perms::all) == fs::perms::owner_all);
    CHECK(ws.check_exit() == 0);
    authoring::InitOptions again{ws.root, "Other", "NL", "a@b.example", "ISO", "AP", ws.today};
    CHECK_THROWS_AS(authoring::init_workspace(again), UsageError);
    authoring::InitOptions missing{ws.root.parent_path() / "other", "", "NL", "", "ISO", "", ws.today};
    CHECK(authoring::missing_init_fields(missing) == std::vector<std::string>{"--org", "--contact", "--authority"});
}

TEST_CASE("add_system writes a system that passes check and refuses one that does not", "[authoring]") {
    Workspace ws;
    auto outcome = authoring::add_system(ws.root, crm(), ws.today, false);
    CHECK(outcome.written);
    CHECK(outcome.diagnostics.empty());
    CHECK(ws.check_exit() == 0);
    CHECK_THROWS_AS(authoring::add_system(ws.root, crm(), ws.today, false), UsageError);

    auto bad = crm();
    bad.id = "bad";
    bad.data = {"contact.emial"};
    bad.retention.clear();
    auto refused = authoring::add_system(ws.root, bad, ws.today, false);
    CHECK_FALSE(refused.written);
    CHECK_FALSE(fs::exists(ws.root / "systems/bad.yaml"));
    REQUIRE_FALSE(refused.diagnostics.empty());
    CHECK(refused.diagnostics.front().path == "systems/bad.yaml");
    CHECK(authoring::add_system(ws.root, bad, ws.today, true).written);
    CHECK(ws.check_exit() == 1);
}

TEST_CASE("register set validates the field and the value", "[authoring]") {
    Workspace ws;
    authoring::add_system(ws.root, crm(), ws.today, false);
    CHECK_THROWS_AS(authoring::set_system_field(ws.root, "crm", "subjects", "x", ws.today), UsageError);
    CHECK_THROWS_AS(authoring::set_system_field(ws.root, "crm", "review_interval", "1 year", ws.today), UsageError);
    CHECK_THROWS_AS(authoring::set_system_field(ws.root, "nope", "name", "x", ws.today), UsageError);
    CHECK(authoring::set_system_field(ws.root, "crm", "review_interval", "P6M", ws.today).written);
    auto reg = authoring::load_for_listing(ws.root);
    REQUIRE(reg.find_system("crm"));
    CHECK(reg.find_system("crm")->review_interval == time::Duration{0, 6, 0, 0});
}

TEST_CASE("the prompter asks again until an answer is valid", "[authoring]") {
    std::istringstream in(
        "crm\nCRM\nSales\ncustomer, prospect\ncontact.emial\ncontact\nnews:consnt\nnews:consent\n"
        "\n\n");
    std::ostringstream out;
    authoring::Prompter prompter(in, out);
    authoring::SystemFlags flags;
    authoring::prompt_system(flags, model::Taxonomy{}, prompter);
    CHECK(flags.id == "crm");
    CHECK(flags.subjects == std::vector<std::string>{"customer", "prospect"});
    CHECK(flags.data == std::vector<std::string>{"contact"});
    CHECK(flags.purposes == std::vector<std::string>{"news:consent"});
    CHECK(flags.retention.empty());
    CHECK(out.str().find("did you mean `contact.email`?") != std::string::npos);
    CHECK(out.str().find("did you mean `consent`?") != std::string::npos);

    std::istringstream short_input("only-an-id\n");
    authoring::Prompter cut_off(short_input, out);
    authoring::SystemFlags partial;
    CHECK_THROWS_AS(authoring::prompt_system(partial, model::Taxonomy{}, cut_off), UsageError);
}
