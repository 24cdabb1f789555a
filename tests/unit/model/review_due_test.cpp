#include "model/review_due.hpp"

#include "support/string_makers.hpp"

using namespace gdprctl;
using model::ReviewState;
using time::Date;

// check (lint), report (ropa_model), list (register list --review-due), the annual review and
// authoring all ask these functions, so they agree on this boundary by construction.
TEST_CASE("a review is due on its anniversary and overdue from the day after", "[model][review]") {
    model::Register reg;
    model::System system;
    system.id = "crm";
    system.last_review = Date::from_ymd(2026, 11, 1);
    const auto next = model::next_review(reg, system);  // settings.system_review_interval: P1Y
    REQUIRE(next == Date::from_ymd(2027, 11, 1));

    using Row = std::tuple<Date, ReviewState, bool>;
    auto [today, state, listed] = GENERATE(table<Date, ReviewState, bool>({
        Row{Date::from_ymd(2027, 10, 31), ReviewState::current, false},
        Row{Date::from_ymd(2027, 11, 1), ReviewState::due, true},      // the anniversary itself: due, not overdue
        Row{Date::from_ymd(2027, 11, 2), ReviewState::overdue, true},  // the day after: overdue
    }));
    INFO(today.to_string());
    CHECK(model::review_state(next, today) == state);
    CHECK(model::review_is_due(reg, system, today) == listed);
}

TEST_CASE("a system's own interval wins over the register's; never reviewed is due now", "[model][review]") {
    model::Register reg;
    reg.settings.system_review_interval = *time::parse_duration("P2Y");
    model::System system;
    CHECK(model::review_state(model::next_review(reg, system), Date::from_ymd(2000, 1, 1)) ==
          ReviewState::never_reviewed);
    CHECK(model::review_is_due(reg, system, Date::from_ymd(2000, 1, 1)));
    system.last_review = Date::from_ymd(2024, 2, 29);
    CHECK(model::next_review(reg, system) == Date::from_ymd(2026, 2, 28));
    system.review_interval = *time::parse_duration("P6M");
    CHECK(model::next_review(reg, system) == Date::from_ymd(2024, 8, 29));

    model::Policy policy;
    policy.last_review = Date::from_ymd(2026, 1, 31);
    policy.review_interval = *time::parse_duration("P1M");
    CHECK(model::next_review(policy) == Date::from_ymd(2026, 2, 28));
}
