#include "commands/commands.hpp"
#include "commands/store_access.hpp"

#include "output/request_formats.hpp"
#include "requests/requests.hpp"

namespace gdprctl::cli {
namespace {

struct ShowOptions {
    std::string id;
};

void run_show(const ShowOptions& options, Context& context) {
    const auto& format = output::choose_format(output::subject_formats(), context.options.format);
    const auto today = workspace_today(context);
    auto store = open_store(context, StoreAccess::read);
    format.write(*context.out, requests::show_subject(*store, options.id), today);
}

void add_show(CLI::App& group, Context& context) {
    auto options = std::make_shared<ShowOptions>();
    auto* command = group.add_subcommand("show", "Every request, task and audit reference about one subject");
    command->add_option("ID", options->id, "The subject's identifier, as given to `request open --subject`")
        ->required();
    command->callback([options, &context] { run_show(*options, context); });
}

struct EraseOptions {
    std::string id;
    requests::EraseOptions erase;
};

void run_erase(const EraseOptions& options, Context& context) {
    const auto& format = output::choose_format(output::erasure_formats(), context.options.format);
    const auto stamp = change_stamp(context);
    auto store = open_store(context);
    auto erase = options.erase;
    erase.keep_withdrawal_proof = workspace_settings(context).keep_withdrawal_proof;
    const auto report = requests::erase_subject(*store, options.id, erase, stamp);
    format.write(*context.out, report);
    if (!report.purge.complete) report_pending_purge(context, "erasure", report.purge);
}

void add_erase(CLI::App& group, Context& context) {
    auto options = std::make_shared<EraseOptions>();
    auto* command = group.add_subcommand("erase", "Erase a subject from the store irrecoverably");
    command->add_option("ID", options->id, "The subject's identifier")->required();
    command->add_flag("--force", options->erase.force, "Erase although requests of the subject are still open");
    command->add_option("--reason", options->erase.reason,
                        "With --force: why (recorded in the audit trail; do not name the person)");
    add_backdate_option(*command, context);
    command->footer(
        "Removes the identifier and every free-text field (channel, notes, reasons) of the subject's\n"
        "requests, then purges the store's files: SQLite overwrites the freed bytes and empties its\n"
        "write-ahead log; PostgreSQL rewrites the tables (VACUUM FULL, which only their owner may run: as\n"
        "another role the purge is left pending, exit 2). The command says what remains (the server's\n"
        "WAL, archives and backups until they rotate: docs/deployment.md). Keeps a record of each\n"
        "request without the identifier (type, dates, outcome, tasks), because the controller must be\n"
        "able to show that requests were answered in time (Art. 5(2)); says what it kept and why.\n"
        "Refused while a request of the subject is open, unless --force --reason.");
    command->callback([options, &context] { run_erase(*options, context); });
}

}  // namespace

void setup_subject(CLI::App& app, Context& context) {
    auto* group = app.add_subcommand("subject", "What the store holds about one data subject; erasure of it");
    group->require_subcommand(1);
    group->footer(
        "Examples:\n"
        "  gdprctl subject show C-1042 --format json   (answers an access request about the store)\n"
        "  gdprctl subject erase C-1042");
    add_show(*group, context);
    add_erase(*group, context);
}

}  // namespace gdprctl::cli
