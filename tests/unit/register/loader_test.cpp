#include "register/loader.hpp"

#include "support/temp_workspace.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using gdprctl::testing::minimal_gdpr_yaml;
using gdprctl::testing::TempWorkspace;
namespace reg = gdprctl::reg;

namespace {

std::vector<std::string> rules_of(const std::vector<gdprctl::diag::Diagnostic>& diagnostics) {
    std::vector<std::string> ids;
    for (const auto& d : diagnostics) ids.push_back(d.rule_id);
    return ids;
}

const gdprctl::diag::Diagnostic* find(const std::vector<gdprctl::diag::Diagnostic>& diagnostics,
                                      const std::string& rule) {
    auto it = std::find_if(diagnostics.begin(), diagnostics.end(), [&](const auto& d) { return d.rule_id == rule; });
    return it == diagnostics.end() ? nullptr : &*it;
}

const char* good_system =
    "systems:\n"
    "  - id: crm\n"
    "    name: CRM\n"
    "    owner: Sales\n"
    "    subjects: [customer]\n"
    "    data: [identity.name, contact.email]\n"
    "    purposes:\n"
    "      - {id: service, basis: contract}\n"
    "    retention:\n"
    "      - {data: [contact], period: P2Y, after: end-of-contract}\n"
    "      - {data: [identity.name], period: P2Y}\n"
    "    security: [tls]\n"
    "    last_review: 2026-03-01\n";

}  // namespace

TEST_CASE("a valid workspace loads without diagnostics and merges its files", "[register][loader]") {
    TempWorkspace ws;
    ws.write("gdpr.yaml", minimal_gdpr_yaml);
    ws.write("systems/crm.yaml", good_system);
    ws.write("recipients.yml", "recipients:\n  - {id: mailer, name: Mailer, role: processor, country: NL}\n");
    ws.write(".hidden/ignored.yaml", "nonsense: [");
    ws.write(".gdprctl/ignored.yaml", "nonsense: [");
    ws.write("notes.txt", "not yaml");

    auto result = reg::load_register(ws.root());
    CHECK(result.diagnostics.empty());
    REQUIRE(result.reg.files == std::vector<std::string>{"gdpr.yaml", "recipients.yml", "systems/crm.yaml"});
    REQUIRE(result.reg.systems.size() == 1);
    const auto& crm = result.reg.systems[0];
    CHECK(crm.id == "crm");
    CHECK(result.reg.file_of(crm) == "systems/crm.yaml");
    CHECK(crm.pos.line == 2);
    CHECK(crm.at("last_review").line == 13);
    CHECK(crm.at("last_review").col == 18);
    CHECK(crm.last_review->to_string() == "2026-03-01");
    CHECK(crm.purposes.at(0).basis == gdprctl::model::LawfulBasis::contract);
    CHECK(crm.retention.at(0).period->years == 2);
    REQUIRE(result.reg.recipients.size() == 1);
    CHECK(result.reg.organization->name == "Example B.V.");
}

TEST_CASE("structural problems are all collected with positions and hints", "[register][loader]") {
    TempWorkspace ws;
    ws.write("gdpr.yaml", minimal_gdpr_yaml);
    ws.write("systems/bad.yaml",
             "systems:\n"
             "  - id: bad\n"
             "    name: Bad\n"
             "    subjects: customer\n"
             "    data: [contact.emial]\n"
             "    purposes:\n"
             "      - {id: p, basis: consnet}\n"
             "    retention:\n"
             "      - {data: [contact.emial], period: 2 years}\n"
             "    last_review: 2026-02-30\n"
             "    ownr: Sales\n");
    auto result = reg::load_register(ws.root());
    const auto& diagnostics = result.diagnostics;

    const auto* missing = find(diagnostics, "schema-required");
    REQUIRE(missing);
    CHECK(missing->message == "system is missing required field `owner`");
    CHECK(missing->path == "systems/bad.yaml");
    CHECK(missing->pos.line == 2);

    const auto* type = find(diagnostics, "schema-type");
    REQUIRE(type);
    CHECK(type->message == "`subjects` must be a list, not a scalar");
    CHECK(type->pos.line == 4);
    CHECK(type->pos.col == 15);

    const auto* unknown_field = find(diagnostics, "schema-unknown-field");
    REQUIRE(unknown_field);
    CHECK(unknown_field->message == "unknown field `ownr` in system");
    CHECK(unknown_field->hint == "did you mean `owner`?");

    const auto* basis = find(diagnostics, "lawful-basis-unknown");
    REQUIRE(basis);
    CHECK(basis->hint == "did you mean `consent`?");

    const auto* duration = find(diagnostics, "invalid-duration");
    REQUIRE(duration);
    CHECK(duration->hint == "did you mean `P2Y`?");

    const auto* date = find(diagnostics, "invalid-date");
    REQUIRE(date);
    CHECK(date->message == "`last_review` is not a valid date: `2026-02-30`");
    CHECK(date->pos.line == 10);

    const auto* category = find(diagnostics, "unknown-data-category");
    REQUIRE(category);
    CHECK(category->hint == "did you mean `contact.email`?");
}

TEST_CASE("a malformed file does not hide problems in the others", "[register][loader]") {
    TempWorkspace ws;
    ws.write("gdpr.yaml", minimal_gdpr_yaml);
    ws.write("systems/a.yaml", "systems:\n  - id: a\n    name: [unclosed\n");
    ws.write("systems/b.yaml",
             "systems:\n  - id: b\n    name: B\n    owner: X\n    subjects: [s]\n    data: [identity]\n"
             "    purposes: [{id: p, basis: contract}]\n    colour: red\n");
    auto result = reg::load_register(ws.root());
    auto ids = rules_of(result.diagnostics);
    CHECK(std::count(ids.begin(), ids.end(), "yaml-syntax") == 1);
    CHECK(std::count(ids.begin(), ids.end(), "schema-unknown-field") == 1);
    const auto* syntax = find(result.diagnostics, "yaml-syntax");
    CHECK(syntax->path == "systems/a.yaml");
    CHECK(syntax->pos.line >= 3);
}

TEST_CASE("duplicate keys, duplicate ids and dangling references are reported", "[register][loader]") {
    TempWorkspace ws;
    ws.write("gdpr.yaml", minimal_gdpr_yaml);
    ws.write("systems/one.yaml", good_system);
    ws.write("systems/two.yaml",
             "systems:\n"
             "  - id: crm\n"
             "    name: CRM again\n"
             "    name: Twice\n"
             "    owner: Sales\n"
             "    subjects: [customer]\n"
             "    data: [identity.name]\n"
             "    purposes:\n"
             "      - {id: p, basis: contract, data: [contact.email]}\n"
             "    recipients: [nobody]\n"
             "cookies:\n"
             "  - {name: c, provider: first-party, category: functional, expiry: P1D, system: crn}\n");
    auto result = reg::load_register(ws.root());

    const auto* duplicate_key = find(result.diagnostics, "duplicate-key");
    REQUIRE(duplicate_key);
    CHECK(duplicate_key->message == "duplicate key `name` (first defined at line 3); YAML keeps only one of them");
    CHECK(duplicate_key->pos.line == 4);

    const auto* duplicate_id = find(result.diagnostics, "duplicate-id");
    REQUIRE(duplicate_id);
    CHECK(duplicate_id->path == "systems/two.yaml");
    CHECK(duplicate_id->message == "system `crm` is defined twice; first at systems/one.yaml:2");

    auto ids = rules_of(result.diagnostics);
    CHECK(std::count(ids.begin(), ids.end(), "unknown-reference") == 2);
    const auto* not_in_system = find(result.diagnostics, "data-not-in-system");
    REQUIRE(not_in_system);
    CHECK(not_in_system->message == "purpose `p` uses `contact.email`, which system `crm` does not list in its `data`");
}

TEST_CASE("register files may not hold workspace settings", "[register][loader]") {
    TempWorkspace ws;
    ws.write("gdpr.yaml", minimal_gdpr_yaml);
    ws.write("systems/x.yaml", "organization: {name: X}\nsytems: []\n");
    auto result = reg::load_register(ws.root());
    REQUIRE(result.diagnostics.size() == 2);
    CHECK(result.diagnostics[0].message == "`organization` belongs in gdpr.yaml, not in a register file");
    CHECK(result.diagnostics[1].hint == "did you mean `systems`?");
}

TEST_CASE("taxonomy additions from gdpr.yaml are known and inherit their class", "[register][loader]") {
    TempWorkspace ws;
    ws.write("gdpr.yaml", std::string(minimal_gdpr_yaml) +
                              "taxonomy:\n  - {id: telecom.call-records, name: Call detail records}\n"
                              "  - {id: special.health.vaccination, name: Vaccination status}\n");
    auto result = reg::load_register(ws.root());
    CHECK(result.diagnostics.empty());
    CHECK(result.reg.taxonomy.contains("telecom.call-records"));
    CHECK(result.reg.taxonomy.class_of("special.health.vaccination") == gdprctl::model::DataClass::special);
}

TEST_CASE("settings.disable is read with the position of each rule id; a non-scalar entry is reported",
          "[register][loader]") {
    TempWorkspace ws;
    ws.write("gdpr.yaml", std::string(minimal_gdpr_yaml) +
                              "settings:\n"
                              "  disable: [data-unused,\n"
                              "            consent]\n");
    auto result = reg::load_register(ws.root());
    const auto& disabled = result.reg.settings.disabled_rules;
    REQUIRE(disabled.size() == 2);
    CHECK(disabled[0].id == "data-unused");
    CHECK(disabled[0].pos.line == 8);
    CHECK(disabled[0].pos.col == 13);
    CHECK(disabled[1].id == "consent");
    CHECK(disabled[1].pos.line == 9);
    CHECK(disabled[1].pos.col == 13);
    CHECK(result.diagnostics.empty());

    TempWorkspace other;
    other.write("gdpr.yaml", std::string(minimal_gdpr_yaml) + "settings:\n  disable: [{data-unused: true}]\n");
    auto nested = reg::load_register(other.root());
    CHECK(nested.reg.settings.disabled_rules.empty());
    REQUIRE(nested.diagnostics.size() == 1);
    CHECK(nested.diagnostics[0].rule_id == "schema-type");
}

TEST_CASE("settings.severity is read with the position of each rule id; a bad level is reported",
          "[register][loader]") {
    TempWorkspace ws;
    ws.write("gdpr.yaml", std::string(minimal_gdpr_yaml) +
                              "settings:\n"
                              "  severity:\n"
                              "    data-unused: error\n"
                              "    retention-missing: note\n"
                              "    consent-for-everything: eror\n"
                              "    cookie-expiry-mismatch: off\n");
    auto result = reg::load_register(ws.root());
    const auto& overrides = result.reg.settings.severity;
    REQUIRE(overrides.size() == 2);
    CHECK(overrides[0].rule == "data-unused");
    CHECK(overrides[0].level == gdprctl::diag::Severity::error);
    CHECK(overrides[0].pos.line == 9);
    CHECK(overrides[0].pos.col == 5);
    CHECK(overrides[1].level == gdprctl::diag::Severity::note);
    REQUIRE(result.diagnostics.size() == 2);
    CHECK(result.diagnostics[0].rule_id == "schema-enum");
    CHECK(result.diagnostics[0].message ==
          "`severity.consent-for-everything` has an unknown level `eror`; expected one of: error, warning, note");
    CHECK(result.diagnostics[0].hint == "did you mean `error`?");
    CHECK(result.diagnostics[0].pos.line == 11);
    CHECK(result.diagnostics[1].hint ==
          "to turn the rule off, list it under `disable:` instead (disable: [cookie-expiry-mismatch])");
}

// The items of `systems`, `recipients` and `cookies` are decoded while the file is parsed (the
// tree of a big file is never held whole): the result must be what decoding the whole tree gave.
TEST_CASE("list items decoded during the parse keep file order and findings; a file that fails drops them",
          "[register][loader]") {
    std::string three = "systems:\n";
    for (std::string id : {"s1", "s2", "s3"}) {
        std::string item = std::string(good_system).substr(std::string("systems:\n").size());
        item.replace(item.find("crm"), 3, id);
        if (id == "s2") item.insert(item.find('\n') + 1, "    colour: red\n");
        three += item;
    }
    TempWorkspace ws;
    ws.write("gdpr.yaml", minimal_gdpr_yaml);
    ws.write("systems/all.yaml",
             three + "cookies:\n  - {name: c, provider: first, category: analytics, expiry: P1Y}\n");
    auto result = reg::load_register(ws.root());
    REQUIRE(result.reg.systems.size() == 3);
    CHECK(result.reg.systems[0].id == "s1");
    CHECK(result.reg.systems[2].id == "s3");
    CHECK(result.reg.cookies.size() == 1);
    REQUIRE(rules_of(result.diagnostics) == std::vector<std::string>{"schema-unknown-field"});
    CHECK(result.diagnostics[0].pos.line == result.reg.systems[1].pos.line + 1);

    // The same file with a syntax error after its systems: none of them is kept, nor their findings.
    ws.write("systems/all.yaml", three + "cookies: [unclosed\n");
    auto broken = reg::load_register(ws.root());
    CHECK(broken.reg.systems.empty());
    CHECK(rules_of(broken.diagnostics) == std::vector<std::string>{"yaml-syntax"});
}
