#pragma once

#include "output/format_table.hpp"
#include "retention/schedule.hpp"
#include "retention/sweep.hpp"

#include <ostream>
#include <string_view>

namespace gdprctl::output {

using ScheduleWriter = void(std::ostream& out, const retention::Schedule& schedule);

// text (default), json, csv, md.
FormatTable<ScheduleWriter> schedule_formats();

using SweepWriter = void(std::ostream& out, const retention::SweepResult& result);
// `retention sweep`: text (default), json.
FormatTable<SweepWriter> sweep_formats();

}  // namespace gdprctl::output
