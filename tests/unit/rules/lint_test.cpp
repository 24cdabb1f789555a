#include "rules/lint.hpp"

#include "register/loader.hpp"
#include "rules/catalogue.hpp"
#include "support/temp_workspace.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using gdprctl::testing::TempWorkspace;
using gdprctl::testing::minimal_gdpr_yaml;

namespace {

// Loads `files` into a workspace, lints as of `today` and returns the rule ids found.
std::vector<gdprctl::diag::Diagnostic> lint_workspace(const std::vector<std::pair<std::string, std::string>>& files,
                                                      const char* today = "2026-11-25") {
    TempWorkspace ws;
    ws.write("gdpr.yaml", minimal_gdpr_yaml);
    for (const auto& [path, content] : files) ws.write(path, content);
    auto loaded = gdprctl::reg::load_register(ws.root());
    std::vector<gdprctl::diag::Diagnostic> out;
    gdprctl::rules::lint(loaded.reg, *gdprctl::time::parse_date(today), out);
    gdprctl::rules::apply_catalogue(out);
    return out;
}

std::size_t count(const std::vector<gdprctl::diag::Diagnostic>& diagnostics, const std::string& rule) {
    return static_cast<std::size_t>(
        std::count_if(diagnostics.begin(), diagnostics.end(), [&](const auto& d) { return d.rule_id == rule; }));
}

std::string system_with(const std::string& purposes, const std::string& extra = "",
                        const std::string& data = "[identity.name]") {
    return "systems:\n"
           "  - id: s\n"
           "    name: S\n"
           "    owner: O\n"
           "    subjects: [customer]\n"
           "    data: " + data + "\n"
           "    purposes:\n" + purposes +
           "    retention:\n"
           "      - {data: [identity, special, criminal, contact], period: P1Y}\n"
           "    security: [tls]\n"
           "    last_review: 2026-06-01\n" + extra;
}

}  // namespace

TEST_CASE("a clean system has no findings", "[rules]") {
    auto out = lint_workspace({{"s.yaml", system_with("      - {id: p, description: Deliver it, basis: contract}\n")}});
    CHECK(out.empty());
}

TEST_CASE("a purpose needs a description; a review cannot be dated after today", "[rules]") {
    auto out = lint_workspace({{"s.yaml", system_with("      - {id: p, basis: contract}\n")}});
    CHECK(count(out, "purpose-without-description") == 1);
    CHECK(count(out, "review-date-in-future") == 0);
    auto future = lint_workspace({{"s.yaml", system_with("      - {id: p, description: D, basis: contract}\n")}},
                                 "2026-05-31");
    CHECK(count(future, "review-date-in-future") == 1);
    CHECK(count(future, "system-review-overdue") == 0);
    auto same_day = lint_workspace({{"s.yaml", system_with("      - {id: p, description: D, basis: contract}\n")}},
                                   "2026-06-01");
    CHECK(same_day.empty());
}

TEST_CASE("an unknown rule id gets the nearest id or the rules about the word", "[rules]") {
    CHECK(gdprctl::rules::suggest_rule("retention-undetrmined") == "did you mean `retention-undetermined`?");
    CHECK(gdprctl::rules::suggest_rule("consent").find("consent-without-evidence") != std::string::npos);
    CHECK(gdprctl::rules::suggest_rule("zzzz") == "run `gdprctl rules` to list every rule");
}

TEST_CASE("consent needs evidence and a withdrawal route (Art. 7)", "[rules]") {
    auto none = lint_workspace({{"s.yaml", system_with("      - {id: p, basis: consent}\n      - {id: q, basis: contract}\n")}});
    CHECK(count(none, "consent-without-evidence") == 1);
    CHECK(count(none, "consent-without-withdrawal") == 1);
    auto half = lint_workspace({{"s.yaml", system_with("      - {id: p, description: D, basis: consent, consent: {evidence: log}}\n"
                                                       "      - {id: q, description: D, basis: contract}\n")}});
    CHECK(count(half, "consent-without-evidence") == 0);
    CHECK(count(half, "consent-without-withdrawal") == 1);
    const auto& finding = half.front();
    CHECK(finding.article == "GDPR Art. 7(3)");
    CHECK(finding.severity == gdprctl::diag::Severity::error);
}

TEST_CASE("consent for every purpose is a warning", "[rules]") {
    auto out = lint_workspace({{"s.yaml", system_with("      - {id: p, basis: consent, consent: {evidence: a, withdrawal: b}}\n"
                                                      "      - {id: q, basis: consent, consent: {evidence: a, withdrawal: b}}\n")}});
    REQUIRE(count(out, "consent-for-everything") == 1);
    CHECK(out.front().severity == gdprctl::diag::Severity::warning);
}

TEST_CASE("legitimate interests need an LIA and legal obligations a law", "[rules]") {
    auto out = lint_workspace({{"s.yaml", system_with("      - {id: p, basis: legitimate-interests}\n"
                                                      "      - {id: q, basis: legal-obligation}\n"
                                                      "      - {id: r, basis: legitimate-interests, lia: LIA-1}\n"
                                                      "      - {id: t, basis: legal-obligation, law: Algemene wet inzake rijksbelastingen art. 52}\n")}});
    CHECK(count(out, "legitimate-interests-without-lia") == 1);
    CHECK(count(out, "legal-obligation-without-law") == 1);
}

TEST_CASE("special and criminal data need their extra conditions", "[rules]") {
    auto out = lint_workspace(
        {{"s.yaml", system_with("      - {id: p, basis: contract}\n"
                                "      - {id: q, basis: contract, data: [identity.name]}\n"
                                "      - {id: r, basis: consent, data: [special.health], special_condition: 9(2)(a),"
                                " consent: {evidence: a, withdrawal: b}}\n",
                                "", "[identity.name, special.health, criminal.convictions]")}});
    CHECK(count(out, "special-category-without-condition") == 1);  // p uses all data; q only the name
    CHECK(count(out, "criminal-data-without-authority") == 1);
}

TEST_CASE("retention must be set and determined (Art. 5(1)(e))", "[rules]") {
    std::string text = "systems:\n  - id: s\n    name: S\n    owner: O\n    subjects: [c]\n"
                       "    data: [identity.name, contact.phone, contact.email]\n"
                       "    purposes: [{id: p, basis: contract}]\n"
                       "    retention:\n      - {data: [contact.phone], period: undetermined}\n"
                       "      - {data: [contact.email], period: P1Y}\n"
                       "    security: [tls]\n    last_review: 2026-06-01\n";
    auto out = lint_workspace({{"s.yaml", text}});
    CHECK(count(out, "retention-missing") == 1);
    CHECK(count(out, "retention-undetermined") == 1);
    auto it = std::find_if(out.begin(), out.end(), [](const auto& d) { return d.rule_id == "retention-undetermined"; });
    CHECK(it->pos.line == 9);
    CHECK(it->pos.col == 41);
}

TEST_CASE("processors need agreements and non-EEA recipients safeguards", "[rules]") {
    auto out = lint_workspace({{"r.yaml", "recipients:\n"
                                          "  - {id: a, name: A, role: processor, country: US}\n"
                                          "  - {id: b, name: B, role: processor, country: DE, agreement: {signed: 2025-01-01}}\n"
                                          "  - {id: c, name: C, role: controller, country: US, transfer: scc}\n"
                                          "  - {id: d, name: D, role: controller, country: NO}\n"}});
    CHECK(count(out, "processor-without-agreement") == 1);
    CHECK(count(out, "transfer-without-safeguard") == 1);
}

TEST_CASE("cookie rules: consent, lifetime, provider and known lifetimes", "[rules]") {
    std::string systems = system_with("      - {id: analytics, basis: consent, consent: {evidence: banner, withdrawal: banner}}\n"
                                      "      - {id: service, basis: contract}\n");
    std::string cookies =
        "recipients:\n  - {id: google, name: Google, role: processor, country: IE, agreement: {signed: 2025-01-01}}\n"
        "cookies:\n"
        "  - {name: _ga, provider: google, category: analytics, expiry: session, system: s, purpose: analytics}\n"
        "  - {name: long, provider: first-party, category: analytics, expiry: P2Y, system: s, purpose: analytics}\n"
        "  - {name: contract, provider: first-party, category: functional, expiry: P1D, system: s, purpose: service}\n"
        "  - {name: stranger, provider: tracker-inc, category: strictly-necessary, expiry: P1D}\n"
        "  - {name: _gid, provider: google, category: analytics, expiry: P1D, system: s, purpose: analytics}\n";
    auto out = lint_workspace({{"s.yaml", systems}, {"c.yaml", cookies}});
    CHECK(count(out, "cookie-expiry-mismatch") == 1);      // _ga
    CHECK(count(out, "cookie-lifetime-too-long") == 1);    // long
    CHECK(count(out, "cookie-without-consent") == 1);      // contract
    CHECK(count(out, "cookie-provider-undeclared") == 1);  // stranger
}

TEST_CASE("reviews are overdue relative to the as-of date", "[rules]") {
    auto text = system_with("      - {id: p, basis: contract}\n");
    CHECK(count(lint_workspace({{"s.yaml", text}}, "2027-06-01"), "system-review-overdue") == 0);
    CHECK(count(lint_workspace({{"s.yaml", text}}, "2027-06-02"), "system-review-overdue") == 1);
    CHECK(count(lint_workspace({{"s.yaml", text}}, "2027-04-01"), "policy-review-overdue") == 0);
    CHECK(count(lint_workspace({{"s.yaml", text}}, "2027-04-02"), "policy-review-overdue") == 1);
}

TEST_CASE("unused data and missing security measures are reported", "[rules]") {
    std::string text = "systems:\n  - id: s\n    name: S\n    owner: O\n    subjects: [c]\n"
                       "    data: [identity.name, contact.email]\n"
                       "    purposes: [{id: p, basis: contract, data: [identity.name]}]\n"
                       "    retention: [{data: [identity, contact], period: P1Y}]\n"
                       "    last_review: 2026-06-01\n";
    auto out = lint_workspace({{"s.yaml", text}});
    CHECK(count(out, "data-unused") == 1);
    CHECK(count(out, "missing-security-measures") == 1);
}

TEST_CASE("missing responsible person and contact are reported", "[rules]") {
    TempWorkspace ws;
    ws.write("gdpr.yaml", "organization: {name: X, country: NL}\npolicy: {last_review: 2026-06-01}\n");
    auto loaded = gdprctl::reg::load_register(ws.root());
    std::vector<gdprctl::diag::Diagnostic> out;
    gdprctl::rules::lint(loaded.reg, *gdprctl::time::parse_date("2026-11-25"), out);
    CHECK(count(out, "missing-responsible-person") == 1);
    CHECK(count(out, "missing-contact") == 1);
    CHECK(count(out, "missing-representative") == 0);  // established in the EEA
    // The policy asks for a responsible person, the GDPR does not: a warning citing the policy.
    gdprctl::rules::apply_catalogue(out);
    auto person = std::find_if(out.begin(), out.end(), [](const auto& d) { return d.rule_id == "missing-responsible-person"; });
    REQUIRE(person != out.end());
    CHECK(person->severity == gdprctl::diag::Severity::warning);
    CHECK(person->article.find("policy") != std::string::npos);
}

TEST_CASE("a controller outside the EEA names a representative (Art. 27)", "[rules]") {
    for (auto [country, expected] : {std::pair{"US", 1}, {"AX", 0}, {"NO", 0}, {"CH", 1}}) {
        TempWorkspace ws;
        ws.write("gdpr.yaml", std::string("organization: {name: X, country: ") + country +
                                  ", contact: {email: a@b.example}}\npolicy: {last_review: 2026-06-01}\n");
        auto loaded = gdprctl::reg::load_register(ws.root());
        std::vector<gdprctl::diag::Diagnostic> out;
        gdprctl::rules::lint(loaded.reg, *gdprctl::time::parse_date("2026-11-25"), out);
        INFO(country);
        CHECK(count(out, "missing-representative") == static_cast<std::size_t>(expected));
    }
}

TEST_CASE("every rule in the catalogue has an article, a why and a fix", "[rules][catalogue]") {
    for (const auto& rule : gdprctl::rules::catalogue()) {
        INFO(rule.id);
        CHECK_FALSE(rule.article.empty());
        CHECK_FALSE(rule.why.empty());
        CHECK_FALSE(rule.fix.empty());
        CHECK(gdprctl::rules::find_rule(rule.id) == &rule);
    }
}
