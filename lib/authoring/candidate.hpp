#pragma once

#include "diag/diagnostic.hpp"
#include "time/date.hpp"
#include "yaml/tree.hpp"

#include <filesystem>
#include <string>
#include <vector>

// What every authoring command shares: validating a changed file against the whole register before
// it is written, locating entries in a file's YAML tree, and the schema modelines of new files.
namespace gdprctl::authoring {

// A register file as a command wants to write it.
struct Candidate {
    std::string path;    // relative to the workspace root, '/' separated
    std::string text;    // the whole new content
    int first_line = 1;  // diagnostics from this line on concern the change
    int last_line = 0;   // ... up to this line; 0: to the end of the file
};

// Loads the register with `candidate` in place of (or added to) its file and returns the findings
// that concern the change, as `check` would report them (severity, article, source line), minus
// the rules gdpr.yaml disables.
std::vector<diag::Diagnostic> validate_candidate(const std::filesystem::path& root, const Candidate& candidate,
                                                 time::Date today);

// The candidate for `new_text` replacing `old_text`: the lines from the first that differs to the
// last that the change added.
Candidate changed_lines(std::string path, const std::string& old_text, std::string new_text);

bool has_errors(const std::vector<diag::Diagnostic>& diagnostics);

// Parses a file's text; throws UsageError when it is not valid YAML (an edit needs positions).
yaml::Node parse_for_edit(const std::string& text, const std::string& path);

// The item of list `list_key` whose `id_field` is `id`, or {nullptr, 0}.
struct ItemRef {
    const yaml::Node* list = nullptr;
    std::size_t index = 0;
    const yaml::Node* item() const { return list ? &list->items[index] : nullptr; }
};
ItemRef find_item(const yaml::Node& root, std::string_view list_key, std::string_view id_field, std::string_view id);

// `# yaml-language-server: $schema=<path>` for a file in `file_folder` of the workspace `root`,
// pointing relatively at the workspace's copy `.schemas/<schema>`, so that it resolves in any clone.
std::string schema_modeline(const std::filesystem::path& root, const std::filesystem::path& file_folder,
                            std::string_view schema);

// `[a, b]` with each item quoted as needed.
std::string flow_list(const std::vector<std::string>& items);

// "did you mean `x`?", or the list of allowed values when nothing is close.
std::string hint_or_list(std::string_view value, const std::vector<std::string_view>& names);

// `word` as one shell word: unchanged when it is plain, else in single quotes.
std::string shell_quote(const std::string& word);

// Country codes are accepted in any case and written upper-case ("nl" -> "NL").
void normalise_country(std::string& code);

// Checks an id used as a file name and reference: letters, digits, '.', '_', '-'.
void validate_id(std::string_view id, std::string_view what);

}  // namespace gdprctl::authoring
