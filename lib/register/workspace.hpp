#pragma once

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

}  // namespace gdprctl::reg
