#pragma once

#include <string_view>

// What kind of store a --db value names: the one place that reads it, so that opening a store and
// asking whether one exists cannot disagree (a PostgreSQL backend adds its scheme here).
namespace gdprctl::store {

// "postgres://" or "postgresql://" when `location` is a database server URL; empty for a SQLite
// file path.
std::string_view server_scheme(std::string_view location);

// Whether a store is there to open: a server URL is taken to be (its server answers when it is
// opened); a file path when the file exists.
bool store_exists(std::string_view location);

}  // namespace gdprctl::store
