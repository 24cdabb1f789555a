#include "commands/commands.hpp"
#include "commands/store_access.hpp"

#include "errors.hpp"
#include "output/request_formats.hpp"
#include "requests/requests.hpp"

#include <fmt/format.h>

namespace gdprctl::cli {
namespace {

struct RequestOptions {
    requests::OpenOptions open;
    std::string received;
    std::string id;
    std::string target;
    std::string reason;
    std::string note;
    std::string outcome;
    bool done = false;
    requests::ListOptions list;
    std::string informed_on;  // extend --informed-on, inform --on
    std::string via;
    std::string asked_on;
    std::string verified_on;
    std::string fee;
    bool remedies_told = false;
    bool apply = false;
};

void warn(Context& context, const std::vector<std::string>& warnings) {
    for (const auto& warning : warnings) *context.err << fmt::format("gdprctl: warning: {}\n", warning);
}

std::optional<time::Date> optional_date(const std::string& text, const std::string& option) {
    if (text.empty()) return std::nullopt;
    return requests::parse_date_option(text, option);
}

void run_open(RequestOptions& options, Context& context) {
    const auto& format = output::choose_format(output::opened_formats(), context.options.format);
    const auto stamp = change_stamp(context);
    if (!options.received.empty()) options.open.received = requests::parse_date_option(options.received, "--received");
    const auto reg = load_workspace_register(context);
    auto store = open_store(context);
    const auto opened = requests::open_request(*store, reg, options.open, stamp);
    warn(context, opened.warnings);
    format.write(*context.out, opened);
}

void run_list(const RequestOptions& options, Context& context) {
    const auto& format = output::choose_format(output::request_list_formats(), context.options.format);
    const auto today = workspace_today(context);
    const auto filter = requests::list_filter(options.list, today);
    const auto calendar = workspace_calendar(context);
    auto store = open_store(context, StoreAccess::read);
    auto writer = format.write(*context.out, today, &calendar);
    requests::list_requests(*store, filter, [&](const store::Request& request) { writer->row(request); });
    writer->end();
}

void run_show(const RequestOptions& options, Context& context) {
    const auto& format = output::choose_format(output::request_detail_formats(), context.options.format);
    const auto today = workspace_today(context);
    auto store = open_store(context, StoreAccess::read);
    format.write(*context.out, requests::show_request(*store, options.id), today);
}

void run_extend(const RequestOptions& options, Context& context) {
    const auto& format = output::choose_format(output::request_changed_formats(), context.options.format);
    const auto stamp = change_stamp(context);
    requests::ExtendOptions extend{options.reason, optional_date(options.informed_on, "--informed-on"), options.via};
    const auto calendar = workspace_calendar(context);
    auto store = open_store(context);
    const auto changed = requests::extend_request(*store, options.id, extend, calendar, stamp);
    const auto& request = changed.request;
    warn(context, changed.warnings);
    format.write(
        *context.out, request,
        request.subject_informed_on
            ? fmt::format("extended; now due {} (subject informed {} via {})", request.due.to_string(),
                          request.subject_informed_on->to_string(), request.informed_via)
            : fmt::format("extended; now due {}. Tell the subject, with the reasons, by {} and record it with "
                          "`gdprctl request inform {} --on DATE --via CHANNEL` (Art. 12(3))",
                          request.due.to_string(), requests::first_due(request.received, calendar).to_string(),
                          request.id),
        stamp.date());
}

void run_inform(const RequestOptions& options, Context& context) {
    const auto& format = output::choose_format(output::request_changed_formats(), context.options.format);
    const auto stamp = change_stamp(context);
    const auto on = requests::parse_date_option(options.informed_on, "--on");
    auto store = open_store(context);
    const auto request = requests::inform_request(*store, options.id, on, options.via, stamp);
    format.write(*context.out, request,
                 fmt::format("subject told of the extension on {} via {}", on.to_string(), options.via), stamp.date());
}

void run_verify(const RequestOptions& options, Context& context) {
    const auto& format = output::choose_format(output::request_changed_formats(), context.options.format);
    const auto stamp = change_stamp(context);
    requests::VerifyOptions verify{optional_date(options.asked_on, "--asked-on"),
                                   optional_date(options.verified_on, "--verified-on")};
    auto store = open_store(context);
    const auto request = requests::verify_identity(*store, options.id, verify, stamp);
    std::string what = fmt::format("identification asked {}, received {}",
                                   request.identity_asked_on ? request.identity_asked_on->to_string() : "-",
                                   request.identity_verified_on ? request.identity_verified_on->to_string() : "not yet");
    if (auto days = requests::verification_days(request)) what += fmt::format(" ({} day(s))", *days);
    what += fmt::format("; still due {} (the period runs from receipt)", request.due.to_string());
    format.write(*context.out, request, what, stamp.date());
}

void run_recompute(const RequestOptions& options, Context& context) {
    const auto& format = output::choose_format(output::recompute_formats(), context.options.format);
    const auto stamp = change_stamp(context);
    const auto calendar = workspace_calendar(context);
    auto store = open_store(context);
    const auto report = requests::recompute_deadlines(*store, calendar, options.apply, stamp);
    warn(context, report.warnings);
    format.write(*context.out, report);
    if (!report.applied && !report.changed.empty()) context.exit_code = 1;
}

void run_task(const RequestOptions& options, Context& context) {
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

void run_close(const RequestOptions& options, Context& context) {
    const auto& format = output::choose_format(output::request_changed_formats(), context.options.format);
    const auto stamp = change_stamp(context);
    auto store = open_store(context);
    const auto request = requests::close_request(
        *store, options.id, {options.outcome, options.reason, options.fee, options.remedies_told}, stamp);
    format.write(*context.out, request, fmt::format("closed as {}", options.outcome), stamp.date());
}

}  // namespace

void setup_request(CLI::App& app, Context& context) {
    auto options = std::make_shared<RequestOptions>();
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

    auto* open = group->add_subcommand("open", "Record a request received from a data subject");
    open->add_option("--type", options->open.type, fmt::format("{}", fmt::join(model::names<model::Right>(), ", ")))
        ->required();
    open->add_option("--subject", options->open.subject, "The subject's identifier, e.g. a customer number")
        ->required();
    open->add_option("--subject-kind", options->open.subject_kind,
                     "Kind of subject (matched against each system's `subjects`); default: every system");
    open->add_option("--received", options->received, "Date of receipt, YYYY-MM-DD; default: today (--as-of)");
    open->add_option("--channel", options->open.channel, "How it arrived: e-mail, letter, web form...");
    open->add_option("--note", options->open.note, "Free text; erased with the subject");
    open->footer(
        "Prints the request id and its due date.\n"
        "Example: gdprctl request open --type access --subject C-1042 --received 2026-01-31");
    add_backdate_option(*open, context);
    open->callback([options, &context] { run_open(*options, context); });

    auto* list = group->add_subcommand("list", "List requests, soonest due first");
    list->add_option("--status", options->list.status, "open (default), closed or all");
    list->add_flag("--overdue", options->list.overdue, "Only open requests past their due date (relative to --as-of)");
    list->add_option("--due-within", options->list.due_within,
                     "Only open requests due within this many days, e.g. 7d (with --overdue: either)");
    list->footer("Example (a cron job): gdprctl request list --due-within 7d --format json");
    list->callback([options, &context] { run_list(*options, context); });

    auto* show = group->add_subcommand("show", "Everything about one request: dates, tasks, audit events");
    show->add_option("ID", options->id, "Request id, e.g. REQ-2026-0001")->required();
    show->callback([options, &context] { run_show(*options, context); });

    auto* extend = group->add_subcommand("extend", "Extend a request once, by two further months");
    extend->add_option("ID", options->id, "Request id")->required();
    extend->add_option("--reason", options->reason, "Why more time is needed (told to the subject)")->required();
    extend->add_option("--informed-on", options->informed_on, "When the subject was told of it, YYYY-MM-DD");
    extend->add_option("--via", options->via, "How the subject was told: letter, e-mail, portal...");
    add_backdate_option(*extend, context);
    extend->footer(
        "Art. 12(3): only within the first month, and the subject must be told, with reasons, within\n"
        "that month. Telling is its own dated act: pass --informed-on and --via, or record it later\n"
        "with `request inform`. The new due date is the earlier of three months from receipt and two\n"
        "months after the first month (received 31 January: 28 April, not 30 April).\n"
        "Example: gdprctl request extend REQ-2026-0001 --reason \"data spread over archived systems\" \\\n"
        "           --informed-on 2026-02-11 --via e-mail");
    extend->callback([options, &context] { run_extend(*options, context); });

    auto* inform = group->add_subcommand("inform", "Record that the subject was told of the extension");
    inform->add_option("ID", options->id, "Request id")->required();
    inform->add_option("--on", options->informed_on, "When, YYYY-MM-DD")->required();
    inform->add_option("--via", options->via, "How: letter, e-mail, portal...")->required();
    add_backdate_option(*inform, context);
    inform->footer(
        "Art. 12(3): within the first month. A later date is recorded and reported by `request list`.\n"
        "Example: gdprctl request inform REQ-2026-0001 --on 2026-02-12 --via letter");
    inform->callback([options, &context] { run_inform(*options, context); });

    auto* verify = group->add_subcommand("verify", "Record asking for and receiving proof of identity");
    verify->add_option("ID", options->id, "Request id")->required();
    verify->add_option("--asked-on", options->asked_on, "When identification was asked for (Art. 12(6))");
    verify->add_option("--verified-on", options->verified_on, "When it was received");
    add_backdate_option(*verify, context);
    verify->footer(
        "Art. 11(2), 12(2), 12(6). The deadline keeps running from receipt (EDPB Guidelines 01/2022);\n"
        "`request show` says how long verification took.\n"
        "Example: gdprctl request verify REQ-2026-0001 --asked-on 2026-02-02 --verified-on 2026-02-09");
    verify->callback([options, &context] { run_verify(*options, context); });

    auto* recompute = group->add_subcommand("recompute", "Recompute open requests' due dates after a calendar change");
    recompute->add_flag("--apply", options->apply, "Update them (audited); without it, say what would change (exit 1)");
    add_backdate_option(*recompute, context);
    recompute->footer(
        "Run after changing settings.holidays or organization.country, or after a gdprctl upgrade\n"
        "brings new decree days.\n"
        "Example: gdprctl request recompute && gdprctl request recompute --apply");
    recompute->callback([options, &context] { run_recompute(*options, context); });

    auto* task = group->add_subcommand("task", "Mark a system or recipient task of a request done");
    task->add_option("ID", options->id, "Request id")->required();
    task->add_option("TARGET", options->target, "System id, or recipient id (notify:ID) for an Art. 19 notice")
        ->required();
    task->add_flag("--done", options->done, "Mark the task done");
    task->add_option("--note", options->note, "What was done; erased with the subject");
    add_backdate_option(*task, context);
    task->footer("Example: gdprctl request task REQ-2026-0001 notify:mailer-co --done --note \"sent via portal\"");
    task->callback([options, &context] { run_task(*options, context); });

    auto* close = group->add_subcommand("close", "Close a request with its outcome");
    close->add_option("ID", options->id, "Request id")->required();
    close->add_option("--outcome", options->outcome,
                      "fulfilled, refused, partial, manifestly-unfounded or excessive (Art. 12(5))")
        ->required();
    close->add_option("--reason", options->reason, "Required unless fulfilled: what the subject is told");
    close->add_flag("--told-remedies", options->remedies_told,
                    "The subject was told of the right to complain (Art. 77) and to a judicial remedy (Art. 79)");
    close->add_option("--fee", options->fee, "A reasonable fee charged (Art. 12(5)(a)), e.g. \"EUR 25\"");
    add_backdate_option(*close, context);
    close->footer(
        "fulfilled needs every task done (not-applicable tasks excepted). Any other outcome states its\n"
        "reasons and needs --told-remedies (Art. 12(4)); manifestly-unfounded and excessive are the\n"
        "Art. 12(5) outcomes, the controller bearing the burden of demonstrating them.\n"
        "Example: gdprctl request close REQ-2026-0002 --outcome refused \\\n"
        "           --reason \"identity could not be verified\" --told-remedies");
    close->callback([options, &context] { run_close(*options, context); });
}

}  // namespace gdprctl::cli
