#pragma once

#include <string>
#include <vector>

// `gdprctl store setup-roles`: the PostgreSQL roles a team uses its store through
// (schemas/sql/postgres/roles/setup_roles.sql, docs/deployment.md).
namespace gdprctl::store {

struct RoleNames {
    std::string app = "gdprctl_app";    // every normal command; appends to the audit trail only
    std::string read = "gdprctl_read";  // reads only
};

struct RolesReport {
    RoleNames roles;
    std::vector<std::string> writable;  // tables the application role may change
    std::vector<std::string> append_only;  // audit_events, audit_head: append (and seal) only
    std::vector<std::string> read_only;    // the rest: the store's bookkeeping
};

// Opens the store at `location` (a postgresql:// URI; migrating it, creating its tables in an
// empty database) and creates or updates the two roles, their privileges and the audit trail's
// append-only trigger, in one transaction. Run by the owner of the tables. A SQLite location or a
// bad role name is a UsageError; the server's refusal (not the owner) an EnvironmentError.
RolesReport setup_roles(const std::string& location, const RoleNames& names);

}  // namespace gdprctl::store
