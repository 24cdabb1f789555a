#include "time/deadline.hpp"

#include "support/string_makers.hpp"

using namespace gdprctl::time;

namespace {
Date d(const char* text) { return *parse_date(text); }
}  // namespace

TEST_CASE("one-month deadline per Regulation 1182/71 Art. 3", "[time][deadline]") {
    HolidayCalendar none;
    SECTION("same date next month") { CHECK(period_end_months(d("2026-03-10"), 1, none) == d("2026-04-10")); }
    SECTION("31st before a 30-day month ends on the 30th") {
        CHECK(period_end_months(d("2026-03-31"), 1, none) == d("2026-04-30"));
    }
    SECTION("month-end clamp onto a Saturday moves to Monday") {
        CHECK(d("2026-02-28").weekday() == std::chrono::Saturday);
        CHECK(period_end_months(d("2026-01-31"), 1, none) == d("2026-03-02"));
    }
    SECTION("leap year") { CHECK(period_end_months(d("2028-01-31"), 1, none) == d("2028-02-29")); }
    SECTION("Sunday moves to Monday") {
        CHECK(d("2026-05-10").weekday() == std::chrono::Sunday);
        CHECK(period_end_months(d("2026-04-10"), 1, none) == d("2026-05-11"));
    }
    SECTION("three months for an extension") {
        CHECK(period_end_months(d("2026-01-15"), 3, none) == d("2026-04-15"));
        CHECK(period_end_months(d("2026-11-30"), 3, none) == d("2027-03-01"));  // Feb 28 2027 is a Sunday
    }
}

TEST_CASE("holidays move the deadline to the next working day", "[time][deadline]") {
    HolidayCalendar christmas({d("2026-12-25"), d("2026-12-26")});
    // 2026-12-25 is a Friday, the 26th a Saturday, the 27th a Sunday.
    CHECK(period_end_months(d("2026-11-25"), 1, christmas) == d("2026-12-28"));
    HolidayCalendar none;
    CHECK(period_end_months(d("2026-11-25"), 1, none) == d("2026-12-25"));
    HolidayCalendar new_year({d("2027-01-01")});
    CHECK(period_end_months(d("2026-12-01"), 1, new_year) == d("2027-01-04"));
}
