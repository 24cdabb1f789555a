#pragma once

#include "diag/diagnostic.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gdprctl::rules {

// One entry of the rule catalogue (`gdprctl rules`): ids are stable, never reused.
struct RuleInfo {
    std::string_view id;
    diag::Severity severity;
    std::string_view article;  // the provision the rule rests on
    std::string_view title;    // one line
    std::string_view why;      // what the law asks and why the finding matters
    std::string_view fix;      // how to resolve it
    bool structural;           // a format problem (schema, syntax, references) rather than a legal lint
};

const std::vector<RuleInfo>& catalogue();
const RuleInfo* find_rule(std::string_view id);
std::vector<std::string_view> rule_ids();
// The hint for an unknown rule id: the nearest id ("did you mean"), else the rules whose ids
// contain the word, else where to look.
std::string suggest_rule(std::string_view word);
// The whole catalogue when `id` is empty, else that one rule; UsageError with suggest_rule's hint
// for an unknown id.
std::vector<const RuleInfo*> select_rules(std::string_view id);

// Sets each diagnostic's severity and article from the catalogue, then the levels the workspace
// overrides (`settings.severity`; ids not in the catalogue match nothing, see
// check_severity_overrides). Every reader of findings (check and its formats, report, review,
// the editing commands) calls this, so that they agree on a finding's level.
void apply_catalogue(std::vector<diag::Diagnostic>& diagnostics,
                     const std::vector<diag::SeverityOverride>& overrides = {});

// The first problem of `overrides` as "what; hint", or nullopt when they are all usable: an id the
// catalogue does not have (with a "did you mean"), or a format rule whose level is error set lower
// (a register that cannot be read cannot be judged, so those findings always fail the check).
struct OverrideProblem {
    const diag::SeverityOverride* at;
    std::string message;
    std::string hint;
};
std::optional<OverrideProblem> check_severity_overrides(const std::vector<diag::SeverityOverride>& overrides);

}  // namespace gdprctl::rules
