#include "commands/commands.hpp"

#include "diag/suggest.hpp"
#include "errors.hpp"
#include "output/rules_formats.hpp"

#include <fmt/format.h>

namespace gdprctl::cli {
namespace {

struct RulesOptions {
    std::string id;
};

void run_rules(const RulesOptions& options, Context& context) {
    std::vector<const rules::RuleInfo*> selected;
    if (options.id.empty()) {
        for (const auto& rule : rules::catalogue()) selected.push_back(&rule);
    } else if (const auto* rule = rules::find_rule(options.id)) {
        selected.push_back(rule);
    } else {
        throw UsageError(fmt::format("no rule `{}`", options.id), rules::suggest_rule(options.id));
    }
    if (context.format_or("text", {"text", "json"}) == "json")
        output::write_rules_json(*context.out, selected);
    else
        output::write_rules_text(*context.out, selected, !options.id.empty());
}

}  // namespace

void setup_rules(CLI::App& app, Context& context) {
    auto options = std::make_shared<RulesOptions>();
    auto* command = app.add_subcommand("rules", "List the rule catalogue, or explain one rule");
    command->footer("Each rule has a stable id, a default severity, the article it rests on, why it exists\n"
                    "and how to fix its findings. Example: gdprctl rules retention-undetermined");
    command->add_option("ID", options->id, "A rule id to explain in full");
    command->callback([options, &context] { run_rules(*options, context); });
}

}  // namespace gdprctl::cli
