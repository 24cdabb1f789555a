#pragma once

#include "retention/schedule.hpp"

#include <ostream>
#include <string_view>
#include <vector>

namespace gdprctl::output {

// One row per output format of a result type: `--format` help and validation read this table, so
// that a new format is one function and one row.
template <typename Result>
struct FormatRow {
    std::string_view name;
    void (*write)(std::ostream& out, const Result& result);
};

// text (default), json, csv, md.
const std::vector<FormatRow<retention::Schedule>>& schedule_formats();

}  // namespace gdprctl::output
