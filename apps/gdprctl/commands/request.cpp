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
};

void run_open(RequestOptions& options, Context& context) {
    const bool json = wants_json(context);
    const auto stamp = change_stamp(context);
    if (!options.received.empty()) options.open.received = requests::parse_date_option(options.received, "--received");
    const auto reg = load_workspace_register(context);
    auto store = open_store(context);
    const auto opened = requests::open_request(*store, reg, options.open, stamp);
    if (json)
        output::write_opened_json(*context.out, opened);
    else
        output::write_opened_text(*context.out, opened);
}

void run_list(const RequestOptions& options, Context& context) {
    const bool json = wants_json(context);
    const auto today = context.today();
    const auto filter = requests::list_filter(options.list, today);
    auto store = open_store(context, StoreAccess::read);
    output::RequestListWriter writer(*context.out, json, today);
    requests::list_requests(*store, filter, [&](const store::Request& request) { writer.row(request); });
    writer.end();
}

void run_show(const RequestOptions& options, Context& context) {
    const bool json = wants_json(context);
    const auto today = context.today();
    auto store = open_store(context, StoreAccess::read);
    const auto detail = requests::show_request(*store, options.id);
    if (json)
        output::write_request_detail_json(*context.out, detail, today);
    else
        output::write_request_detail_text(*context.out, detail, today);
}

void run_extend(const RequestOptions& options, Context& context) {
    const bool json = wants_json(context);
    const auto stamp = change_stamp(context);
    const auto calendar = workspace_calendar(context);
    auto store = open_store(context);
    const auto request = requests::extend_request(*store, options.id, options.reason, calendar, stamp);
    output::write_request_changed(*context.out, json, request,
                                  fmt::format("extended; now due {} (subject informed {})", request.due.to_string(),
                                              request.subject_informed_on->to_string()),
                                  stamp.at.date());
}

void run_task(const RequestOptions& options, Context& context) {
    const bool json = wants_json(context);
    if (!options.done)
        throw UsageError("`request task` needs --done",
                         fmt::format("mark a task done with `gdprctl request task {} {} --done`; `gdprctl request "
                                     "show {}` lists the tasks",
                                     options.id, options.target, options.id));
    const auto stamp = change_stamp(context);
    auto store = open_store(context);
    const auto task = requests::complete_task(*store, options.id, options.target, options.note, stamp);
    output::write_task_done(*context.out, json, task);
}

void run_close(const RequestOptions& options, Context& context) {
    const bool json = wants_json(context);
    const auto stamp = change_stamp(context);
    auto store = open_store(context);
    const auto request = requests::close_request(*store, options.id, options.outcome, options.reason, stamp);
    output::write_request_changed(*context.out, json, request, fmt::format("closed as {}", options.outcome),
                                  stamp.at.date());
}

}  // namespace

void setup_request(CLI::App& app, Context& context) {
    auto options = std::make_shared<RequestOptions>();
    auto* group = app.add_subcommand("request", "Data-subject requests (Art. 15-21) and their Art. 12(3) deadlines");
    group->require_subcommand(1);
    group->footer(
        "A request is due one month after receipt (Regulation 1182/71: same date next month, or that\n"
        "month's last day, moved past weekends and gdpr.yaml holidays), extendable once to three months.\n"
        "Opening one creates a task per system of the register and, for rectification, erasure and\n"
        "restriction, an Art. 19 notice per recipient.\n"
        "Examples:\n"
        "  gdprctl request open --type erasure --subject C-1042 --subject-kind customer\n"
        "  gdprctl request task REQ-2026-0001 crm --done\n"
        "  gdprctl request list --overdue --format json\n"
        "  gdprctl request close REQ-2026-0001 --outcome fulfilled");

    auto* open = group->add_subcommand("open", "Record a request received from a data subject");
    open->add_option("--type", options->open.type,
                     "access, rectification, erasure, restriction, objection or portability")
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

    auto* extend = group->add_subcommand("extend", "Extend a request once, to three months from receipt");
    extend->add_option("ID", options->id, "Request id")->required();
    extend->add_option("--reason", options->reason, "Why more time is needed (told to the subject)")->required();
    extend->footer(
        "Art. 12(3): only within the first month, and the subject must be told, with reasons;\n"
        "this records that the subject was informed today.\n"
        "Example: gdprctl request extend REQ-2026-0001 --reason \"data spread over archived systems\"");
    extend->callback([options, &context] { run_extend(*options, context); });

    auto* task = group->add_subcommand("task", "Mark a system or recipient task of a request done");
    task->add_option("ID", options->id, "Request id")->required();
    task->add_option("TARGET", options->target, "System id, or recipient id (notify:ID) for an Art. 19 notice")
        ->required();
    task->add_flag("--done", options->done, "Mark the task done");
    task->add_option("--note", options->note, "What was done; erased with the subject");
    task->footer("Example: gdprctl request task REQ-2026-0001 notify:mailer-co --done --note \"sent via portal\"");
    task->callback([options, &context] { run_task(*options, context); });

    auto* close = group->add_subcommand("close", "Close a request with its outcome");
    close->add_option("ID", options->id, "Request id")->required();
    close->add_option("--outcome", options->outcome, "fulfilled, refused or partial")->required();
    close->add_option("--reason", options->reason, "Required for refused and partial (Art. 12(4))");
    close->footer(
        "fulfilled needs every task done. A refusal states its reasons and the right to complain\n"
        "to the supervisory authority (Art. 12(4)).\n"
        "Example: gdprctl request close REQ-2026-0002 --outcome refused --reason \"manifestly unfounded\"");
    close->callback([options, &context] { run_close(*options, context); });
}

}  // namespace gdprctl::cli
