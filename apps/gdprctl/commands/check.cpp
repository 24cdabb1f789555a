#include "commands/commands.hpp"

#include "check/check.hpp"
#include "output/check_formats.hpp"

#include <cstdlib>
#include <filesystem>

namespace gdprctl::cli {
namespace {

struct CheckOptions {
    std::vector<std::string> paths;
    std::string fail_on = "error";
    std::vector<std::string> disable;
};

void run_check(const CheckOptions& options, Context& context) {
    const char* github = std::getenv("GITHUB_ACTIONS");
    const auto& format = output::choose_format(output::check_formats(), context.options.format,
                                               github && std::string(github) == "true" ? "github" : "text");
    const auto fail_on = check::parse_fail_on(options.fail_on);

    check::CheckOptions check_options;
    check_options.paths = options.paths;
    check_options.workspace = context.options.workspace;
    check_options.disabled_rules = options.disable;
    check_options.today = context.today();
    const auto result = check::run_check(check_options);

    output::CheckOutputOptions output_options;
    output_options.path_prefix = display_prefix(result.root);
    output_options.fail_on = fail_on;
    output_options.color = context.color_on_stdout();
    output_options.quiet = context.options.quiet;
    format.write(*context.out, result, output_options);
    context.exit_code = check::exit_status(result, fail_on);
}

}  // namespace

void setup_check(CLI::App& app, Context& context) {
    auto options = std::make_shared<CheckOptions>();
    auto* command = app.add_subcommand("check", "Validate and lint the Register of Systems");
    command->footer(
        std::string("Reads every *.yaml/*.yml file of the workspace, reports format problems and legal findings as\n"
        "path:line:col: severity[rule]: message (article), and exits 1 when a finding reaches --fail-on.\n") +
        output::formats_help(output::check_formats(), "default; github when GITHUB_ACTIONS=true") +
        "\nExamples:\n"
        "  gdprctl check examples/unexus\n"
        "  gdprctl check --format sarif > gdprctl.sarif\n"
        "  gdprctl check --as-of 2027-01-01 --fail-on warning --disable data-unused");
    command->add_option("PATH", options->paths,
                        "Workspace, register folder or file to report on (default: the current workspace)");
    command->add_option("--fail-on", options->fail_on, "Lowest severity that makes the exit code 1: error, warning, never")
        ->capture_default_str();
    // One id per occurrence, so that `--disable RULE PATH` does not swallow the path.
    command
        ->add_option("--disable", options->disable, "Rule id to skip (repeatable; also settings.disable in gdpr.yaml)")
        ->allow_extra_args(false);
    command->callback([options, &context] { run_check(*options, context); });
}

}  // namespace gdprctl::cli
