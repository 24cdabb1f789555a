#pragma once

#include "diag/diagnostic.hpp"
#include "edit/atomic_file.hpp"

#include <filesystem>
#include <string>
#include <vector>

// `check --fix` and `--diff`: the corrections gdprctl already suggests that cannot change what the
// register says, applied with the surgical YAML editor (comments, quoting and layout survive).
namespace gdprctl::check {

struct Fix {
    std::string path;  // workspace-relative
    diag::Position pos;
    std::string rule;
    std::string from;
    std::string to;
};

// The fixes among `diagnostics` that are safe: a period written in words with its ISO 8601 form
// ("1 jaar" -> P1Y), and a vocabulary value misspelt by at most two letters or written with
// underscores, spaces or capitals ("contrat" -> contract, "legal_obligation" -> legal-obligation).
// Anything else (an id, a reference, a free text) could change the meaning and is left alone.
std::vector<Fix> safe_fixes(const std::vector<diag::Diagnostic>& diagnostics);

struct FixedFile {
    std::string path;  // workspace-relative
    std::string before;
    std::string after;
    std::size_t fixes = 0;
    edit::Snapshot original;  // as read (confined to the workspace): the write checks it is unchanged
};

// The files as they would be after the fixes (nothing is written). A fix whose value is no longer
// at its position is skipped.
std::vector<FixedFile> plan_fixes(const std::filesystem::path& root, const std::vector<Fix>& fixes);

// Writes each planned file atomically; Refusal when a file changed since it was read.
void write_fixes(const std::vector<FixedFile>& files);

// A unified diff of one planned file, with `display_path` in the headers (a/ and b/ prefixed).
std::string unified_diff(const FixedFile& file, const std::string& display_path);

}  // namespace gdprctl::check
