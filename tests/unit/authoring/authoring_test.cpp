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
        options.now = time::DateTime::start_of(today);
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
    flags.purpose_description = {"service-delivery=Deliver the service"};
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

TEST_CASE("the prompter asks again until an answer is valid, item by item in a list", "[authoring]") {
    Workspace ws;
    std::istringstream in(
        "crm\nCRM\nSales\nKeeps customers\ncustomer, prospect\ncontact.emial, identity.name\ncontact\n"
        "news\nconsnt\nconsent\nNewsletters\n\nform-log\nunsubscribe-link\n\n\n\nP2Y\n\ntls\n");
    std::ostringstream out;
    authoring::StreamLineReader reader(in, out);
    authoring::Prompter prompter(reader, out);
    authoring::SystemFlags flags;
    authoring::prompt_system(flags, authoring::load_for_listing(ws.root), prompter);
    CHECK(flags.id == "crm");
    CHECK(flags.subjects == std::vector<std::string>{"customer", "prospect"});
    CHECK(flags.data == std::vector<std::string>{"contact", "identity.name"});  // the good item was kept
    CHECK(flags.purposes == std::vector<std::string>{"news:consent"});
    CHECK(flags.consent_evidence == std::vector<std::string>{"news=form-log"});
    CHECK(flags.consent_withdrawal == std::vector<std::string>{"news=unsubscribe-link"});
    CHECK(flags.purpose_description == std::vector<std::string>{"news=Newsletters"});
    CHECK(flags.retention == std::vector<std::string>{"contact,identity.name:P2Y"});
    CHECK(out.str().find("did you mean `contact.email`?") != std::string::npos);
    CHECK(out.str().find("did you mean `consent`?") != std::string::npos);
    CHECK(authoring::add_system(ws.root, flags, ws.today, false).written);

    std::istringstream taken("crm\n");
    authoring::StreamLineReader taken_reader(taken, out);
    authoring::Prompter asks_again(taken_reader, out);
    authoring::SystemFlags second;
    CHECK_THROWS_AS(authoring::prompt_system(second, authoring::load_for_listing(ws.root), asks_again),
                    authoring::InputEnded);
    CHECK(out.str().find("system `crm` already exists") != std::string::npos);
}

TEST_CASE("special-category data: the Art. 9(2) condition suggested from the subjects", "[authoring]") {
    using V = std::vector<std::string>;
    CHECK(authoring::suggested_special_condition(V{"customer", "Employee"}) == "9(2)(b)");
    CHECK(authoring::suggested_special_condition(V{"job applicant"}) == "9(2)(b)");
    CHECK(authoring::suggested_special_condition(V{"patient"}) == "9(2)(h)");
    CHECK(authoring::suggested_special_condition(V{"member"}) == "9(2)(d)");
    CHECK(authoring::suggested_special_condition(V{"customer"}) == "9(2)(a)");
}

TEST_CASE("flags: retention rules one per flag, per-purpose data and descriptions", "[authoring]") {
    Workspace ws;
    CHECK_THROWS_AS(authoring::validate_retention_flag("contact.email:P1Y:x,identity.name:P2Y"), UsageError);
    CHECK_NOTHROW(authoring::validate_retention_flag("contact.email,identity.name:P1Y:end-of-contract"));
    auto flags = crm();
    flags.purposes.push_back("news:consent");
    flags.purpose_data = {"news=contact.email"};
    flags.purpose_description = {"news=Monthly newsletter", "service-delivery=Deliver the service"};
    flags.retention = {"contact.email:P2Y:end-of-contract", "identity.name:P1Y"};
    auto refused = authoring::add_system(ws.root, flags, ws.today, false);
    CHECK_FALSE(refused.written);
    bool named_flag = false;
    for (const auto& d : refused.diagnostics)
        if (d.rule_id == "consent-without-evidence") named_flag = d.hint.find("--evidence") != std::string::npos;
    CHECK(named_flag);
    auto commands = authoring::reproducing_commands(flags, "my ws");
    REQUIRE(commands.size() == 1);
    CHECK(commands[0].find("gdprctl --workspace 'my ws' register add --id crm") == 0);
    CHECK(commands[0].find("--purpose-description 'news=Monthly newsletter'") != std::string::npos);
    CHECK(commands[0].find("--retention contact.email:P2Y:end-of-contract --retention identity.name:P1Y") !=
          std::string::npos);
    flags.consent_evidence = {"news=form-log"};
    flags.consent_withdrawal = {"news=unsubscribe"};
    REQUIRE(authoring::add_system(ws.root, flags, ws.today, false).written);
    auto reg = authoring::load_for_listing(ws.root);
    const auto* system = reg.find_system("crm");
    REQUIRE(system);
    REQUIRE(system->purposes.size() == 2);
    CHECK(system->purposes[1].data == std::vector<std::string>{"contact.email"});
    CHECK(system->purposes[1].description == "Monthly newsletter");
    CHECK(system->retention.size() == 2);
}

TEST_CASE("init: country codes in any case; an existing workspace is refused before anything", "[authoring]") {
    Workspace ws;
    CHECK_THROWS_AS(authoring::refuse_existing_workspace(ws.root), UsageError);
    CHECK_NOTHROW(authoring::refuse_existing_workspace(ws.root.parent_path() / "new"));
    CHECK_NOTHROW(authoring::validate_init_field("country", "nl"));
    authoring::InitOptions lower{ws.root.parent_path() / "lower", "Acme", "de", "a@b.example", "ISO", "AP", ws.today};
    authoring::init_workspace(lower);
    auto reg = authoring::load_for_listing(lower.dir);
    REQUIRE(reg.organization);
    CHECK(reg.organization->country == "DE");
}
