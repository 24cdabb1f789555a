#pragma once

#include "store/store.hpp"

#include <memory>
#include <string>

namespace gdprctl::store {

// The name a gdprctl store's metadata table (gdprctl_meta) carries: the PostgreSQL counterpart of
// SQLite's application_id.
inline constexpr std::string_view pg_application_name = "gdprctl";

// The schema version the PostgreSQL migrations reach: the number of embedded ones (the same as
// SQLite's latest_schema_version()).
int latest_pg_schema_version();

struct PgOptions {
    // Read commands: a missing or empty database is "no store at URI" (never created).
    bool read_only = false;
    // With a key, new audit events are chained with HMAC-SHA-256 (store/audit.hpp).
    std::string audit_key;
};

// Connects to the PostgreSQL database `uri` (a libpq connection URI without a password) and
// migrates it, creating the store's tables in an empty database. Throws EnvironmentError for a
// server that cannot be reached, a URI that carries a password, a database that holds other
// tables than a gdprctl store's (left untouched) or a newer schema. The URI is printed only
// without a password.
std::unique_ptr<Store> open_pg_store(const std::string& uri, const PgOptions& options = {});

}  // namespace gdprctl::store
