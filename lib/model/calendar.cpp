#include "model/calendar.hpp"

namespace gdprctl::model {

time::HolidayCalendar holiday_calendar(const Register& reg) {
    const time::CountryCalendar* country = nullptr;
    if (reg.organization) country = time::find_country_calendar(reg.organization->country);
    return time::HolidayCalendar(reg.settings.holidays, country);
}

}  // namespace gdprctl::model
