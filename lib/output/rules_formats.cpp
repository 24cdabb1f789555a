#include "output/rules_formats.hpp"

#include "output/json_writer.hpp"

#include <fmt/format.h>

namespace gdprctl::output {

void write_rules_text(std::ostream& out, const std::vector<const rules::RuleInfo*>& rules, bool detailed) {
    if (!detailed) {
        std::size_t width = 0;
        for (const auto* rule : rules) width = std::max(width, rule->id.size());
        for (const auto* rule : rules)
            out << fmt::format("{:<{}}  {:<7}  {}  [{}]\n", rule->id, width, diag::to_string(rule->severity),
                               rule->title, rule->article);
        out << "\nRun `gdprctl rules ID` for why a rule exists and how to fix its findings.\n";
        return;
    }
    for (const auto* rule : rules) out << rule_help_text(*rule);
}

std::string rule_help_text(const rules::RuleInfo& rule) {
    std::string out;
    out += fmt::format("{}: {}\n", rule.id, rule.title);
    out += fmt::format("  severity: {}\n", diag::to_string(rule.severity));
    out += fmt::format("  article:  {}\n", rule.article);
    out += fmt::format("  kind:     {}\n", rule.structural ? "register format" : "legal lint");
    out += fmt::format("\n  Why: {}\n\n  How to fix: {}\n", rule.why, rule.fix);
    out += fmt::format("\n  Silence it with `--disable {0}` or `settings: {{disable: [{0}]}}` in gdpr.yaml.\n", rule.id);
    return out;
}

std::string rule_help_markdown(const rules::RuleInfo& rule) {
    return fmt::format("**{}** ({}, {})\n\n**Why:** {}\n\n**How to fix:** {}\n\n"
                       "Silence it with `--disable {}` or `settings: {{disable: [{}]}}` in `gdpr.yaml`.",
                       rule.title, rule.article, rule.structural ? "register format" : "legal lint", rule.why,
                       rule.fix, rule.id, rule.id);
}

void write_rules_json(std::ostream& out, const std::vector<const rules::RuleInfo*>& rules, bool /*detailed*/) {
    JsonWriter json(out);
    json.begin_array();
    for (const auto* rule : rules) {
        json.begin_object();
        json.field("id", rule->id);
        json.field("severity", diag::to_string(rule->severity));
        json.field("article", rule->article);
        json.field("title", rule->title);
        json.field("why", rule->why);
        json.field("fix", rule->fix);
        json.field("kind", rule->structural ? "format" : "lint");
        json.end_object();
    }
    json.end_array();
}

namespace {
constexpr Format<RulesWriter> rules_rows[]{{"text", "", write_rules_text}, {"json", "", write_rules_json}};
}  // namespace

FormatTable<RulesWriter> rules_formats() { return rules_rows; }

}  // namespace gdprctl::output
