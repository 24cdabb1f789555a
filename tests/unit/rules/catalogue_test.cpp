#include "rules/catalogue.hpp"

#include <catch2/catch.hpp>

using gdprctl::diag::Diagnostic;
using gdprctl::diag::Severity;
using gdprctl::diag::SeverityOverride;
namespace rules = gdprctl::rules;

namespace {

Diagnostic finding(std::string rule) {
    Diagnostic d;
    d.rule_id = std::move(rule);
    return d;
}

}  // namespace

TEST_CASE("apply_catalogue gives the catalogue's level, then the workspace's override", "[rules][catalogue]") {
    std::vector<Diagnostic> diagnostics{finding("data-unused"), finding("retention-missing"), finding("yaml-syntax")};
    rules::apply_catalogue(diagnostics);
    CHECK(diagnostics[0].severity == Severity::warning);
    CHECK(diagnostics[1].severity == Severity::error);
    CHECK_FALSE(diagnostics[0].article.empty());

    std::vector<SeverityOverride> overrides{{"data-unused", Severity::error, {9, 5}},
                                            {"retention-missing", Severity::note, {10, 5}}};
    rules::apply_catalogue(diagnostics, overrides);
    CHECK(diagnostics[0].severity == Severity::error);
    CHECK(diagnostics[1].severity == Severity::note);
    CHECK(diagnostics[2].severity == Severity::error);  // not named: the catalogue's
}

TEST_CASE("severity overrides must name a rule and may not lower a format error", "[rules][catalogue]") {
    CHECK_FALSE(rules::check_severity_overrides({}));
    CHECK_FALSE(rules::check_severity_overrides({{"data-unused", Severity::error, {}},
                                                 {"stale-temp-file", Severity::error, {}},  // a format warning raised
                                                 {"retention-missing", Severity::note, {}}}));

    std::vector<SeverityOverride> typo{{"data-unused", Severity::error, {8, 3}}, {"data-unsued", Severity::note, {9, 3}}};
    auto problem = rules::check_severity_overrides(typo);
    REQUIRE(problem);
    CHECK(problem->at == &typo[1]);
    CHECK(problem->message == "settings.severity names unknown rule `data-unsued`");
    CHECK(problem->hint == "did you mean `data-unused`?");

    std::vector<SeverityOverride> lowered{{"yaml-syntax", Severity::warning, {9, 3}}};
    problem = rules::check_severity_overrides(lowered);
    REQUIRE(problem);
    CHECK(problem->message == "settings.severity cannot make `yaml-syntax` a warning: a format error stays an error");
}
