#include "time/deadline.hpp"

namespace gdprctl::time {

Date HolidayCalendar::next_working_day_from(Date date) const {
    while (!is_working_day(date)) date = date.plus_days(1);
    return date;
}

Date period_end_months(Date received, int months, const HolidayCalendar& calendar) {
    return calendar.next_working_day_from(add_months_clamped(received, months));
}

}  // namespace gdprctl::time
