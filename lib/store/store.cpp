#include "store/store.hpp"

#include "errors.hpp"
#include "store/sqlite_store.hpp"

#include <fmt/format.h>

#include <array>
#include <utility>

namespace gdprctl::store {
namespace {

constexpr std::array<std::pair<Outcome, std::string_view>, 5> outcome_table{{
    {Outcome::fulfilled, "fulfilled"},
    {Outcome::refused, "refused"},
    {Outcome::partial, "partial"},
    {Outcome::manifestly_unfounded, "manifestly-unfounded"},
    {Outcome::excessive, "excessive"},
}};
constexpr std::array<std::pair<TaskResolution, std::string_view>, 3> resolution_table{{
    {TaskResolution::act, "act"},
    {TaskResolution::restrict, "restrict"},
    {TaskResolution::not_applicable, "not-applicable"},
}};

template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value) {
    for (const auto& [candidate, name] : table)
        if (candidate == value) return name;
    return "?";
}

template <typename Enum, std::size_t N>
std::optional<Enum> value_of(const std::array<std::pair<Enum, std::string_view>, N>& table, std::string_view text) {
    for (const auto& [candidate, name] : table)
        if (name == text) return candidate;
    return std::nullopt;
}

}  // namespace

std::string_view to_string(Outcome outcome) {
    return name_of(outcome_table, outcome);
}
std::string_view to_string(RequestStatus status) {
    return status == RequestStatus::open ? "open" : "closed";
}
std::string_view to_string(TaskKind kind) {
    return kind == TaskKind::system ? "system" : "notify";
}

std::string_view to_string(TaskResolution resolution) {
    return name_of(resolution_table, resolution);
}
std::optional<TaskResolution> parse_task_resolution(std::string_view text) {
    return value_of(resolution_table, text);
}

std::optional<Outcome> parse_outcome(std::string_view text) {
    return value_of(outcome_table, text);
}

std::optional<RequestStatus> parse_request_status(std::string_view text) {
    if (text == "open") return RequestStatus::open;
    if (text == "closed") return RequestStatus::closed;
    return std::nullopt;
}

std::optional<TaskKind> parse_task_kind(std::string_view text) {
    if (text == "system") return TaskKind::system;
    if (text == "notify") return TaskKind::notify;
    return std::nullopt;
}

std::vector<std::string_view> outcome_names() {
    std::vector<std::string_view> names;
    for (const auto& entry : outcome_table) names.push_back(entry.second);
    return names;
}

std::unique_ptr<Store> open_store(const std::string& location, const OpenOptions& options) {
    for (std::string_view scheme : {"postgres://", "postgresql://"})
        if (location.rfind(scheme, 0) == 0)
            throw EnvironmentError(fmt::format("--db names a PostgreSQL store ({}...), which this gdprctl cannot open yet",
                                               scheme),
                                   "pass --db FILE (or set GDPRCTL_DB) to use a SQLite store");
    SqliteOptions sqlite;
    sqlite.read_only = options.read_only;
    sqlite.audit_key = options.audit_key;
    return open_sqlite_store(location, sqlite);
}

}  // namespace gdprctl::store
