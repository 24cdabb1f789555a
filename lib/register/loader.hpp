#pragma once

#include "diag/diagnostic.hpp"
#include "model/register.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace gdprctl::reg {

struct LoadResult {
    model::Register reg;
    std::vector<diag::Diagnostic> diagnostics;  // structural problems; severity/article not yet set
    // The text of each of reg.files as read and checked (invalid UTF-8 repaired), empty for a file
    // that was not read: source lines are printed from here only, never by opening a path again.
    std::vector<std::string> texts;
    diag::SourceTexts sources() const;
    // The files and folders whose entries are missing from `reg` because they could not be read
    // or parsed at all: a listing that leaves them out says so.
    std::vector<std::string> unread_paths() const;
};

// Loads every register file of the workspace at `root`: files are parsed and decoded in
// parallel (`threads` == 0: one per core), each YAML tree dropped once decoded, then merged and
// cross-checked (duplicate ids, dangling references, unknown data categories). Every problem is
// collected; a broken file never hides findings in the others.
LoadResult load_register(const std::filesystem::path& root, unsigned threads = 0);

// Decodes one file's text into `part` (used by load_register, exposed for tests).
struct FilePart {
    std::optional<model::Organization> organization;
    std::optional<model::Policy> policy;
    std::optional<model::Settings> settings;
    std::vector<model::DataCategory> taxonomy;
    std::vector<model::System> systems;
    std::vector<model::Recipient> recipients;
    std::vector<model::Cookie> cookies;
    diag::Sink sink;
};
void decode_file(std::string_view text, const std::string& path, int file_index, bool is_workspace_file,
                 FilePart& part);

// Cross-file checks on a merged register; appends to `diagnostics`.
void cross_check(const model::Register& reg, std::vector<diag::Diagnostic>& diagnostics);

}  // namespace gdprctl::reg
