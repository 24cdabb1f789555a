#include "commands/commands.hpp"
#include "commands/store_access.hpp"

#include "output/store_formats.hpp"
#include "store/copy.hpp"
#include "store/pg_roles.hpp"

namespace gdprctl::cli {
namespace {

struct CopyOptions {
    std::string from;
    std::string to;
};

void run_copy(const CopyOptions& options, Context& context) {
    const auto& format = output::choose_format(output::copy_formats(), context.options.format);
    format.write(*context.out, store::copy_store(options.from, options.to, audit_key_from_environment()));
}

void add_copy(CLI::App& group, Context& context) {
    auto options = std::make_shared<CopyOptions>();
    auto* command = group.add_subcommand("copy", "Copy a whole store into an empty one: SQLite file <-> PostgreSQL");
    command->add_option("--from", options->from, "The store to copy: a SQLite file or a postgresql:// URI")
        ->required()
        ->type_name("FILE|URI");
    command->add_option("--to", options->to, "An empty store (a new file, or an empty PostgreSQL database)")
        ->required()
        ->type_name("FILE|URI");
    command->footer(
        "Copies every table as stored: requests and their tasks, the consent ledger, the breach\n"
        "register and the audit trail with its hashes (a keyed chain too: set GDPRCTL_AUDIT_KEY_FILE\n"
        "to verify it). The source's trail must verify (`gdprctl audit verify`); the destination's is\n"
        "verified before the copy commits, so the destination gets everything or nothing. A\n"
        "destination that holds any row is refused. Passwords come from PGPASSWORD, ~/.pgpass or a\n"
        "service file, never from the URI you type (docs/deployment.md).\n"
        "Examples:\n"
        "  gdprctl store copy --from .gdprctl/state.db --to postgresql:///gdpr?host=/run/postgresql\n"
        "  gdprctl store copy --from postgresql://db.example.org/gdpr --to backup-2026-11.db");
    command->callback([options, &context] { run_copy(*options, context); });
}

struct SetupRolesOptions {
    store::RoleNames names;
};

void run_setup_roles(const SetupRolesOptions& options, Context& context) {
    const auto& format = output::choose_format(output::roles_formats(), context.options.format);
    format.write(*context.out, store::setup_roles(context.store_location(), options.names));
}

void add_setup_roles(CLI::App& group, Context& context) {
    auto options = std::make_shared<SetupRolesOptions>();
    auto* command = group.add_subcommand(
        "setup-roles", "PostgreSQL: an application role that cannot rewrite the audit trail, and a read-only role");
    command->add_option("--app-role", options->names.app, "The application role's name")
        ->capture_default_str();
    command->add_option("--read-role", options->names.read, "The read-only role's name")->capture_default_str();
    command->footer(
        "Run as the owner of the store's tables (--db postgresql://OWNER@HOST/DATABASE), once, and again\n"
        "after every upgrade of gdprctl: it applies new migrations and grants their tables.\n"
        "Creates (or updates) two group roles. The application role does every normal command and\n"
        "appends to the audit trail; it has no UPDATE or DELETE on it, and a trigger refuses those (and\n"
        "TRUNCATE) for every role. The read role only reads. People log in as their own roles, made\n"
        "members: CREATE ROLE alice LOGIN IN ROLE gdprctl_app. The SQL is\n"
        "schemas/sql/postgres/roles/setup_roles.sql; docs/deployment.md explains the set-up.\n"
        "Example:\n"
        "  gdprctl --db postgresql://gdpr_owner@db.example.org/gdpr store setup-roles");
    command->callback([options, &context] { run_setup_roles(*options, context); });
}

}  // namespace

void setup_store(CLI::App& app, Context& context) {
    auto* group = app.add_subcommand("store", "Move a store between SQLite and PostgreSQL; PostgreSQL roles");
    group->require_subcommand(1);
    add_copy(*group, context);
    add_setup_roles(*group, context);
}

}  // namespace gdprctl::cli
