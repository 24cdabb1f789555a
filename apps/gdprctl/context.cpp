#include "context.hpp"

#include "errors.hpp"
#include "register/workspace.hpp"
#include "vcs/repository.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <iostream>
#include <unistd.h>
#include <pwd.h>

namespace gdprctl::cli {

time::DateTime Context::now() const {
    // `--as-of ""` (an unset variable in a script) is an error, not "use the clock".
    if (dated_by_clock()) return time::DateTime::now();
    // A date or a time without an offset is read in the workspace's zone, as every other typed
    // time is: `--as-of 2026-12-01` is that day there (its first instant), so "today" is the 1st
    // in Lisbon and in the Azores alike, not the 30th wherever the zone lies west of UTC.
    auto root = time::has_utc_offset(options.as_of)
                    ? std::nullopt
                    : reg::try_find_workspace(options.workspace, std::filesystem::current_path());
    auto parsed = time::parse_instant(options.as_of, root ? reg::workspace_zone(*root) : time::Zone::utc());
    if (!parsed)
        throw UsageError(fmt::format("--as-of `{}` is not a date or date-time", options.as_of),
                         "write YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM], e.g. --as-of 2026-12-01");
    return *parsed;
}

std::filesystem::path Context::workspace_root() const {
    return reg::find_workspace(options.workspace, std::filesystem::current_path());
}

// --db (or GDPRCTL_DB) as given, else gdpr.yaml's settings.store, else <workspace>/.gdprctl/state.db:
// a SQLite file path, a postgresql:// URI or a libpq keyword/value string (store::open_store chooses
// the backend).
std::string Context::store_location() const {
    if (!options.db.empty()) return options.db;
    return reg::configured_store_location(workspace_root());
}

std::string Context::named_actor() const {
    if (!options.by.empty()) return options.by;
    if (const char* user = std::getenv("GDPRCTL_USER"); user && *user) return user;
    return {};
}

std::string Context::actor() const {
    if (auto named = named_actor(); !named.empty()) return named;
    if (const char* login = getlogin(); login && *login) return login;
    if (const auto* entry = getpwuid(geteuid()); entry && entry->pw_name) return entry->pw_name;
    return "unknown";
}

namespace {
bool color_allowed(const GlobalOptions& options, int fd) {
    if (options.no_color) return false;
    if (const char* no_color = std::getenv("NO_COLOR"); no_color && *no_color) return false;
    return isatty(fd) == 1;
}
}  // namespace

bool Context::color_on_stdout() const { return color_allowed(options, STDOUT_FILENO); }
bool Context::color_on_stderr() const { return color_allowed(options, STDERR_FILENO); }

std::string display_prefix(const std::filesystem::path& root) {
    auto text = vcs::relative_prefix(root, std::filesystem::current_path());
    if (text.rfind("..", 0) == 0) {
        text = root.lexically_normal().generic_string();
        while (text.size() > 1 && text.back() == '/') text.pop_back();
        return text + "/";
    }
    return text;
}

void bind_global_options(CLI::App& app, GlobalOptions& options) {
    const char* group = "Global options";
    app.add_option("--workspace", options.workspace,
                   "Workspace folder (holds gdpr.yaml); default: nearest one at or above the current folder")
        ->envname("GDPRCTL_WORKSPACE")
        ->group(group);
    app.add_option("--db", options.db,
                   "Operational store: a SQLite file, a postgresql:// URI or a libpq 'host=... dbname=...' string "
                   "(password from PGPASSWORD or ~/.pgpass, never here); default: gdpr.yaml settings.store, else "
                   "<workspace>/.gdprctl/state.db")
        ->envname("GDPRCTL_DB")
        ->group(group);
    app.add_option("--as-of", options.as_of,
                   "What \"now\" is, as YYYY-MM-DD or an ISO 8601 date-time (0001-9999), for reproducible runs; "
                   "without an offset it is read in gdpr.yaml settings.timezone")
        ->each([&options](const std::string&) { options.as_of_given = true; })
        ->group(group);
    app.add_option("--format", options.format, "Output format: text (default), json, and more where listed")
        ->group(group);
    app.add_option("--by", options.by, "Who makes this change, for the audit trail; default: GDPRCTL_USER or login")
        ->group(group);
    app.add_flag("--no-color", options.no_color, "Never colour output (also: NO_COLOR set)")->group(group);
    app.add_flag("-q,--quiet", options.quiet, "Print only results and errors")->group(group);
}

}  // namespace gdprctl::cli
