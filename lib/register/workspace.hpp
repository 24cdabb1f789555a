#pragma once

#include "time/zone.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace gdprctl::reg {

inline constexpr const char* workspace_marker = "gdpr.yaml";
inline constexpr const char* state_folder = ".gdprctl";

// Finds the workspace root: `explicit_root` when given (from --workspace or GDPRCTL_WORKSPACE;
// it must hold gdpr.yaml), otherwise the nearest folder at or above `start` holding gdpr.yaml.
// Throws EnvironmentError saying what to do when there is none.
std::filesystem::path find_workspace(const std::string& explicit_root, const std::filesystem::path& start);

// Like find_workspace, but returns nullopt instead of throwing when nothing is found.
std::optional<std::filesystem::path> try_find_workspace(const std::string& explicit_root,
                                                        const std::filesystem::path& start);

// Every register file under `root` as a '/'-separated path relative to it, sorted, with
// gdpr.yaml first: *.yaml and *.yml, skipping hidden folders and .gdprctl/ and not following
// links to folders. Folders that cannot be listed go to `unreadable_folders` ('/'-terminated
// relative paths) when given; temporary files left by a killed write (`.NAME.tmp-XXXXXX`, older
// than edit::stale_temporary_age) to `stale_temporaries`.
std::vector<std::string> list_register_files(const std::filesystem::path& root,
                                             std::vector<std::string>* unreadable_folders = nullptr,
                                             std::vector<std::string>* stale_temporaries = nullptr);

// The default database path: <root>/.gdprctl/state.db.
std::filesystem::path default_database_path(const std::filesystem::path& root);

// The store of the workspace at `root` when no --db (or GDPRCTL_DB) is given: gdpr.yaml's
// settings.store (a file path relative to `root`, or a postgresql:// URI as written), else
// default_database_path(root). Reads gdpr.yaml only, not the rest of the register.
std::string configured_store_location(const std::filesystem::path& root);

// The workspace's time zone: gdpr.yaml's settings.timezone, UTC when it is not set. It says where
// times typed without an offset are read and which calendar day "today" is, for every command
// (check's lints, reports, authoring stamps, request deadlines, the review). Reads gdpr.yaml
// only. An unknown name is a UsageError (exit 2) at gdpr.yaml:LINE:COL with a did-you-mean; a
// value that is not text is left to the loader's finding and read as UTC here.
time::Zone workspace_zone(const std::filesystem::path& root);

// The calendar day in the workspace's zone at `now` (--as-of or the clock).
time::Date workspace_today(const std::filesystem::path& root, time::DateTime now);

}  // namespace gdprctl::reg
