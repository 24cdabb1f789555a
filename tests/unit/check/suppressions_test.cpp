#include "check/suppressions.hpp"
#include "rules/catalogue.hpp"

#include <catch2/catch.hpp>

using namespace gdprctl;

TEST_CASE("suppressions are read from YAML comments, not from quoted text", "[check][suppressions]") {
    const std::string text =
        "systems:\n"
        "  - id: crm  # gdprctl: ignore[data-unused, retention-missing] kept for DPIA-7\n"
        "    name: \"a # gdprctl: ignore[x] not a comment\"\n"
        "    data: [a]\n"
        "\n"
        "  - id: web\n"
        "    # gdprctl: ignore[missing-security-measures]\n"
        "    security: []\n";
    auto found = check::find_suppressions(text, "systems/crm.yaml");
    REQUIRE(found.size() == 2);
    CHECK(found[0].rules == std::vector<std::string>{"data-unused", "retention-missing"});
    CHECK(found[0].reason == "kept for DPIA-7");
    CHECK(found[0].first_line == 2);
    CHECK(found[0].last_line == 4);  // the entity, up to the next item
    CHECK(found[1].reason.empty());
    CHECK(found[1].first_line == 8);  // a comment alone covers the next line
    CHECK(found[1].last_line == 8);
}

TEST_CASE("a suppression needs a reason and a known rule, and must silence something", "[check][suppressions]") {
    diag::Diagnostic d;
    d.rule_id = "data-unused";
    d.path = "a.yaml";
    d.pos = {3, 5};
    auto suppressions = check::find_suppressions("x: 1\ny: 2\nz: 3  # gdprctl: ignore[data-unused] why\n", "a.yaml");
    auto outcome = check::apply_suppressions({d}, suppressions, {"data-unused"});
    CHECK(outcome.kept.empty());
    REQUIRE(outcome.suppressed.size() == 1);
    CHECK(outcome.suppressed[0].hint == "why");

    auto unused = check::apply_suppressions({}, suppressions, {"data-unused"});
    REQUIRE(unused.kept.size() == 1);
    CHECK(unused.kept[0].rule_id == "suppression-unused");
    CHECK(check::apply_suppressions({}, suppressions, {}).kept.empty());  // rule not active: not reported

    auto no_reason = check::find_suppressions("z: 3  # gdprctl: ignore[data-unused]\n", "a.yaml");
    d.pos = {1, 1};
    auto invalid = check::apply_suppressions({d}, no_reason, {"data-unused"});
    CHECK(invalid.suppressed.empty());
    REQUIRE(invalid.kept.size() == 2);
}

TEST_CASE("an unknown rule in a suppression gets the hint `gdprctl rules ID` and settings.disable give",
          "[check][suppressions]") {
    // A typo of one id, a topic word several ids share, and a word like no id.
    for (std::string word : {"data-unusd", "consent", "qqqq"}) {
        CAPTURE(word);
        auto suppressions = check::find_suppressions("x: 1  # gdprctl: ignore[" + word + "] why\n", "a.yaml");
        auto outcome = check::apply_suppressions({}, suppressions, {});
        REQUIRE(outcome.kept.size() == 1);
        CHECK(outcome.kept[0].rule_id == "suppression-invalid");
        CHECK(outcome.kept[0].message == "a suppression names unknown rule `" + word + "`");
        CHECK(outcome.kept[0].hint == rules::suggest_rule(word));
    }
}
