#include "retention/schedule.hpp"

#include "model/retention.hpp"
#include "register/loader.hpp"

#include <catch2/catch.hpp>

using namespace gdprctl;

TEST_CASE("the schedule lists every rule and, per system, the categories no rule covers", "[retention]") {
    auto loaded = reg::load_register(std::string(GDPRCTL_TEST_DATA) + "/retention");
    auto schedule = retention::build_schedule(loaded.reg);
    REQUIRE(schedule.rows.size() == 5);  // five rules; every category is covered
    CHECK(schedule.rows[1].data == std::vector<std::string>{"contact.email"});
    CHECK(schedule.rows[1].period == "P50M");
    CHECK(schedule.rows[2].action == "anonymise");
    CHECK(schedule.rows[4].status == retention::RowStatus::undetermined);
    CHECK(schedule.rows[4].period.empty());
    CHECK(schedule.gaps() == 1);
}

TEST_CASE("retention coverage: a parent's rule covers its children, a child's rule does not cover the parent",
          "[model]") {
    model::Register reg;
    model::System system;
    system.id = "s";
    model::RetentionRule rule;
    rule.data = {"contact.email"};
    system.retention.push_back(rule);
    CHECK(model::uncovered_by_retention(reg.taxonomy, system, "contact.email").empty());
    CHECK(model::uncovered_by_retention(reg.taxonomy, system, "identity.name") ==
          std::vector<std::string_view>{"identity.name"});
    auto left = model::uncovered_by_retention(reg.taxonomy, system, "contact");
    CHECK(std::find(left.begin(), left.end(), "contact.phone") != left.end());
    CHECK(std::find(left.begin(), left.end(), "contact.email") == left.end());
    system.retention[0].data = {"contact"};
    CHECK(model::uncovered_by_retention(reg.taxonomy, system, "contact.phone").empty());
}
