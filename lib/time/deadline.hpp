#pragma once

#include "time/date.hpp"
#include "time/holidays.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace gdprctl::time {

// Public holidays for the working-day roll: a country's built-in calendar (from
// organization.country) plus the days the workspace adds (gdpr.yaml settings.holidays).
class HolidayCalendar {
public:
    HolidayCalendar() = default;
    explicit HolidayCalendar(const std::vector<Date>& holidays, const CountryCalendar* country = nullptr)
        : holidays_(holidays.begin(), holidays.end()), country_(country) {}

    bool is_holiday(Date date) const;
    bool is_working_day(Date date) const { return !date.is_weekend() && !is_holiday(date); }
    Date next_working_day_from(Date date) const;  // date itself when it is a working day
    const CountryCalendar* country() const { return country_; }

    // Why holidays in `date`'s year may be missing, or nullopt when the year is covered: by the
    // country's calendar, or by at least one day of settings.holidays in that year.
    std::optional<std::string> coverage_gap(Date date) const;

private:
    std::set<Date> holidays_;
    const CountryCalendar* country_ = nullptr;
    mutable std::map<int, std::set<Date>> country_years_;  // the country's days, per year asked
};

// End of a period of `months` months starting with an event on `received`, per Regulation
// (EEC, Euratom) No 1182/71 Art. 3(2)(c) and 3(4): the day of the last month bearing the same
// date (or that month's last day), moved to the next working day when it is a Saturday,
// Sunday or public holiday. Used for the Art. 12(3) one-month and three-month deadlines.
Date period_end_months(Date received, int months, const HolidayCalendar& calendar);

}  // namespace gdprctl::time
