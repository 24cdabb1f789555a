#pragma once

#include <string>
#include <string_view>
#include <vector>

// Table and column names in SQL text, as both backends quote them ("name", a quote doubled): a
// copy's names come from the schema, never from the user, and are quoted all the same.
// Internal to lib/store.
namespace gdprctl::store::detail {

inline std::string sql_name(std::string_view name) {
    std::string out = "\"";
    for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

inline std::string sql_names(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) out += (out.empty() ? "" : ", ") + sql_name(name);
    return out;
}

}  // namespace gdprctl::store::detail
