#include "commands/commands.hpp"
#include "commands/output_file.hpp"

#include "output/terminal.hpp"
#include "report/report.hpp"

#include <fmt/format.h>

#include <ostream>

namespace gdprctl::cli {
namespace {

struct ReportCommandOptions {
    std::string output;                 // -o FILE; empty: standard output
    std::vector<std::string> subjects;  // notice: only these audiences
    bool strict = false;                // notice: exit 1 when the notice has warnings
};

void run_report_command(report::ReportKind kind, const ReportCommandOptions& options, Context& context) {
    const auto& formats = report::report_formats(kind);
    auto format = context.format_or(formats.front(), formats);
    auto rendered = report::render_report(kind, context.workspace_root(), format, context.today(), options.subjects);
    if (rendered.register_errors > 0)
        *context.err << fmt::format(
            "gdprctl: warning: the register has {} structural error{}; the report shows what could be read.\n"
            "  hint: run `gdprctl check` for the details\n",
            rendered.register_errors, rendered.register_errors == 1 ? "" : "s");
    write_output(context, options.output, rendered.text);
    if (options.strict && !rendered.warnings.empty()) {
        *context.err << fmt::format(
            "gdprctl: the notice leaves out {} statement{} the register does not support (--strict)\n",
            rendered.warnings.size(), rendered.warnings.size() == 1 ? "" : "s");
        // The warnings quote register ids and cookie names: foreign text, escaped for the terminal.
        for (const auto& warning : rendered.warnings)
            *context.err << "  - " << output::terminal_escape(warning) << '\n';
        context.exit_code = 1;
    }
}

void add_report(CLI::App& group, Context& context, report::ReportKind kind, const char* name, const char* about,
                const char* footer) {
    auto options = std::make_shared<ReportCommandOptions>();
    auto* command = group.add_subcommand(name, about);
    command->footer(footer);
    command
        ->add_option("-o,--output", options->output,
                     "Write to FILE (atomically: a temporary file renamed into place) instead of standard output; "
                     "`-` or /dev/stdout is standard output. FILE must be a regular file or a new one in its "
                     "folder: links out of that folder and devices are refused (exit 2)")
        ->type_name("FILE");
    if (kind == report::ReportKind::notice) {
        command
            ->add_option("--subjects", options->subjects,
                         "Only the systems that process data about these data subjects (comma-separated), e.g. "
                         "customer,website-visitor")
            ->delimiter(',')
            ->type_name("SUBJECT,...");
        command->add_flag("--strict", options->strict,
                          "Exit 1 when the notice has warnings: statements left out because the register does not "
                          "support them, and gaps (for CI before publishing)");
    }
    command->callback([options, kind, &context] { run_report_command(kind, *options, context); });
}

}  // namespace

void setup_report(CLI::App& app, Context& context) {
    auto* group = app.add_subcommand("report", "Render the register as the Art. 30 record or privacy-notice tables");
    group->require_subcommand(1);
    group->footer(
        "Reports are generated from the register, so what is published cannot drift from what is recorded.\n"
        "A register with structural errors is still rendered from what could be read, with a warning on\n"
        "standard error and in the report; the exit code stays 0 (`gdprctl check` is the gate).\n"
        "Examples:\n"
        "  gdprctl report ropa --format html -o ropa.html\n"
        "  gdprctl report notice --format md --as-of 2026-12-01");
    add_report(*group, context, report::ReportKind::ropa, "ropa",
               "The record of processing activities (GDPR Art. 30(1))",
               "Controller block, then every system and purpose: data subjects and categories of personal data\n"
               "(special and criminal categories marked), recipients, third-country transfers and safeguards,\n"
               "erasure time limits, security measures, lawful basis with its article, Art. 9 condition,\n"
               "interests assessment, the law behind a legal obligation, sources and review dates.\n"
               "Formats: md (default), html (one printable page), csv (the UK ICO controller template's\n"
               "columns, one row per system and purpose), json. Dates are as of --as-of (default: today).\n"
               "Examples:\n"
               "  gdprctl report ropa --format html -o ropa.html\n"
               "  gdprctl report ropa --format csv -o ropa.csv\n"
               "  gdprctl report ropa --format json | jq '.systems[].purposes[].basis'");
    add_report(*group, context, report::ReportKind::notice, "notice",
               "The tables of the public privacy notice (GDPR Art. 13/14)",
               "What data is processed, for which purposes and on which basis, how long it is kept, who it is\n"
               "shared with (and the safeguard for transfers outside the EEA), the cookie table, the six\n"
               "rights with how to exercise them (one-month answer, Art. 12(3)), and the contact and\n"
               "supervisory authority. Gaps (an undetermined retention period, a transfer without a\n"
               "safeguard) are marked so that they are fixed in the register before publishing. A sentence the\n"
               "register does not support (consent-only cookies, a documented interests assessment, a way to\n"
               "withdraw consent) is left out and listed as a warning; --strict then exits 1.\n"
               "Formats: md (default), html, json. --subjects gives the notice of one audience: only the\n"
               "systems that process data about those data subjects, with their recipients and cookies.\n"
               "Examples:\n"
               "  gdprctl report notice --format html -o public/privacy-tables.html\n"
               "  gdprctl report notice --subjects customer,website-visitor -o customer-notice.md\n"
               "  gdprctl report notice > docs/privacy-notice-tables.md\n"
               "  gdprctl report notice --strict --format json > /dev/null   # CI: fail on warnings");
}

}  // namespace gdprctl::cli
