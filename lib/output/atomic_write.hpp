#pragma once

#include <filesystem>
#include <string_view>

namespace gdprctl::output {

// Replaces `path` with `content` so that a reader sees either the old file or the whole new one,
// never a torn write: a temporary file beside it, fsync, rename over, fsync of the folder. The new
// file gets the usual 0666 & ~umask mode. Throws EnvironmentError (and leaves no temporary file)
// when any step fails.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace gdprctl::output
