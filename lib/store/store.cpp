#include "store/store.hpp"

#include "errors.hpp"
#include "store/location.hpp"
#include "store/pg_store.hpp"
#include "store/sqlite_store.hpp"

namespace gdprctl::store {

std::unique_ptr<Store> open_store(const std::string& location, const OpenOptions& options) {
    if (is_server_location(location)) {
        PgOptions pg;
        pg.read_only = options.read_only;
        pg.audit_key = options.audit_key;
        return open_pg_store(location, pg);
    }
    SqliteOptions sqlite;
    sqlite.read_only = options.read_only;
    sqlite.audit_key = options.audit_key;
    return open_sqlite_store(location, sqlite);
}

}  // namespace gdprctl::store
