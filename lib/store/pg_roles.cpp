#include "store/pg_roles.hpp"

#include "errors.hpp"
#include "store/embedded_sql.hpp"
#include "store/location.hpp"
#include "store/pg_connection.hpp"
#include "store/store.hpp"

#include <fmt/format.h>

namespace gdprctl::store {
namespace {

// Plain identifiers only: a role name is typed into GRANT statements and psql sessions by people,
// and PostgreSQL folds unquoted names to lower case.
void check_role_name(const std::string& name, std::string_view option) {
    bool ok = !name.empty() && name.size() <= 63 && !(name[0] >= '0' && name[0] <= '9');
    for (char c : name) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
    if (!ok)
        throw UsageError(fmt::format("{} `{}` is not a role name gdprctl accepts", option, name),
                         "use lower-case letters, digits and _ (at most 63, not starting with a digit), e.g. "
                         "gdprctl_app");
}

}  // namespace

RolesReport setup_roles(const std::string& location, const RoleNames& names) {
    if (!is_server_location(location))
        throw UsageError("store setup-roles works on a PostgreSQL store; --db names a SQLite file",
                         "pass --db postgresql://OWNER@HOST/DATABASE (a SQLite store is protected by its file's mode, "
                         "0600)");
    check_role_name(names.app, "--app-role");
    check_role_name(names.read, "--read-role");
    if (names.app == names.read)
        throw UsageError(fmt::format("--app-role and --read-role are both `{}`", names.app),
                         "give the read-only role a name of its own");
    // Opening migrates the store: the tables exist, at this gdprctl's schema, before they are granted.
    open_store(location, {});
    pg::Connection connection(location, pg::redacted(location));
    pg::Transaction transaction(connection, "BEGIN ISOLATION LEVEL READ COMMITTED");
    connection.execute("SELECT set_config('gdprctl.app_role', $1, true), set_config('gdprctl.read_role', $2, true)",
                       std::vector<std::optional<std::string>>{names.app, names.read});
    try {
        connection.execute(std::string(pg_roles_sql::embedded_files()[0].second), "setting up the roles");
    } catch (const pg::PgError& error) {
        // 42501: not the tables' owner (or no CREATEROLE).
        if (error.sqlstate() == "42501")
            throw EnvironmentError(error.what(), "run `gdprctl store setup-roles` as the owner of the store's tables "
                                                 "(the role that created them), which also needs CREATEROLE");
        throw;
    }
    RolesReport report;
    report.roles = names;
    const auto tables = connection.execute(
        "SELECT c.relname, has_table_privilege($1, c.oid, 'DELETE'), has_table_privilege($1, c.oid, 'INSERT') "
        "FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') "
        "ORDER BY c.relname",
        std::vector<std::optional<std::string>>{names.app});
    for (int row = 0; row < tables.rows(); ++row) {
        auto& list = tables.text(row, 1) == "t"   ? report.writable
                     : tables.text(row, 2) == "t" ? report.append_only
                                                  : report.read_only;
        list.push_back(tables.text(row, 0));
    }
    transaction.commit();
    return report;
}

}  // namespace gdprctl::store
