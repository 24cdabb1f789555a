#pragma once

// Shared by the commands that write the register (init, register, recipient, cookie).
#include "authoring/line_reader.hpp"
#include "authoring/systems.hpp"
#include "context.hpp"
#include "output/check_formats.hpp"

#include <fmt/format.h>

#include <unistd.h>
#include <filesystem>
#include <iostream>
#include <memory>
#include <ostream>

namespace gdprctl::cli {

// Questions are asked only when a person can answer them.
inline bool stdin_is_terminal() {
    return isatty(STDIN_FILENO) == 1;
}

// Where answers come from: libedit on a terminal (arrows, history), else stdin line by line (for
// --interactive in scripts and tests).
inline std::unique_ptr<authoring::LineReader> make_line_reader(Context& context) {
    if (stdin_is_terminal()) return authoring::make_terminal_line_reader(stdin, stderr);
    return std::make_unique<authoring::StreamLineReader>(std::cin, *context.err);
}

inline constexpr const char* interactive_help =
    "Ask for what is missing even when stdin is not a terminal (answers are read line by line)";

// Prints the findings about a change as `check` does and reports what happened; exit 1 when the
// change was refused.
inline void report_outcome(const authoring::WriteOutcome& outcome, const std::filesystem::path& root, Context& context,
                           std::string_view done) {
    auto prefix = display_prefix(root);
    for (const auto& d : outcome.diagnostics)
        *context.err << output::render_diagnostic(d, prefix, context.color_on_stderr());
    if (!outcome.written) {
        *context.err << fmt::format(
            "gdprctl: error: {}{} was not written: the change would fail `gdprctl check` at error level\n"
            "  hint: fix the findings above, or pass --force to write it anyway\n",
            prefix, outcome.path);
        context.exit_code = 1;
        return;
    }
    if (!context.options.quiet) *context.out << fmt::format("{} {}{}\n", done, prefix, outcome.path);
}

}  // namespace gdprctl::cli
