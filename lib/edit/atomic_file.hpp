#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace gdprctl::edit {

// What a file held when it was read, so that a later write can tell whether someone else changed
// it in between (another gdprctl, an editor, a git checkout).
struct Snapshot {
    std::filesystem::path path;
    bool exists = false;
    std::string text;
    // The file actually read and replaced: `path` with every link resolved, inside `confine`.
    std::filesystem::path target;
};

// Reads `path`; a missing file gives a snapshot with exists == false. `path` (with every link
// resolved) must lie inside `confine` (the workspace root for register files; by default the
// folder `path` names) and be a regular file or not exist: otherwise EnvironmentError (exit 2),
// so that nothing is ever written through a link out of the workspace or onto a device. The open
// never blocks (O_NONBLOCK; a FIFO is refused after fstat). Throws EnvironmentError when the file
// exists but cannot be read.
Snapshot read_snapshot(const std::filesystem::path& path, const std::filesystem::path& confine = {});

// A temporary file `.NAME.tmp-XXXXXX` older than this was left by a killed write: the next write
// of NAME removes it, and `check` reports it (rule stale-temp-file).
inline constexpr std::chrono::minutes stale_temporary_age{10};

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

// Held by an edit of the register from its validation to its last write: the edit reads several
// files (a recipient removed must not be referenced; a system added must name declared
// recipients), so two edits must not interleave (one removing a recipient while another adds a
// reference to it). An flock on the workspace folder; re-entrant within the process.
class WorkspaceLock {
public:
    explicit WorkspaceLock(const std::filesystem::path& root);
    ~WorkspaceLock();
    WorkspaceLock(const WorkspaceLock&) = delete;
    WorkspaceLock& operator=(const WorkspaceLock&) = delete;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Creates `path` and its missing parents with `mode` for the last component.
void make_directory(const std::filesystem::path& path, unsigned mode);

}  // namespace gdprctl::edit
