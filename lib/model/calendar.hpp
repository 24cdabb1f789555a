#pragma once

#include "model/register.hpp"
#include "time/deadline.hpp"

namespace gdprctl::model {

// The holidays deadlines are counted with: the built-in calendar of organization.country, plus
// settings.holidays. One owner, so that request deadlines, recompute and check agree.
time::HolidayCalendar holiday_calendar(const Register& reg);

}  // namespace gdprctl::model
