#include "commands/commands.hpp"
#include "commands/store_access.hpp"

#include "breach/breach.hpp"
#include "output/breach_formats.hpp"

namespace gdprctl::cli {
namespace {

struct OpenOptions {
    breach::OpenOptions fields;
};

struct AssessOptions {
    breach::AssessOptions fields;
};

struct NotifyOptions {
    breach::NotifyOptions fields;
};

struct IdOptions {
    std::string id;
};

struct ListOptions {
    breach::ListOptions fields;
};

void run_open(const OpenOptions& options, Context& context) {
    const auto& format = output::choose_format(output::breach_opened_formats(), context.options.format);
    const auto stamp = change_stamp(context);
    const auto reg = load_workspace_register(context);
    const auto zone = workspace_zone(context);
    auto store = open_store(context);
    format.write(*context.out, breach::open_breach(*store, reg, options.fields, zone, stamp));
}

void run_assess(const AssessOptions& options, Context& context) {
    const auto& format = output::choose_format(output::breach_changed_formats(), context.options.format);
    const auto stamp = change_stamp(context);
    auto store = open_store(context);
    format.write(*context.out, breach::assess_breach(*store, options.fields, stamp));
}

void run_notify(const NotifyOptions& options, Context& context) {
    const auto& format = output::choose_format(output::breach_notified_formats(), context.options.format);
    const auto stamp = change_stamp(context);
    const auto zone = workspace_zone(context);
    auto store = open_store(context);
    output::BreachNotificationDone done;
    done.notification = breach::notify_breach(*store, options.fields, zone, stamp);
    done.breach = breach::show_breach(*store, options.fields.id).breach;
    format.write(*context.out, done);
}

void run_close(const IdOptions& options, Context& context) {
    const auto& format = output::choose_format(output::breach_changed_formats(), context.options.format);
    const auto stamp = change_stamp(context);
    auto store = open_store(context);
    format.write(*context.out, breach::close_breach(*store, options.id, stamp));
}

void run_list(const ListOptions& options, Context& context) {
    const auto& format = output::choose_format(output::breach_list_formats(), context.options.format);
    auto store = open_store(context, StoreAccess::read);
    output::BreachList list;
    list.now = context.now();
    breach::list_breaches(*store, options.fields, list.now,
                          [&](const breach::BreachDetail& detail) { list.breaches.push_back(detail); });
    format.write(*context.out, list);
}

void run_show(const IdOptions& options, Context& context) {
    const auto& format = output::choose_format(output::breach_show_formats(), context.options.format);
    auto store = open_store(context, StoreAccess::read);
    format.write(*context.out, output::BreachAt{breach::show_breach(*store, options.id), context.now()});
}

void run_report(const IdOptions& options, Context& context) {
    const auto& format = output::choose_format(output::breach_report_formats(), context.options.format);
    const auto reg = load_workspace_register(context);
    auto store = open_store(context, StoreAccess::read);
    format.write(*context.out,
                 output::BreachReportInput{breach::show_breach(*store, options.id), reg.organization, context.now()});
}

void add_open(CLI::App& group, Context& context) {
    auto options = std::make_shared<OpenOptions>();
    auto& f = options->fields;
    auto* command = group.add_subcommand("open", "Record a personal-data breach and start its 72-hour clock");
    command->add_option("--summary", f.summary, "What happened, in a sentence, without personal data")->required();
    command->add_option("--aware-at", f.aware_at,
                        "When the organisation became aware (EDPB 9/2022: reasonably certain that personal data were "
                        "compromised); ISO 8601, read in settings.timezone without an offset")
        ->required();
    command->add_option("--occurred-at", f.occurred_at, "When it happened, if known");
    command->add_option("--nature", f.nature, "confidentiality, integrity and/or availability, comma-separated");
    command->add_option("--data", f.data, "Data categories concerned, comma-separated, e.g. contact.email");
    command->add_option("--systems", f.systems, "Systems of the register concerned, comma-separated");
    command->add_option("--subjects-approx", f.subjects_approx, "Approximate number of people affected");
    command->add_option("--records-approx", f.records_approx, "Approximate number of records affected");
    command->footer(
        "Prints the id and the deadline: 72 clock hours after awareness (Art. 33(1)), in UTC.\n"
        "Example: gdprctl breach open --summary \"laptop with CRM export stolen\" --aware-at 2026-03-28T12:00 \\\n"
        "           --nature confidentiality --data contact.email,identity.name --systems crm --subjects-approx 1200");
    add_backdate_option(*command, context);
    command->callback([options, &context] { run_open(*options, context); });
}

void add_assess(CLI::App& group, Context& context) {
    auto options = std::make_shared<AssessOptions>();
    auto& f = options->fields;
    auto* command = group.add_subcommand("assess", "Record the risk assessment of a breach");
    command->add_option("ID", f.id, "Breach id, e.g. BR-2026-0001")->required();
    command->add_option("--risk", f.risk, "none, risk or high")->required();
    command->add_option("--consequences", f.consequences, "Likely consequences for the people affected")->required();
    command->add_option("--measures", f.measures, "Measures taken or proposed to address it and mitigate its effects")
        ->required();
    command->add_option("--exemption", f.exemption,
                        "With --risk high, an Art. 34(3) ground for not informing each person: encrypted, mitigated "
                        "or disproportionate (the last needs a public communication)");
    command->footer(
        "none documents the decision not to notify (Art. 33(5)); risk requires notifying the authority;\n"
        "high also requires informing the people affected (Art. 34) unless an Art. 34(3) ground applies.");
    add_backdate_option(*command, context);
    command->callback([options, &context] { run_assess(*options, context); });
}

void add_notify(CLI::App& group, Context& context) {
    auto options = std::make_shared<NotifyOptions>();
    auto& f = options->fields;
    auto* command = group.add_subcommand("notify", "Record a notification (one filing of a phased series)");
    command->add_option("ID", f.id, "Breach id")->required();
    command->add_flag("--authority", f.authority, "Filed with the supervisory authority (Art. 33)");
    command->add_flag("--subjects", f.subjects, "The people affected were informed (Art. 34)");
    command->add_flag("--public", f.public_communication, "A public communication was made (Art. 34(3)(c))");
    command->add_option("--at", f.at, "When it was sent; default: now");
    command->add_option("--reference", f.reference, "The authority's case number or the message's reference");
    command->add_option("--phase", f.phase, "initial, additional or final (Art. 33(4)); default: initial, then additional");
    command->add_option("--delay-reason", f.delay_reason,
                        "Why the first notification of the authority comes after the 72 hours (Art. 33(1))");
    command->footer(
        "The 72 hours are checked against --at and against the real time: a first filing with the authority\n"
        "dated on time but recorded after the deadline needs --backdate REASON (kept with both times); one\n"
        "filed after the deadline needs --delay-reason.\n"
        "Example: gdprctl breach notify BR-2026-0001 --authority --reference AP-2026-12345");
    add_backdate_option(*command, context);
    command->callback([options, &context] { run_notify(*options, context); });
}

void add_close(CLI::App& group, Context& context) {
    auto options = std::make_shared<IdOptions>();
    auto* command = group.add_subcommand("close", "Close a breach once every required notification is recorded");
    command->add_option("ID", options->id, "Breach id")->required();
    add_backdate_option(*command, context);
    command->callback([options, &context] { run_close(*options, context); });
}

void add_list(CLI::App& group, Context& context) {
    auto options = std::make_shared<ListOptions>();
    auto* command = group.add_subcommand("list", "List breaches with their clocks");
    command->add_flag("--open", options->fields.open, "Only open breaches");
    command->add_flag("--late", options->fields.late, "Only breaches whose authority notification is or was late");
    command->add_option("--due-within", options->fields.due_within,
                        "Only breaches still to be notified whose deadline falls within this window, e.g. 24h");
    command->footer("Example (a cron job): gdprctl breach list --open --due-within 24h --format json");
    command->callback([options, &context] { run_list(*options, context); });
}

void add_show(CLI::App& group, Context& context) {
    auto options = std::make_shared<IdOptions>();
    auto* command = group.add_subcommand("show", "The timeline of one breach, with hours left or late");
    command->add_option("ID", options->id, "Breach id")->required();
    command->callback([options, &context] { run_show(*options, context); });
}

void add_report(CLI::App& group, Context& context) {
    auto options = std::make_shared<IdOptions>();
    auto* command = group.add_subcommand("report", "The notification draft with every Art. 33(3) item");
    command->add_option("ID", options->id, "Breach id")->required();
    command->footer(output::formats_help(output::breach_report_formats()) +
                    "\nIn the order of the Autoriteit Persoonsgegevens' form; a missing item is flagged.");
    command->callback([options, &context] { run_report(*options, context); });
}

}  // namespace

void setup_breach(CLI::App& app, Context& context) {
    auto* group = app.add_subcommand("breach", "The breach register: 72-hour clock, assessment, notifications (Art. 33, 34)");
    group->require_subcommand(1);
    group->footer(
        "Times are ISO 8601; without an offset they are read in gdpr.yaml's settings.timezone (default UTC);\n"
        "output is in UTC with Z.\n"
        "Examples:\n"
        "  gdprctl breach open --summary \"misdirected e-mail\" --aware-at 2026-03-28T12:00\n"
        "  gdprctl breach assess BR-2026-0001 --risk risk --consequences ... --measures ...\n"
        "  gdprctl breach notify BR-2026-0001 --authority --reference AP-123\n"
        "  gdprctl breach report BR-2026-0001 --format md");
    add_open(*group, context);
    add_assess(*group, context);
    add_notify(*group, context);
    add_close(*group, context);
    add_list(*group, context);
    add_show(*group, context);
    add_report(*group, context);
}

}  // namespace gdprctl::cli
