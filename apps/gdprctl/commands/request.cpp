#include "commands/commands.hpp"
#include "commands/store_access.hpp"

#include "errors.hpp"
#include "output/request_formats.hpp"
#include "requests/requests.hpp"

#include <fmt/format.h>

namespace gdprctl::cli {
namespace {

void warn(Context& context, const std::vector<std::string>& warnings) {
    for (const auto& warning : warnings) *context.err << fmt::format("gdprctl: warning: {}\n", warning);
}

std::optional<time::Date> optional_date(const std::string& text, const std::string& option) {
    if (text.empty()) return std::nullopt;
    return requests::parse_date_option(text, option);
}

struct OpenOptions {
    requests::OpenOptions open;
    std::string received;
};

void run_open(const OpenOptions& options, Context& context) {
    const auto& format = output::choose_format(output::opened_formats(), context.options.format);
    const auto stamp = change_stamp(context);
    auto open = options.open;
    open.received = optional_date(options.received, "--received");
    const auto reg = load_workspace_register(context);
    auto store = open_store(context);
    const auto opened = requests::open_request(*store, reg, open, stamp);
    warn(context, opened.warnings);
    format.write(*context.out, opened);
}

void add_open(CLI::App& group, Context& context) {
    auto options = std::make_shared<OpenOptions>();
    auto* command = group.add_subcommand("open", "Record a request received from a data subject");
    command->add_option("--type", options->open.type, fmt::format("{}", fmt::join(model::names<model::Right>(), ", ")))
        ->required();
    command->add_option("--subject", options->open.subject, "The subject's identifier, e.g. a customer number")
        ->required();
    command->add_option("--subject-kind", options->open.subject_kind,
                        "Kind of subject (matched against each system's `subjects`); default: every system");
    command->add_option("--received", options->received, "Date of receipt, YYYY-MM-DD; default: today (--as-of)");
    command->add_option("--channel", options->open.channel, "How it arrived: e-mail, letter, web form...");
    command->add_option("--note", options->open.note, "Free text; erased with the subject");
    command->footer("Prints the request id and its due date. " + output::formats_help(output::opened_formats()) +
                    "\n"
                    "Example: gdprctl request open --type access --subject C-1042 --received 2026-01-31");
    add_backdate_option(*command, context);
    command->callback([options, &context] { run_open(*options, context); });
}

struct ListOptions {
    requests::ListOptions list;
};

void run_list(const ListOptions& options, Context& context) {
    const auto& format = output::choose_format(output::request_list_formats(), context.options.format);
    const auto today = workspace_today(context);
    const auto filter = requests::list_filter(options.list, today);
    const auto calendar = workspace_calendar(context);
    auto store = open_store(context, StoreAccess::read);
    auto writer = format.write(*context.out, today, &calendar);
    requests::list_requests(*store, filter, [&](const store::Request& request) { writer->row(request); });
    writer->end();
}

void add_list(CLI::App& group, Context& context) {
    auto options = std::make_shared<ListOptions>();
    auto* command = group.add_subcommand("list", "List requests, soonest due first");
    command->add_option("--status", options->list.status, "open (default), closed or all");
    command->add_flag("--overdue", options->list.overdue,
                      "Only open requests past their due date (relative to --as-of)");
    command->add_option("--due-within", options->list.due_within,
                        "Only open requests due within this many days, e.g. 7d (with --overdue: either)");
    command->footer(output::formats_help(output::request_list_formats()) +
                    "\nExample (a cron job): gdprctl request list --due-within 7d --format json");
    command->callback([options, &context] { run_list(*options, context); });
}

struct ShowOptions {
    std::string id;
};

void run_show(const ShowOptions& options, Context& context) {
    const auto& format = output::choose_format(output::request_detail_formats(), context.options.format);
    const auto today = workspace_today(context);
    auto store = open_store(context, StoreAccess::read);
    format.write(*context.out, requests::show_request(*store, options.id), today);
}

void add_show(CLI::App& group, Context& context) {
    auto options = std::make_shared<ShowOptions>();
    auto* command = group.add_subcommand("show", "Everything about one request: dates, tasks, audit events");
    command->add_option("ID", options->id, "Request id, e.g. REQ-2026-0001")->required();
    command->footer(output::formats_help(output::request_detail_formats()));
    command->callback([options, &context] { run_show(*options, context); });
}

struct ExtendOptions {
    std::string id;
    std::string reason;
    std::string informed_on;
    std::string via;
};

void run_extend(const ExtendOptions& options, Context& context) {
    const auto& format = output::choose_format(output::request_changed_formats(), context.options.format);
    const auto stamp = change_stamp(context);
    requests::ExtendOptions extend{options.reason, optional_date(options.informed_on, "--informed-on"), options.via};
    const auto calendar = workspace_calendar(context);
    auto store = open_store(context);
    const auto changed = requests::extend_request(*store, options.id, extend, calendar, stamp);
    const auto& request = changed.request;
    warn(context, changed.warnings);
    format.write(*context.out, request,
                 request.subject_informed_on
                     ? fmt::format("extended; now due {} (subject informed {} via {})", request.due.to_string(),
                                   request.subject_informed_on->to_string(), request.informed_via)
                     : fmt::format("extended; now due {}. Tell the subject, with the reasons, by {} and record it with "
                                   "`gdprctl request inform {} --on DATE --via CHANNEL` (Art. 12(3))",
                                   request.due.to_string(), requests::first_due(request.received, calendar).to_string(),
                                   request.id),
                 stamp.date());
}

void add_extend(CLI::App& group, Context& context) {
    auto options = std::make_shared<ExtendOptions>();
    auto* command = group.add_subcommand("extend", "Extend a request once, by two further months");
    command->add_option("ID", options->id, "Request id")->required();
    command->add_option("--reason", options->reason, "Why more time is needed (told to the subject)")->required();
    command->add_option("--informed-on", options->informed_on, "When the subject was told of it, YYYY-MM-DD");
    command->add_option("--via", options->via, "How the subject was told: letter, e-mail, portal...");
    add_backdate_option(*command, context);
    command->footer(
        "Art. 12(3): only within the first month, and the subject must be told, with reasons, within\n"
        "that month. Telling is its own dated act: pass --informed-on and --via, or record it later\n"
        "with `request inform`. The new due date is the earlier of three months from receipt and two\n"
        "months after the first month (received 31 January: 28 April, not 30 April).\n"
        "Example: gdprctl request extend REQ-2026-0001 --reason \"data spread over archived systems\" \\\n"
        "           --informed-on 2026-02-11 --via e-mail");
    command->callback([options, &context] { run_extend(*options, context); });
}

struct InformOptions {
    std::string id;
    std::string on;
    std::string via;
};

void run_inform(const InformOptions& options, Context& context) {
    const auto& format = output::choose_format(output::request_changed_formats(), context.options.format);
    const auto stamp = change_stamp(context);
    const auto on = requests::parse_date_option(options.on, "--on");
    auto store = open_store(context);
    const auto request = requests::inform_request(*store, options.id, on, options.via, stamp);
    format.write(*context.out, request,
                 fmt::format("subject told of the extension on {} via {}", on.to_string(), options.via), stamp.date());
}

void add_inform(CLI::App& group, Context& context) {
    auto options = std::make_shared<InformOptions>();
    auto* command = group.add_subcommand("inform", "Record that the subject was told of the extension");
    command->add_option("ID", options->id, "Request id")->required();
    command->add_option("--on", options->on, "When, YYYY-MM-DD")->required();
    command->add_option("--via", options->via, "How: letter, e-mail, portal...")->required();
    add_backdate_option(*command, context);
    command->footer(
        "Art. 12(3): within the first month. A later date is recorded and reported by `request list`.\n"
        "Example: gdprctl request inform REQ-2026-0001 --on 2026-02-12 --via letter");
    command->callback([options, &context] { run_inform(*options, context); });
}

struct VerifyOptions {
    std::string id;
    std::string asked_on;
    std::string verified_on;
};

void run_verify(const VerifyOptions& options, Context& context) {
    const auto& format = output::choose_format(output::request_changed_formats(), context.options.format);
    const auto stamp = change_stamp(context);
    requests::VerifyOptions verify{optional_date(options.asked_on, "--asked-on"),
                                   optional_date(options.verified_on, "--verified-on")};
    auto store = open_store(context);
    const auto request = requests::verify_identity(*store, options.id, verify, stamp);
    std::string what =
        fmt::format("identification asked {}, received {}",
                    request.identity_asked_on ? request.identity_asked_on->to_string() : "-",
                    request.identity_verified_on ? request.identity_verified_on->to_string() : "not yet");
    if (auto days = requests::verification_days(request)) what += fmt::format(" ({} day(s))", *days);
    what += fmt::format("; still due {} (the period runs from receipt)", request.due.to_string());
    format.write(*context.out, request, what, stamp.date());
}

void add_verify(CLI::App& group, Context& context) {
    auto options = std::make_shared<VerifyOptions>();
    auto* command = group.add_subcommand("verify", "Record asking for and receiving proof of identity");
    command->add_option("ID", options->id, "Request id")->required();
    command->add_option("--asked-on", options->asked_on, "When identification was asked for (Art. 12(6))");
    command->add_option("--verified-on", options->verified_on, "When it was received");
    add_backdate_option(*command, context);
    command->footer(
        "Art. 11(2), 12(2), 12(6). The deadline keeps running from receipt (EDPB Guidelines 01/2022);\n"
        "`request show` says how long verification took.\n"
        "Example: gdprctl request verify REQ-2026-0001 --asked-on 2026-02-02 --verified-on 2026-02-09");
    command->callback([options, &context] { run_verify(*options, context); });
}

struct RecomputeOptions {
    bool apply = false;
};

void run_recompute(const RecomputeOptions& options, Context& context) {
    const auto& format = output::choose_format(output::recompute_formats(), context.options.format);
    const auto stamp = change_stamp(context);
    const auto calendar = workspace_calendar(context);
    auto store = open_store(context);
    const auto report = requests::recompute_deadlines(*store, calendar, options.apply, stamp);
    warn(context, report.warnings);
    format.write(*context.out, report);
    if (!report.applied && !report.changed.empty()) context.exit_code = 1;
}

void add_recompute(CLI::App& group, Context& context) {
    auto options = std::make_shared<RecomputeOptions>();
    auto* command = group.add_subcommand("recompute", "Recompute open requests' due dates after a calendar change");
    command->add_flag("--apply", options->apply, "Update them (audited); without it, say what would change (exit 1)");
    add_backdate_option(*command, context);
    command->footer(
        "Run after changing settings.holidays or organization.country, or after a gdprctl upgrade\n"
        "brings new decree days.\n"
        "Example: gdprctl request recompute && gdprctl request recompute --apply");
    command->callback([options, &context] { run_recompute(*options, context); });
}

struct TaskOptions {
    std::string id;
    std::string target;
    bool done = false;
    std::string note;
};

void run_task(const TaskOptions& options, Context& context) {
    const auto& format = output::choose_format(output::task_done_formats(), context.options.format);
    if (!options.done)
        throw UsageError("`request task` needs --done",
                         fmt::format("mark a task done with `gdprctl request task {} {} --done`; `gdprctl request "
                                     "show {}` lists the tasks",
                                     options.id, options.target, options.id));
    const auto stamp = change_stamp(context);
    auto store = open_store(context);
    format.write(*context.out, requests::complete_task(*store, options.id, options.target, options.note, stamp));
}

void add_task(CLI::App& group, Context& context) {
    auto options = std::make_shared<TaskOptions>();
    auto* command = group.add_subcommand("task", "Mark a system or recipient task of a request done");
    command->add_option("ID", options->id, "Request id")->required();
    command->add_option("TARGET", options->target, "System id, or recipient id (notify:ID) for an Art. 19 notice")
        ->required();
    command->add_flag("--done", options->done, "Mark the task done");
    command->add_option("--note", options->note, "What was done; erased with the subject");
    add_backdate_option(*command, context);
    command->footer("Example: gdprctl request task REQ-2026-0001 notify:mailer-co --done --note \"sent via portal\"");
    command->callback([options, &context] { run_task(*options, context); });
}

struct CloseOptions {
    std::string id;
    requests::CloseOptions close;
};

void run_close(const CloseOptions& options, Context& context) {
    const auto& format = output::choose_format(output::request_changed_formats(), context.options.format);
    const auto stamp = change_stamp(context);
    auto store = open_store(context);
    const auto request = requests::close_request(*store, options.id, options.close, stamp);
    format.write(*context.out, request, fmt::format("closed as {}", options.close.outcome), stamp.date());
}

void add_close(CLI::App& group, Context& context) {
    auto options = std::make_shared<CloseOptions>();
    auto* command = group.add_subcommand("close", "Close a request with its outcome");
    command->add_option("ID", options->id, "Request id")->required();
    command
        ->add_option("--outcome", options->close.outcome,
                     fmt::format("{} (Art. 12(4), 12(5))", fmt::join(store::names<store::Outcome>(), ", ")))
        ->required();
    command->add_option("--reason", options->close.reason, "Required unless fulfilled: what the subject is told");
    command->add_flag("--told-remedies", options->close.remedies_told,
                      "The subject was told of the right to complain (Art. 77) and to a judicial remedy (Art. 79)");
    command->add_option("--fee", options->close.fee, "A reasonable fee charged (Art. 12(5)(a)), e.g. \"EUR 25\"");
    add_backdate_option(*command, context);
    command->footer(
        "fulfilled needs every task done (not-applicable tasks excepted). Any other outcome states its\n"
        "reasons and needs --told-remedies (Art. 12(4)); manifestly-unfounded and excessive are the\n"
        "Art. 12(5) outcomes, the controller bearing the burden of demonstrating them.\n"
        "Example: gdprctl request close REQ-2026-0002 --outcome refused \\\n"
        "           --reason \"identity could not be verified\" --told-remedies");
    command->callback([options, &context] { run_close(*options, context); });
}

}  // namespace

void setup_request(CLI::App& app, Context& context) {
    auto* group = app.add_subcommand("request", "Data-subject requests (Art. 15-21) and their Art. 12(3) deadlines");
    group->require_subcommand(1);
    group->footer(
        "A request is due one month after receipt (Regulation 1182/71: same date next month, or that\n"
        "month's last day, moved past weekends and public holidays: the built-in calendar of\n"
        "organization.country plus settings.holidays), extendable once by two further months.\n"
        "Changes are dated now; --as-of dates one in the past only with --backdate REASON when it lies\n"
        "before the newest audit event or more than a day back. docs/requests.md explains the law.\n"
        "Opening one creates a task per system of the register and, for rectification, erasure and\n"
        "restriction, an Art. 19 notice per recipient.\n"
        "Examples:\n"
        "  gdprctl request open --type erasure --subject C-1042 --subject-kind customer\n"
        "  gdprctl request task REQ-2026-0001 crm --done\n"
        "  gdprctl request list --overdue --format json\n"
        "  gdprctl request close REQ-2026-0001 --outcome fulfilled");
    add_open(*group, context);
    add_list(*group, context);
    add_show(*group, context);
    add_extend(*group, context);
    add_inform(*group, context);
    add_verify(*group, context);
    add_recompute(*group, context);
    add_task(*group, context);
    add_close(*group, context);
}

}  // namespace gdprctl::cli
