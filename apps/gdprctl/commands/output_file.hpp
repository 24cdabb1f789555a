#pragma once

#include "context.hpp"

#include <string>
#include <string_view>

namespace gdprctl::cli {

// Writes a rendered document for `-o FILE`: standard output for an empty FILE, `-` or /dev/stdout
// (never "replace /dev/stdout by a regular file", which hangs on a pipe and as root would replace the
// device); otherwise atomically, into a regular file or a new one, never through a link out of its
// folder. One owner for every command with -o.
void write_output(Context& context, const std::string& output, std::string_view text);

}  // namespace gdprctl::cli
