#include "commands/commands.hpp"
#include "commands/output_file.hpp"
#include "commands/store_access.hpp"

#include "output/report_formats.hpp"
#include "output/terminal.hpp"
#include "report/report.hpp"

#include <fmt/format.h>

#include <memory>
#include <ostream>
#include <sstream>

namespace gdprctl::cli {
namespace {

struct ReportOptions {
    std::string output;                 // -o FILE; empty or "-": standard output
    std::vector<std::string> subjects;  // notice: only these audiences
    bool strict = false;                // notice: exit 1 when the notice has warnings
    std::string lang = "en";            // notice: its language (en, nl)
};

// One library call builds the record; the format's row renders it; -o or standard output takes the
// text, with a warning when the register could not be read whole.
template <typename Writer, typename Load>
auto run_report(output::FormatTable<Writer> formats, const Load& load, const ReportOptions& options,
                Context& context) {
    const auto& format = output::choose_format(formats, context.options.format);
    const auto record = load();
    std::ostringstream text;
    format.write(text, record);
    if (record.register_errors > 0)
        *context.err << fmt::format(
            "gdprctl: warning: the register has {} structural error{}; the report shows what could be read.\n"
            "  hint: run `gdprctl check` for the details\n",
            record.register_errors, record.register_errors == 1 ? "" : "s");
    write_output(context, options.output, text.str());
    return record;
}

void run_ropa(const ReportOptions& options, Context& context) {
    run_report(
        output::ropa_formats(), [&] { return report::load_ropa(context.workspace_root(), workspace_today(context)); },
        options, context);
}

void run_notice(const ReportOptions& options, Context& context) {
    const auto notice = run_report(
        output::notice_formats(),
        [&] {
            return report::load_notice(context.workspace_root(), workspace_today(context), options.subjects,
                                       report::parse_language(options.lang).value_or(report::Language::en));
        },
        options, context);
    if (options.strict && !notice.warnings.empty()) {
        *context.err << fmt::format(
            "gdprctl: the notice leaves out {} statement{} the register does not support (--strict)\n",
            notice.warnings.size(), notice.warnings.size() == 1 ? "" : "s");
        // The warnings quote register ids and cookie names: foreign text, escaped for the terminal.
        for (const auto& warning : notice.warnings)
            *context.err << "  - " << output::terminal_escape(warning) << '\n';
        context.exit_code = 1;
    }
}

CLI::App* add_report(CLI::App& group, const char* name, const char* about, const std::string& footer,
                     std::shared_ptr<ReportOptions> options) {
    auto* command = group.add_subcommand(name, about);
    command->footer(footer);
    command
        ->add_option("-o,--output", options->output,
                     "Write to FILE (atomically: a temporary file renamed into place) instead of standard output; "
                     "`-` or /dev/stdout is standard output. FILE must be a regular file or a new one in its "
                     "folder: links out of that folder and devices are refused (exit 2)")
        ->type_name("FILE");
    return command;
}

void add_ropa(CLI::App& group, Context& context) {
    auto options = std::make_shared<ReportOptions>();
    auto* command = add_report(
        group, "ropa", "The record of processing activities (GDPR Art. 30(1))",
        "Controller block, then every system and purpose: data subjects and categories of personal data\n"
        "(special and criminal categories marked), recipients, third-country transfers and safeguards,\n"
        "erasure time limits, security measures, lawful basis with its article, Art. 9 condition,\n"
        "interests assessment, the law behind a legal obligation, sources and review dates.\n" +
            output::formats_help(output::ropa_formats()) +
            " Dates are as of --as-of (default: today).\n"
            "Examples:\n"
            "  gdprctl report ropa --format html -o ropa.html\n"
            "  gdprctl report ropa --format csv -o ropa.csv\n"
            "  gdprctl report ropa --format json | jq '.systems[].purposes[].basis'",
        options);
    command->callback([options, &context] { run_ropa(*options, context); });
}

void add_notice(CLI::App& group, Context& context) {
    auto options = std::make_shared<ReportOptions>();
    auto* command = add_report(
        group, "notice", "The tables of the public privacy notice (GDPR Art. 13/14)",
        "What data is processed, for which purposes and on which basis, how long it is kept, who it is\n"
        "shared with (and the safeguard for transfers outside the EEA), the cookie table, the six\n"
        "rights with how to exercise them (one-month answer, Art. 12(3)), and the contact and\n"
        "supervisory authority. Gaps (an undetermined retention period, a transfer without a\n"
        "safeguard) are marked so that they are fixed in the register before publishing. A sentence the\n"
        "register does not support (consent-only cookies, a documented interests assessment, a way to\n"
        "withdraw consent) is left out and listed as a warning; --strict then exits 1.\n" +
            output::formats_help(output::notice_formats()) +
            " --subjects gives the notice of one audience: only the\n"
            "systems that process data about those data subjects, with their recipients and cookies.\n"
            "Examples:\n"
            "  gdprctl report notice --format html -o public/privacy-tables.html\n"
            "  gdprctl report notice --subjects customer,website-visitor -o customer-notice.md\n"
            "  gdprctl report notice --lang nl --format html -o public/privacyverklaring.html\n"
            "  gdprctl report notice > docs/privacy-notice-tables.md\n"
            "  gdprctl report notice --strict --format json > /dev/null   # CI: fail on warnings",
        options);
    command
        ->add_option("--subjects", options->subjects,
                     "Only the systems that process data about these data subjects (comma-separated), e.g. "
                     "customer,website-visitor")
        ->delimiter(',')
        ->type_name("SUBJECT,...");
    command
        ->add_option("--lang", options->lang,
                     "The notice's language: en (default) or nl. Every sentence, heading and label is in that "
                     "language, with its article cited (AVG in Dutch); the register's own text is printed as "
                     "written")
        ->check(CLI::IsMember(
            std::vector<std::string>(report::language_names().begin(), report::language_names().end())))
        ->type_name("LANG");
    command->add_flag("--strict", options->strict,
                      "Exit 1 when the notice has warnings: statements left out because the register does not "
                      "support them, and gaps (for CI before publishing)");
    command->callback([options, &context] { run_notice(*options, context); });
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
    add_ropa(*group, context);
    add_notice(*group, context);
}

}  // namespace gdprctl::cli
