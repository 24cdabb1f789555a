#pragma once

#include "errors.hpp"

#include <fmt/format.h>

#include <span>
#include <string>
#include <string_view>

// How a result type is written: one table per result type, one row per --format value. Adding a
// format is one function and one row; `--format` validation and the "Formats:" line of a
// command's help are made from the same rows, so they cannot drift apart.
namespace gdprctl::output {

// `Fn` is the writer's function type, e.g. void(std::ostream&, const check::CheckResult&).
template <typename Fn>
struct Format {
    std::string_view name;
    std::string_view note;  // shown after the name in help, e.g. "one printable page"; may be empty
    Fn* write;
};

// The first row is the default.
template <typename Fn>
using FormatTable = std::span<const Format<Fn>>;

// The row for `requested`, or for `fallback` when nothing was requested (empty: the first row).
// UsageError listing the table when there is no such row.
template <typename Fn>
const Format<Fn>& choose_format(FormatTable<Fn> table, std::string_view requested, std::string_view fallback = {}) {
    const std::string_view wanted = !requested.empty() ? requested : !fallback.empty() ? fallback : table.front().name;
    for (const auto& row : table)
        if (row.name == wanted) return row;
    std::string names;
    for (const auto& row : table) names += (names.empty() ? "" : ", ") + std::string(row.name);
    throw UsageError(fmt::format("this command cannot write --format {}", wanted), fmt::format("use one of: {}", names));
}

// "Formats: md (default), html (one printable page), json." for a command's help. `default_note`
// replaces "default" when the default depends on something (e.g. GITHUB_ACTIONS).
template <typename Fn>
std::string formats_help(FormatTable<Fn> table, std::string_view default_note = "default") {
    std::string text = "Formats: ";
    bool first = true;
    for (const auto& row : table) {
        if (!first) text += ", ";
        text += row.name;
        if (first)
            text += fmt::format(" ({}{})", default_note, row.note.empty() ? "" : fmt::format("; {}", row.note));
        else if (!row.note.empty())
            text += fmt::format(" ({})", row.note);
        first = false;
    }
    return text + ".";
}

}  // namespace gdprctl::output
