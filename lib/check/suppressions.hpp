#pragma once

#include "diag/diagnostic.hpp"

#include <string>
#include <string_view>
#include <vector>

// Inline suppressions: `# gdprctl: ignore[rule-id, rule-id] reason`, like ruff's `noqa` but with a
// reason required, because a silenced finding is a decision the controller must account for
// (GDPR Art. 5(2)).
namespace gdprctl::check {

struct Suppression {
    std::string path;  // workspace-relative file
    diag::Position pos;  // of the comment
    int first_line = 0;  // the lines it covers: its own line, or the entity that starts there
    int last_line = 0;
    std::vector<std::string> rules;
    std::string reason;
    bool used = false;
};

// The suppressions in the text of one register file. A comment after content covers that line; a
// comment alone on its line covers the next line with content. When the covered line starts a list
// item (`- id: crm`), the whole item (the entity) is covered.
std::vector<Suppression> find_suppressions(std::string_view text, const std::string& path);

struct SuppressionOutcome {
    std::vector<diag::Diagnostic> kept;        // findings still reported, plus suppression findings
    std::vector<diag::Diagnostic> suppressed;  // silenced findings; `hint` holds the justification
};

// Applies `suppressions` to `diagnostics`: an invalid one (no reason, a rule the catalogue lacks)
// silences nothing and is a `suppression-invalid` finding, whose hint for an unknown rule is
// rules::suggest_rule's, as `gdprctl rules ID` and settings.disable give it; one that silences
// nothing is `suppression-unused`, unless its rule is not active in this run (`active` says which are).
SuppressionOutcome apply_suppressions(std::vector<diag::Diagnostic> diagnostics, std::vector<Suppression> suppressions,
                                      const std::vector<std::string>& active_rules);

}  // namespace gdprctl::check
