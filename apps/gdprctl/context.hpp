#pragma once

#include "time/date.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace gdprctl::cli {

// Options every command accepts (bound once on the top-level app, usable after the subcommand).
struct GlobalOptions {
    std::string workspace;  // --workspace, GDPRCTL_WORKSPACE
    std::string db;         // --db, GDPRCTL_DB
    std::string as_of;      // --as-of
    bool as_of_given = false;  // --as-of was passed (perhaps empty)
    std::string format;     // --format; each command validates it against what it supports
    std::string by;         // --by, GDPRCTL_USER: who is making a change (audit trail)
    std::string backdate;   // --backdate REASON on commands that change the store
    bool no_color = false;
    bool quiet = false;
};

// What a command callback needs from the outside world; commands never read globals.
struct Context {
    GlobalOptions options;
    std::ostream* out = nullptr;
    std::ostream* err = nullptr;
    int exit_code = 0;

    // --as-of, or the real clock. Throws UsageError on a malformed value. A date, or a time without
    // an offset, is read in the workspace's zone (UTC without a workspace). The day it falls on is
    // workspace_today (commands/store_access.hpp), never now().date(), which is the UTC day.
    time::DateTime now() const;
    // Whether now() is the real clock (no --as-of).
    bool dated_by_clock() const { return options.as_of.empty() && !options.as_of_given; }

    // The workspace root (walks up from the current folder unless --workspace is given).
    std::filesystem::path workspace_root() const;
    // --db (GDPRCTL_DB), else gdpr.yaml's settings.store, else <workspace>/.gdprctl/state.db:
    // a SQLite file path or a postgresql:// URI (store::open_store chooses the backend).
    std::string store_location() const;
    // Who was named as making a change: --by, else GDPRCTL_USER; empty when neither is set
    // (e.g. the reviewer in a `register review` stamp, which names no one rather than guess).
    std::string named_actor() const;
    // The actor recorded in the audit trail: named_actor(), else the login name.
    std::string actor() const;
    // Colour only on a terminal and never with NO_COLOR or --no-color.
    bool color_on_stdout() const;
    bool color_on_stderr() const;
};

void bind_global_options(CLI::App& app, GlobalOptions& options);

// "examples/unexus/" when the workspace lies below the current folder, so that printed paths open
// from where the user stands (and GitHub annotations land on repository paths); the absolute
// root otherwise.
std::string display_prefix(const std::filesystem::path& root);

}  // namespace gdprctl::cli
