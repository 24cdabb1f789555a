#include "commands/commands.hpp"

#include "output/rules_formats.hpp"
#include "rules/catalogue.hpp"

namespace gdprctl::cli {
namespace {

struct RulesOptions {
    std::string id;
};

void run_rules(const RulesOptions& options, Context& context) {
    const auto& format = output::choose_format(output::rules_formats(), context.options.format);
    format.write(*context.out, rules::select_rules(options.id), !options.id.empty());
}

}  // namespace

void setup_rules(CLI::App& app, Context& context) {
    auto options = std::make_shared<RulesOptions>();
    auto* command = app.add_subcommand("rules", "List the rule catalogue, or explain one rule");
    command->footer("Each rule has a stable id, a default severity, the article it rests on, why it exists\n"
                    "and how to fix its findings. " +
                    output::formats_help(output::rules_formats()) +
                    "\nExample: gdprctl rules retention-undetermined");
    command->add_option("ID", options->id, "A rule id to explain in full");
    command->callback([options, &context] { run_rules(*options, context); });
}

}  // namespace gdprctl::cli
