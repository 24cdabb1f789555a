#include "model/retention.hpp"

#include <catch2/catch.hpp>

using namespace gdprctl;

namespace {

model::System keeping(std::vector<std::string> data, std::vector<std::vector<std::string>> rules) {
    model::System system;
    system.id = "crm";
    system.data = std::move(data);
    for (auto& kept : rules) {
        model::RetentionRule rule;
        rule.data = std::move(kept);
        system.retention.push_back(rule);
    }
    return system;
}

using List = std::vector<std::string_view>;

}  // namespace

TEST_CASE("retention coverage of a parent and a child category", "[model][retention]") {
    const model::Taxonomy taxonomy;

    SECTION("a rule on the parent covers the child") {
        CHECK(model::uncovered_by_retention(taxonomy, keeping({"contact.email"}, {{"contact"}}), "contact.email")
                  .empty());
    }
    SECTION("a rule on one child leaves the parent's other children uncovered") {
        CHECK(model::uncovered_by_retention(taxonomy, keeping({"contact"}, {{"contact.email"}}), "contact") ==
              List{"contact.phone", "contact.address"});
    }
    SECTION("rules on every child cover the parent") {
        const auto system = keeping({"contact"}, {{"contact.email"}, {"contact.phone", "contact.address"}});
        CHECK(model::uncovered_by_retention(taxonomy, system, "contact").empty());
    }
    SECTION("no rule near it: the category itself") {
        CHECK(model::uncovered_by_retention(taxonomy, keeping({"contact"}, {{"identity.name"}}), "contact") ==
              List{"contact"});
    }
}

TEST_CASE("related categories: either covers the other", "[model][retention]") {
    CHECK(model::Taxonomy::related("contact", "contact.email"));
    CHECK(model::Taxonomy::related("contact.email", "contact"));
    CHECK_FALSE(model::Taxonomy::related("contact.email", "contact.phone"));
}
