#pragma once

#include <span>
#include <string_view>
#include <utility>

// Generated at build time by cmake/embed_run.cmake from schemas/sql/*.sql, in sorted order:
// migration N is entry N-1.
namespace gdprctl::store::sql {
std::span<const std::pair<std::string_view, std::string_view>> embedded_files();
}
