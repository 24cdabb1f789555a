#pragma once

#include "errors.hpp"

#include <string_view>

// What kind of store a --db value names: the one place that reads it, so that opening a store and
// asking whether one exists cannot disagree (a PostgreSQL backend adds its scheme here).
namespace gdprctl::store {

// "postgres://" or "postgresql://" when `location` is a database server URL; empty otherwise.
std::string_view server_scheme(std::string_view location);

// Whether `location` is a libpq keyword/value connection string ("host=/run/postgresql
// dbname=gdpr"): it starts with one of libpq's connection keywords and '='.
bool is_keyword_value_string(std::string_view location);

// Whether `location` names a PostgreSQL database (a URI or a keyword/value string, both of which
// libpq takes) rather than a SQLite file path. Every reader of --db decides through this.
bool is_server_location(std::string_view location);

// Whether a store is there to open: a server location is taken to be (its server answers when it is
// opened, with NoStoreError when its database holds no store); a file path when the file exists.
bool store_exists(std::string_view location);

// "no store at LOCATION": a read-only open found no store (a missing file, a PostgreSQL database
// that does not exist or holds no store yet). Reads that work without a store catch it.
class NoStoreError : public EnvironmentError {
public:
    using EnvironmentError::EnvironmentError;
};

}  // namespace gdprctl::store
