#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

namespace gdprctl::io {

// A register file is text a person wrote; anything larger is not one (and reading it whole could
// exhaust memory, e.g. a `*.yaml` link to /dev/zero).
inline constexpr std::size_t max_register_file_bytes = std::size_t{64} << 20;

enum class ReadStatus {
    ok,
    missing,            // no such file (or a dangling link)
    outside_workspace,  // a link (of the file or a folder on its way) that leaves the workspace
    not_regular,        // a FIFO, socket, device or folder
    too_large,          // more than the cap
    link_loop,          // a symbolic link loop
    unreadable,         // permission denied or an I/O error
};

struct ReadResult {
    ReadStatus status = ReadStatus::ok;
    std::string detail;  // what the system said (strerror), or the file type
};

// Reads `path`, which must resolve to a regular file inside `root` after every symbolic link is
// followed, into `out`. Never blocks: the file type is checked before opening (lstat of the
// resolved path), the open is O_NONBLOCK|O_NOFOLLOW, and fstat checks again what was opened, so a
// FIFO, a device or a file swapped for a link in between is refused, not read.
ReadResult read_confined(const std::filesystem::path& root, const std::filesystem::path& path, std::size_t max_bytes,
                         std::string& out);

// True when `path` (absolute, normalised) lies at or below `root` (absolute, normalised).
bool is_inside(const std::filesystem::path& path, const std::filesystem::path& root);

// "a FIFO", "a character device", ... for messages.
std::string describe_file_type(unsigned mode);

}  // namespace gdprctl::io
