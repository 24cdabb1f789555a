#pragma once

#include "output/format_table.hpp"
#include "rules/catalogue.hpp"

#include <ostream>
#include <vector>

namespace gdprctl::output {

// The catalogue as a table (one rule per line) or, for a single rule, its full explanation.
void write_rules_text(std::ostream& out, const std::vector<const rules::RuleInfo*>& rules, bool detailed);
// JSON is the same for one rule and for all.
void write_rules_json(std::ostream& out, const std::vector<const rules::RuleInfo*>& rules, bool detailed);

using RulesWriter = void(std::ostream& out, const std::vector<const rules::RuleInfo*>& rules, bool detailed);
FormatTable<RulesWriter> rules_formats();

}  // namespace gdprctl::output
