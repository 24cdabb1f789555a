#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace gdprctl::edit {

// What a file held when it was read, so that a later write can tell whether someone else changed
// it in between (another gdprctl, an editor, a git checkout).
struct Snapshot {
    std::filesystem::path path;
    bool exists = false;
    std::string text;
};

// Reads `path`; a missing file gives a snapshot with exists == false. Throws EnvironmentError when
// the file exists but cannot be read.
Snapshot read_snapshot(const std::filesystem::path& path);

// Test seam: called after the temporary file is written and synced, just before the conflict check
// and the rename. A test can modify the target (a concurrent edit) or throw (a crash mid-write).
using BeforeCommitHook = std::function<void(const std::filesystem::path& temp_path)>;

// Replaces the file of `original` by `text`: a temporary file in the same folder, fsync, rename over
// the target, fsync of the folder. A crash at any point leaves the old file or the new one, never a
// mix. The file keeps its permission bits (a new file gets 0644 less the umask). Throws Refusal,
// leaving the file and nothing else behind, when the file no longer holds what `original` read
// (or, for a new file, when one has appeared); EnvironmentError on an I/O failure.
void write_atomically(const Snapshot& original, std::string_view text, const BeforeCommitHook& hook = {});

// Removes the file of `original` after the same conflict check; fsyncs the folder.
void remove_checked(const Snapshot& original);

// Creates `path` and its missing parents with `mode` for the last component.
void make_directory(const std::filesystem::path& path, unsigned mode);

}  // namespace gdprctl::edit
