#pragma once

#include "context.hpp"
#include "errors.hpp"
#include "output/retention_formats.hpp"

#include <fmt/format.h>

#include <string>
#include <vector>

namespace gdprctl::cli {

template <typename Result>
std::vector<std::string_view> format_name_list(const std::vector<output::FormatRow<Result>>& table) {
    std::vector<std::string_view> names;
    for (const auto& row : table) names.push_back(row.name);
    return names;
}

// The --format names of a result type's table, for help texts: "text|json|csv|md".
template <typename Result>
std::string format_names(const std::vector<output::FormatRow<Result>>& table) {
    return fmt::format("{}", fmt::join(format_name_list(table), "|"));
}

// The table row chosen by --format (the first row when none is given); UsageError otherwise.
template <typename Result>
const output::FormatRow<Result>& choose_format(const Context& context,
                                               const std::vector<output::FormatRow<Result>>& table) {
    const auto& wanted = context.options.format;
    if (wanted.empty()) return table.front();
    for (const auto& row : table)
        if (row.name == wanted) return row;
    throw UsageError(fmt::format("this command cannot write --format {}", wanted),
                     fmt::format("use one of: {}", fmt::join(format_name_list(table), ", ")));
}

}  // namespace gdprctl::cli
