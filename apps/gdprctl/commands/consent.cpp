#include "commands/commands.hpp"
#include "commands/store_access.hpp"

#include "consent/consent.hpp"
#include "consent/import.hpp"
#include "errors.hpp"
#include "output/consent_formats.hpp"
#include "output/progress.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace gdprctl::cli {
namespace {

struct RecordOptions {
    consent::RecordOptions fields;
};

struct StatusOptions {
    std::string subject;
    std::string purpose;
};

struct ListOptions {
    std::string purpose;
    std::string state = "given";
};

struct TasksOptions {
    bool pending = false;
};

struct TaskOptions {
    std::string id;
    std::string target;
};

struct ExportOptions {
    std::string subject;
};

struct ImportCommandOptions {
    std::string file;
    std::string input_format;
    std::size_t max_errors = 20;
};

void run_record(const RecordOptions& options, Context& context) {
    const auto& format = output::choose_format(output::recorded_formats(), context.options.format);
    const auto stamp = change_stamp(context);
    const auto reg = load_workspace_register(context);
    const auto zone = workspace_zone(context);
    auto store = open_store(context);
    format.write(*context.out, consent::record_consent(*store, reg, options.fields, zone, stamp));
}

void run_withdraw(const RecordOptions& options, Context& context) {
    const auto& format = output::choose_format(output::recorded_formats(), context.options.format);
    const auto stamp = change_stamp(context);
    const auto reg = load_workspace_register(context);
    const auto zone = workspace_zone(context);
    auto store = open_store(context);
    format.write(*context.out, consent::withdraw_consent(*store, reg, options.fields, zone, stamp));
}

void run_status(const StatusOptions& options, Context& context) {
    const auto& format = output::choose_format(output::status_formats(), context.options.format);
    auto store = open_store(context, StoreAccess::read);
    output::StatusResult result{options.subject,
                                consent::consent_status(*store, options.subject, options.purpose, context.now())};
    format.write(*context.out, result);
}

void run_list(const ListOptions& options, Context& context) {
    const auto& format = output::choose_format(output::audience_formats(), context.options.format);
    const auto state = store::parse<store::ConsentAction>(options.state);
    if (!state)
        throw UsageError(fmt::format("--state `{}` is not a consent state", options.state), "use given or withdrawn");
    const auto reg = load_workspace_register(context);
    auto store = open_store(context, StoreAccess::read);
    auto writer = format.write(*context.out);
    consent::list_audience(*store, reg, options.purpose, *state, context.now(),
                           [&](const consent::AudienceMember& member) { writer->row(member); });
    writer->end();
}

void run_tasks(const TasksOptions& options, Context& context) {
    const auto& format = output::choose_format(output::consent_task_list_formats(), context.options.format);
    auto store = open_store(context, StoreAccess::read);
    auto writer = format.write(*context.out);
    consent::list_tasks(*store, options.pending, [&](const store::ConsentTask& task) { writer->row(task); });
    writer->end();
}

void run_task(const TaskOptions& options, Context& context) {
    const auto& format = output::choose_format(output::consent_task_done_formats(), context.options.format);
    const auto stamp = change_stamp(context);
    auto store = open_store(context);
    format.write(*context.out, consent::complete_task(*store, options.id, options.target, stamp));
}

void run_export(const ExportOptions& options, Context& context) {
    const auto& format = output::choose_format(output::history_formats(), context.options.format);
    const auto reg = load_workspace_register(context);
    auto store = open_store(context, StoreAccess::read);
    auto history = consent::consent_history(*store, options.subject);
    if (reg.organization) {
        history.controller_name = reg.organization->name;
        history.controller_contact = reg.organization->email;
    }
    history.generated_at = context.now();
    format.write(*context.out, history);
}

// Opens FILE for reading without following it out of a regular file or a pipe: a FIFO opened for
// reading is not waited on, and a device or folder is refused.
std::FILE* open_feed(const std::string& file) {
    if (file == "-") return stdin;
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        throw EnvironmentError(fmt::format("cannot read {}: {}", file, std::strerror(errno)),
                               "pass the path of a CSV or JSON Lines file, or - for standard input");
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        throw EnvironmentError(fmt::format("{} is not a regular file", file),
                               "to read from a pipe, pass - and redirect it to standard input");
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    std::FILE* in = ::fdopen(fd, "r");
    if (!in) {
        ::close(fd);
        throw EnvironmentError(fmt::format("cannot read {}: {}", file, std::strerror(errno)));
    }
    return in;
}

void run_import(const ImportCommandOptions& options, Context& context) {
    const auto& format = output::choose_format(output::import_formats(), context.options.format);
    consent::ImportOptions import;
    import.display_name = options.file;
    import.max_errors = options.max_errors;
    if (!options.input_format.empty()) {
        import.format = consent::parse_feed_format(options.input_format);
        if (!import.format)
            throw UsageError(fmt::format("--input-format `{}` is not a feed format", options.input_format),
                             "use csv or jsonl");
    } else {
        import.format = consent::feed_format_of(options.file);
    }
    const auto stamp = change_stamp(context);
    const auto reg = load_workspace_register(context);
    const auto zone = workspace_zone(context);
    auto store = open_store(context);
    std::FILE* in = open_feed(options.file);
    struct Closer {
        std::FILE* file;
        ~Closer() {
            if (file != stdin) std::fclose(file);
        }
    } closer{in};
    // A progress bar only for a large regular file on a terminal, never in a pipe or with -q.
    struct stat info {};
    const bool regular = ::fstat(::fileno(in), &info) == 0 && S_ISREG(info.st_mode);
    const bool show = !context.options.quiet && regular && info.st_size > (8 << 20) && ::isatty(STDERR_FILENO) == 1;
    output::ProgressBar bar(*context.err, show, regular ? static_cast<std::uint64_t>(info.st_size) : 0);
    const auto result = consent::import_consents(*store, reg, in, import, zone, stamp,
                                                 [&](std::uint64_t bytes) { bar.update(bytes); });
    bar.finish();
    if (!result.ok()) {
        for (const auto& line : result.errors) *context.err << line << "\n";
        if (result.error_count > result.errors.size())
            *context.err << fmt::format("... and {} more bad row(s)\n", result.error_count - result.errors.size());
        throw Refusal(fmt::format("{} bad row(s) in {}; nothing was imported", result.error_count, options.file),
                      "fix the rows above and import the whole file again (it is one transaction)");
    }
    format.write(*context.out, result);
}

void add_event_options(CLI::App& command, consent::RecordOptions& fields) {
    command.add_option("--subject", fields.subject, "The person's identifier, e.g. a customer number")->required();
    command.add_option("--purpose", fields.purpose, "SYSTEM/PURPOSE of the register, whose basis is consent")
        ->required();
    command.add_option("--at", fields.at,
                       "When the person acted, ISO 8601; without an offset it is read in settings.timezone; "
                       "default: now");
}

void add_record(CLI::App& group, Context& context) {
    auto options = std::make_shared<RecordOptions>();
    auto* command = group.add_subcommand("record", "Record that a person gave consent, with its evidence (Art. 7(1))");
    add_event_options(*command, options->fields);
    command->add_option("--evidence", options->fields.evidence,
                        "What the person saw and did (form, wording, box ticked, confirmation)")
        ->required();
    command->add_option("--method", options->fields.method, "How: form, checkbox, email, paper, ...");
    command->add_option("--notice-version", options->fields.notice_version, "Version of the notice the person saw");
    command->add_option("--source", options->fields.source, "Where: a URL or an app");
    command->footer(
        "Refused for a purpose whose basis is not consent, naming the consent-based ones.\n"
        "Example: gdprctl consent record --subject C-1042 --purpose crm/newsletter \\\n"
        "           --evidence \"signup form v3, box ticked\" --method checkbox --notice-version 2026-04-01");
    add_backdate_option(*command, context);
    command->callback([options, &context] { run_record(*options, context); });
}

void add_withdraw(CLI::App& group, Context& context) {
    auto options = std::make_shared<RecordOptions>();
    auto* command = group.add_subcommand("withdraw", "Record a withdrawal and the tasks that carry it to every system");
    add_event_options(*command, options->fields);
    command->add_option("--channel", options->fields.channel, "How it arrived: unsubscribe link, e-mail, phone...");
    command->footer(
        "Art. 7(3): withdrawing is as easy as consenting and must reach every system that uses the\n"
        "purpose (policy 4.4): one task per such system and per recipient of them. Accepted even when\n"
        "no consent was recorded, and reported as such.\n"
        "Example: gdprctl consent withdraw --subject C-1042 --purpose crm/newsletter --channel unsubscribe-link");
    add_backdate_option(*command, context);
    command->callback([options, &context] { run_withdraw(*options, context); });
}

void add_status(CLI::App& group, Context& context) {
    auto options = std::make_shared<StatusOptions>();
    auto* command = group.add_subcommand("status", "A person's current consent per purpose (latest event wins)");
    command->add_option("--subject", options->subject, "The person's identifier")->required();
    command->add_option("--purpose", options->purpose, "Only this SYSTEM/PURPOSE");
    command->footer("With --as-of: the state at that moment.\nExample: gdprctl consent status --subject C-1042 --format json");
    command->callback([options, &context] { run_status(*options, context); });
}

void add_list(CLI::App& group, Context& context) {
    auto options = std::make_shared<ListOptions>();
    auto* command = group.add_subcommand("list", "The people whose consent to a purpose is given (or withdrawn), streamed");
    command->add_option("--purpose", options->purpose, "SYSTEM/PURPOSE")->required();
    command->add_option("--state", options->state, "given (default) or withdrawn");
    command->footer(
        output::formats_help(output::audience_formats()) + "\nWith --as-of: the audience at that moment.\n"
        "Example (the newsletter's mailing list): gdprctl consent list --purpose crm/newsletter --format csv");
    command->callback([options, &context] { run_list(*options, context); });
}

void add_tasks(CLI::App& group, Context& context) {
    auto options = std::make_shared<TasksOptions>();
    auto* command = group.add_subcommand("tasks", "The propagation tasks of withdrawals");
    command->add_flag("--pending", options->pending, "Only tasks not done yet");
    command->callback([options, &context] { run_tasks(*options, context); });
}

void add_task(CLI::App& group, Context& context) {
    auto options = std::make_shared<TaskOptions>();
    auto* command = group.add_subcommand("task", "Mark a withdrawal's propagation task done");
    command->add_option("ID", options->id, "Withdrawal id, e.g. CON-17")->required();
    command->add_option("TARGET", options->target, "System id, or notify:RECIPIENT")->required();
    command->footer("Example: gdprctl consent task CON-17 notify:mailer-co");
    add_backdate_option(*command, context);
    command->callback([options, &context] { run_task(*options, context); });
}

void add_export(CLI::App& group, Context& context) {
    auto options = std::make_shared<ExportOptions>();
    auto* command = group.add_subcommand("export", "A person's consent history as an ISO/IEC TS 27560-shaped record");
    command->add_option("--subject", options->subject, "The person's identifier")->required();
    command->footer(
        "JSON by default (portability, Art. 20; proof, Art. 7(1)); --format text for reading.\n"
        "Example: gdprctl consent export --subject C-1042 > C-1042-consent.json");
    command->callback([options, &context] { run_export(*options, context); });
}

void add_import(CLI::App& group, Context& context) {
    auto options = std::make_shared<ImportCommandOptions>();
    auto* command = group.add_subcommand("import", "Import a consent feed (CSV or JSON Lines) in one transaction");
    command->add_option("FILE", options->file, "CSV or JSON Lines file, or - for standard input")->required();
    command->add_option("--input-format", options->input_format,
                        "csv or jsonl; default: from the file's extension, else from its first byte");
    command->add_option("--max-errors", options->max_errors, "Bad rows reported one by one before only counting")
        ->check(CLI::Range(1, 100000));
    command->footer(
        "CSV: a header line with subject,purpose,action,at,evidence and optionally\n"
        "method,notice_version,source,channel, in any order. JSON Lines: one object per line with the\n"
        "same members. action is given or withdrawn; at is ISO 8601 (settings.timezone without an offset).\n"
        "Every row is validated; any bad row refuses the whole file (FILE:LINE: what is wrong, exit 1)\n"
        "and the store is left unchanged. Withdrawals get their propagation tasks.\n"
        "Example: gdprctl consent import signups-2026-11.csv");
    add_backdate_option(*command, context);
    command->callback([options, &context] { run_import(*options, context); });
}

}  // namespace

void setup_consent(CLI::App& app, Context& context) {
    auto* group = app.add_subcommand("consent", "The consent ledger: evidence, withdrawals and their propagation (Art. 7)");
    group->require_subcommand(1);
    group->footer(
        "Append-only: events are never changed, only erased with their subject (`subject erase`).\n"
        "Examples:\n"
        "  gdprctl consent record --subject C-1042 --purpose crm/newsletter --evidence \"signup form v3\"\n"
        "  gdprctl consent withdraw --subject C-1042 --purpose crm/newsletter\n"
        "  gdprctl consent list --purpose crm/newsletter --format csv");
    add_record(*group, context);
    add_withdraw(*group, context);
    add_status(*group, context);
    add_list(*group, context);
    add_tasks(*group, context);
    add_task(*group, context);
    add_export(*group, context);
    add_import(*group, context);
}

}  // namespace gdprctl::cli
