#pragma once

#include <span>
#include <string_view>
#include <utility>

// Generated at build time by cmake/embed_run.cmake from schemas/sql/*.sql, in sorted order:
// migration N is entry N-1.
namespace gdprctl::store::sql {
std::span<const std::pair<std::string_view, std::string_view>> embedded_files();
}

// The same migrations for PostgreSQL, from schemas/sql/postgres/*.sql: entry N-1 is the twin of
// SQLite's migration N (same file name, same tables and columns).
namespace gdprctl::store::pg_sql {
std::span<const std::pair<std::string_view, std::string_view>> embedded_files();
}

// `store setup-roles`' SQL, from schemas/sql/postgres/roles/setup_roles.sql (one entry).
namespace gdprctl::store::pg_roles_sql {
std::span<const std::pair<std::string_view, std::string_view>> embedded_files();
}
