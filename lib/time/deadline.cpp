#include "time/deadline.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace gdprctl::time {

bool HolidayCalendar::is_holiday(Date date) const {
    if (holidays_.count(date)) return true;
    if (!country_) return false;
    auto [year, inserted] = country_years_.try_emplace(date.year());
    if (inserted)
        for (const auto& holiday : country_->holidays_in(date.year())) year->second.insert(holiday.date);
    return year->second.count(date) != 0;
}

Date HolidayCalendar::next_working_day_from(Date date) const {
    while (!is_working_day(date)) date = date.plus_days(1);
    return date;
}

std::optional<std::string> HolidayCalendar::coverage_gap(Date date) const {
    const int year = date.year();
    if (country_ && country_->covers(year)) return std::nullopt;
    const bool listed = std::any_of(holidays_.begin(), holidays_.end(), [&](const Date& d) { return d.year() == year; });
    if (listed) return std::nullopt;
    if (country_)
        return fmt::format(
            "the built-in {} calendar knows the days equated with public holidays by decree for {}-{} only; for {} "
            "they are not known, so a deadline may come out a day early: add them to settings.holidays",
            country_->country, country_->first_covered_year, country_->last_covered_year, year);
    if (holidays_.empty())
        return "no public holidays are known (organization.country has no built-in calendar and settings.holidays "
               "is empty), so deadlines move past weekends only: list the holidays in settings.holidays";
    return fmt::format(
        "settings.holidays lists no day in {} and organization.country has no built-in calendar, so deadlines in {} "
        "move past weekends only: list that year's holidays",
        year, year);
}

Date period_end_months(Date received, int months, const HolidayCalendar& calendar) {
    return calendar.next_working_day_from(add_months_clamped(received, months));
}

}  // namespace gdprctl::time
