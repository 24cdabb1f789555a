#pragma once

#include "time/date.hpp"

#include <set>
#include <vector>

namespace gdprctl::time {

// Public holidays from the workspace configuration (gdpr.yaml settings.holidays).
class HolidayCalendar {
public:
    HolidayCalendar() = default;
    explicit HolidayCalendar(const std::vector<Date>& holidays) : holidays_(holidays.begin(), holidays.end()) {}

    bool is_holiday(Date date) const { return holidays_.count(date) != 0; }
    bool is_working_day(Date date) const { return !date.is_weekend() && !is_holiday(date); }
    Date next_working_day_from(Date date) const;  // date itself when it is a working day

private:
    std::set<Date> holidays_;
};

// End of a period of `months` months starting with an event on `received`, per Regulation
// (EEC, Euratom) No 1182/71 Art. 3(2)(c) and 3(4): the day of the last month bearing the same
// date (or that month's last day), moved to the next working day when it is a Saturday,
// Sunday or public holiday. Used for the Art. 12(3) one-month and three-month deadlines.
Date period_end_months(Date received, int months, const HolidayCalendar& calendar);

}  // namespace gdprctl::time
