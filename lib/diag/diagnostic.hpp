#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gdprctl::diag {

enum class Severity { error, warning, note };

std::string_view to_string(Severity severity);
// "error", "warning", "note" -> the level; nullopt for anything else.
std::optional<Severity> parse_severity(std::string_view text);
std::vector<std::string_view> severity_names();

// A 1-based position in a source file; line 0 means "no position" (a workspace-wide finding).
struct Position {
    int line = 0;
    int col = 0;
    bool known() const { return line > 0; }
};

// One finding: the rule it comes from, where, what, which article it rests on and what to do.
struct Diagnostic {
    std::string rule_id;
    Severity severity = Severity::error;
    std::string path;  // relative to the workspace root, '/' separated; empty for workspace-wide
    Position pos;
    std::string message;
    std::string article;      // e.g. "GDPR Art. 6(1)"
    std::string hint;         // e.g. "did you mean `contact.email`?"
    std::string source_line;  // the text of line pos.line, without its newline
};

// A rule's level set by the workspace (`settings.severity` in gdpr.yaml), with where it was written
// so that a mistake in it can be reported at its line.
struct SeverityOverride {
    std::string rule;
    Severity level = Severity::error;
    Position pos;  // of the rule id (the key)
};

// Collects diagnostics; the loader and the rules only ever append.
class Sink {
public:
    void add(Diagnostic diagnostic) { items_.push_back(std::move(diagnostic)); }
    std::vector<Diagnostic>& items() { return items_; }
    const std::vector<Diagnostic>& items() const { return items_; }
    std::vector<Diagnostic> take() { return std::move(items_); }

private:
    std::vector<Diagnostic> items_;
};

// Stable order for output: by path, then line, column and rule id.
void sort_diagnostics(std::vector<Diagnostic>& diagnostics);

// The text of each register file as the loader read it, by workspace-relative path. Lines are
// found through an index of line starts built once per file on first use, so attaching source
// lines to n findings costs O(file size + n), not a scan from the top per finding.
class SourceTexts {
public:
    void add(const std::string& path, std::string_view text) { files_[path].text = text; }
    // Line `line` (1-based) of `path` without its terminator; empty when unknown.
    std::string_view line(const std::string& path, int line) const;

private:
    struct File {
        std::string_view text;
        std::vector<std::size_t> starts;  // built on first use
    };
    mutable std::map<std::string, File, std::less<>> files_;
};

// Fills source_line for every diagnostic with a position, from `sources` only: a file that was
// not read as register text (a FIFO, a link out of the workspace) never has its lines printed.
void attach_source_lines(std::vector<Diagnostic>& diagnostics, const SourceTexts& sources);

// Returns line `line` (1-based) of `text`, without its line terminator.
std::string_view line_of(std::string_view text, int line);

}  // namespace gdprctl::diag
