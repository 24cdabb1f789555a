#pragma once

#include "output/format_table.hpp"
#include "store/copy.hpp"

#include <ostream>

// The views of `store` commands: a copy between backends.
namespace gdprctl::output {

using CopyWriter = void(std::ostream& out, const store::CopyReport& report);

// text (the default), json.
FormatTable<CopyWriter> copy_formats();

}  // namespace gdprctl::output
