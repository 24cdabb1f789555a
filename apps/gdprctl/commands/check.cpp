#include "commands/commands.hpp"

#include "check/check.hpp"
#include "check/fix.hpp"
#include "commands/output_file.hpp"
#include "edit/atomic_file.hpp"
#include "errors.hpp"
#include "output/check_formats.hpp"
#include "vcs/repository.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <sstream>

namespace gdprctl::cli {
namespace {

struct CheckCommandOptions {
    std::vector<std::string> paths;
    std::string fail_on = "error";
    std::vector<std::string> disable;
    std::vector<std::string> select;
    std::string output_file;  // --output-file: the --format output goes there, text to stdout
    bool statistics = false;
    std::string rules_url;
    bool fix = false;   // --fix: apply the safe fixes in place, then report what is left
    bool diff = false;  // --diff: print the safe fixes as a unified diff, write nothing
};

void run_check(const CheckCommandOptions& options, Context& context) {
    const char* github = std::getenv("GITHUB_ACTIONS");
    std::string interactive = github && std::string(github) == "true" ? "github" : "text";
    const auto& format = output::choose_format(output::check_formats(), context.options.format, interactive);
    auto fail_on = check::parse_fail_on(options.fail_on);
    if (options.statistics && format.name != "text" && options.output_file.empty())
        throw UsageError("--statistics is a text summary", "drop --format, or write the other format with --output-file");

    check::CheckOptions check_options;
    check_options.paths = options.paths;
    check_options.workspace = context.options.workspace;
    check_options.disabled_rules = options.disable;
    check_options.selected_rules = options.select;
    check_options.now = context.now();
    auto result = check::run_check(check_options);
    if (options.fix || options.diff) {
        // Planned and written as one step for other gdprctl processes (a `register` edit in between
        // would be refused by the snapshot check half-way through the files).
        std::optional<edit::WorkspaceLock> lock;
        if (options.fix) lock.emplace(result.root);
        auto planned = check::plan_fixes(result.root, check::safe_fixes(result.diagnostics));
        auto prefix = display_prefix(result.root);
        if (options.diff) {
            for (const auto& file : planned) *context.out << check::unified_diff(file, prefix + file.path);
            context.exit_code = planned.empty() ? 0 : 1;  // 1: there is something to fix, as ruff --diff
            return;
        }
        check::write_fixes(planned);
        std::size_t fixed = 0;
        for (const auto& file : planned) fixed += file.fixes;
        if (!context.options.quiet)
            *context.err << fmt::format("gdprctl: fixed {} finding{} in {} file{}\n", fixed, fixed == 1 ? "" : "s",
                                        planned.size(), planned.size() == 1 ? "" : "s");
        result = check::run_check(check_options);  // what is left
    }

    auto cwd = std::filesystem::current_path();
    output::CheckOutputOptions output_options;
    output_options.repository = vcs::find_repository(result.root, cwd);
    output_options.path_prefix = vcs::relative_prefix(result.root, output_options.repository.root);
    if (auto text_prefix = display_prefix(result.root); text_prefix != output_options.path_prefix)
        output_options.text_prefix = text_prefix;
    output_options.fail_on = fail_on;
    output_options.color = context.color_on_stdout();
    output_options.quiet = context.options.quiet;
    output_options.statistics = options.statistics;
    output_options.help_uri_base = options.rules_url.empty() ? result.rules_url : options.rules_url;

    if (options.output_file.empty() || options.output_file == "-") {
        format.write(*context.out, result, output_options);
    } else {
        // One run, two readers: the chosen format for a tool, and text (or annotations) for the log.
        std::ostringstream rendered;
        auto file_options = output_options;
        file_options.color = false;
        format.write(rendered, result, file_options);
        write_output(context, options.output_file, rendered.str());
        output::choose_format(output::check_formats(), interactive).write(*context.out, result, output_options);
    }
    context.exit_code = check::exit_status(result, fail_on);
}

}  // namespace

void setup_check(CLI::App& app, Context& context) {
    auto options = std::make_shared<CheckCommandOptions>();
    auto* command = app.add_subcommand("check", "Validate and lint the Register of Systems");
    command->footer(
        "Reads every *.yaml/*.yml file of the workspace, reports format problems and legal findings as\n"
        "path:line:col: severity[rule]: message (article), and exits 1 when a finding reaches --fail-on.\n"
        "Paths are relative to the repository root (the git top level, else the current folder).\n" +
        output::formats_help(output::check_formats(), "default; github when GITHUB_ACTIONS=true") +
        "\nExamples:\n"
        "  gdprctl check examples/unexus\n"
        "  gdprctl check --format sarif --output-file gdprctl.sarif   # SARIF to the file, text to the log\n"
        "  gdprctl check --format gitlab > gl-code-quality-report.json\n"
        "  gdprctl check --as-of 2027-01-01 --fail-on warning --disable data-unused\n"
        "A finding can be silenced where it is, with a reason (required, shown in JSON and SARIF):\n"
        "  data: [identity.name, contact.email]  # gdprctl: ignore[data-unused] e-mail kept for fraud checks, DPIA-7\n"
        "On the line that starts an entry (`- id: crm  # gdprctl: ignore[...] ...`) it covers the whole entry.");
    command->add_option("PATH", options->paths,
                        "Workspace, register folder or file to report on (default: the current workspace)");
    command->add_option("--fail-on", options->fail_on, "Lowest severity that makes the exit code 1: error, warning, never")
        ->capture_default_str();
    // One id per occurrence, so that `--disable RULE PATH` does not swallow the path.
    command
        ->add_option("--disable,--ignore", options->disable,
                     "Rule id to skip (repeatable; also settings.disable in gdpr.yaml)")
        ->allow_extra_args(false);
    command->add_option("--select", options->select, "Report only this rule (repeatable); the others are skipped")
        ->allow_extra_args(false);
    command->add_option("-O,--output-file", options->output_file,
                        "Write the --format output to FILE (atomically) and print text (github annotations under "
                        "GITHUB_ACTIONS) to standard output");
    command->add_flag("--fix", options->fix,
                      "Apply the fixes that cannot change meaning (\"1 jaar\" -> P1Y, contrat -> contract, "
                      "legal_obligation -> legal-obligation) in place, keeping comments; then report the rest");
    command->add_flag("--diff", options->diff, "Print those fixes as a unified diff and write nothing (exit 1 when there are any)");
    command->add_flag("--statistics", options->statistics, "Print the number of findings per rule instead of each finding");
    command->add_option("--rules-url", options->rules_url,
                        "Documentation base URL: SARIF helpUri is URL + rule id (also settings.rules_url)");
    command->callback([options, &context] { run_check(*options, context); });
}

}  // namespace gdprctl::cli
