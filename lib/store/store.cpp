#include "store/store.hpp"

#include "errors.hpp"
#include "store/location.hpp"
#include "store/sqlite_store.hpp"

#include <fmt/format.h>

namespace gdprctl::store {

std::unique_ptr<Store> open_store(const std::string& location, const OpenOptions& options) {
    if (const auto scheme = server_scheme(location); !scheme.empty())
        throw EnvironmentError(fmt::format("--db names a PostgreSQL store ({}...), which this gdprctl cannot open yet",
                                           scheme),
                               "pass --db FILE (or set GDPRCTL_DB) to use a SQLite store");
    SqliteOptions sqlite;
    sqlite.read_only = options.read_only;
    sqlite.audit_key = options.audit_key;
    return open_sqlite_store(location, sqlite);
}

}  // namespace gdprctl::store
