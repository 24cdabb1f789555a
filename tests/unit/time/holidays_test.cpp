#include "time/deadline.hpp"
#include "time/holidays.hpp"

#include "support/string_makers.hpp"

using namespace gdprctl::time;

namespace {
Date d(const char* text) { return *parse_date(text); }

// The built-in Dutch calendar and no settings.holidays.
HolidayCalendar dutch() { return HolidayCalendar({}, find_country_calendar("NL")); }
}  // namespace

TEST_CASE("Easter Sunday", "[time][holidays]") {
    CHECK(easter_sunday(2024) == d("2024-03-31"));
    CHECK(easter_sunday(2025) == d("2025-04-20"));
    CHECK(easter_sunday(2026) == d("2026-04-05"));
    CHECK(easter_sunday(2027) == d("2027-03-28"));
    CHECK(easter_sunday(2028) == d("2028-04-16"));
    CHECK(easter_sunday(2038) == d("2038-04-25"));  // the latest possible date
}

TEST_CASE("the Dutch calendar of the Algemene termijnenwet", "[time][holidays]") {
    const auto* nl = find_country_calendar("nl");
    REQUIRE(nl != nullptr);
    CHECK(find_country_calendar("XX") == nullptr);
    const auto days = nl->holidays_in(2026);
    std::vector<std::string> dates;
    for (const auto& holiday : days) dates.push_back(holiday.date.to_string());
    CHECK(dates == std::vector<std::string>{"2026-01-01", "2026-01-02", "2026-04-03", "2026-04-06", "2026-04-27",
                                            "2026-05-05", "2026-05-14", "2026-05-15", "2026-05-25", "2026-12-25",
                                            "2026-12-26"});
    for (const auto& holiday : days) CHECK_FALSE(holiday.source.empty());
    CHECK(days[1].source.find("Besluit gelijkstelling van 2 januari 2026") != std::string::npos);
    CHECK(nl->covers(2026));
    CHECK_FALSE(nl->covers(2029));
}

// Regulation 1182/71 Art. 3(4) with the built-in calendar: one case per kind of holiday.
TEST_CASE("Art. 12(3) deadlines with the built-in Dutch calendar", "[time][holidays][deadline]") {
    const auto calendar = dutch();
    SECTION("Good Friday and Easter Monday") {
        // Due Good Friday 3 April 2026 -> weekend -> Easter Monday 6 April -> Tuesday 7 April.
        CHECK(period_end_months(d("2026-03-03"), 1, calendar) == d("2026-04-07"));
    }
    SECTION("Easter Monday") { CHECK(period_end_months(d("2026-03-06"), 1, calendar) == d("2026-04-07")); }
    SECTION("King's Day on a Sunday is celebrated on the 26th") {
        CHECK(d("2025-04-27").weekday() == std::chrono::Sunday);
        CHECK(calendar.is_holiday(d("2025-04-26")));
        CHECK_FALSE(calendar.is_holiday(d("2025-04-27")));
        // Due Saturday 26 April 2025 (King's Day) -> Sunday -> Monday 28 April, a working day.
        CHECK(period_end_months(d("2025-03-26"), 1, calendar) == d("2025-04-28"));
        // An ordinary year: King's Day on Monday 27 April 2026.
        CHECK(period_end_months(d("2026-03-27"), 1, calendar) == d("2026-04-28"));
    }
    SECTION("5 May in a non-lustrum year") {
        CHECK(period_end_months(d("2026-04-05"), 1, calendar) == d("2026-05-06"));
    }
    SECTION("Ascension Day and its equated Friday") {
        // Thursday 14 May 2026, Friday 15 May by decree, then the weekend.
        CHECK(period_end_months(d("2026-04-14"), 1, calendar) == d("2026-05-18"));
        CHECK(period_end_months(d("2027-04-06"), 1, calendar) == d("2027-05-10"));  // 6 and 7 May 2027
    }
    SECTION("Whit Monday") { CHECK(period_end_months(d("2026-04-25"), 1, calendar) == d("2026-05-26")); }
    SECTION("Christmas on a weekend has no substitute day") {
        CHECK(d("2027-12-25").weekday() == std::chrono::Saturday);
        CHECK(period_end_months(d("2027-11-25"), 1, calendar) == d("2027-12-27"));
    }
    SECTION("New Year's Day with an equated 2 January") {
        CHECK(period_end_months(d("2025-12-01"), 1, calendar) == d("2026-01-05"));
        CHECK(period_end_months(d("2025-12-02"), 1, calendar) == d("2026-01-05"));
    }
    SECTION("settings.holidays adds to the built-in days") {
        const HolidayCalendar more({d("2026-06-15")}, find_country_calendar("NL"));
        CHECK(period_end_months(d("2026-05-15"), 1, more) == d("2026-06-16"));
        CHECK(period_end_months(d("2026-03-06"), 1, more) == d("2026-04-07"));
    }
}

TEST_CASE("years the calendar does not cover are said", "[time][holidays]") {
    CHECK_FALSE(dutch().coverage_gap(d("2027-06-01")).has_value());
    const auto gap = dutch().coverage_gap(d("2029-06-01"));
    REQUIRE(gap.has_value());
    CHECK(gap->find("2023-2028") != std::string::npos);
    CHECK_FALSE(HolidayCalendar({d("2029-12-25")}, find_country_calendar("NL")).coverage_gap(d("2029-06-01")));
    const auto none = HolidayCalendar().coverage_gap(d("2026-06-01"));
    REQUIRE(none.has_value());
    CHECK(none->find("settings.holidays is empty") != std::string::npos);
    CHECK(HolidayCalendar({d("2026-12-25")}).coverage_gap(d("2027-01-04")).has_value());
    CHECK_FALSE(HolidayCalendar({d("2026-12-25")}).coverage_gap(d("2026-06-01")).has_value());
}
