#pragma once

#include "output/format_table.hpp"
#include "rules/catalogue.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace gdprctl::output {

// The catalogue as a table (one rule per line) or, for a single rule, its full explanation.
void write_rules_text(std::ostream& out, const std::vector<const rules::RuleInfo*>& rules, bool detailed);
// JSON is the same for one rule and for all.
void write_rules_json(std::ostream& out, const std::vector<const rules::RuleInfo*>& rules, bool detailed);

using RulesWriter = void(std::ostream& out, const std::vector<const rules::RuleInfo*>& rules, bool detailed);
FormatTable<RulesWriter> rules_formats();

// One rule explained as `gdprctl rules ID` prints it (text), and the same as Markdown (SARIF help).
std::string rule_help_text(const rules::RuleInfo& rule);
std::string rule_help_markdown(const rules::RuleInfo& rule);

}  // namespace gdprctl::output
