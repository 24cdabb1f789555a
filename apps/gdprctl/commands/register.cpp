#include "authoring/prompt.hpp"
#include "authoring/systems.hpp"
#include "commands/authoring_support.hpp"
#include "commands/commands.hpp"
#include "commands/store_access.hpp"
#include "output/register_formats.hpp"
#include "output/terminal.hpp"

#include <fmt/format.h>

#include <iostream>

namespace gdprctl::cli {
namespace {

struct AddOptions {
    authoring::SystemFlags flags;
    bool force = false;
    bool interactive = false;
};

void run_add(const AddOptions& options, Context& context) {
    auto root = context.workspace_root();
    auto flags = options.flags;
    if (options.interactive || (!authoring::missing_system_fields(flags).empty() && stdin_is_terminal())) {
        auto reader = make_line_reader(context);
        authoring::Prompter prompter(*reader, *context.err);
        auto prefix = display_prefix(root);
        auto outcome = authoring::interactive_add_system(
            root, flags, workspace_today(context), options.force, context.options.workspace, prompter,
            [&](const authoring::WriteOutcome& refused) {
                for (const auto& d : refused.diagnostics)
                    *context.err << output::render_diagnostic(d, prefix, context.color_on_stderr());
            });
        if (!outcome.written) {
            context.exit_code = 1;
            return;
        }
        report_outcome(outcome, root, context, "wrote");
        return;
    }
    auto outcome = authoring::add_system(root, flags, workspace_today(context), options.force);
    report_outcome(outcome, root, context, "wrote");
}

void add_add(CLI::App& group, Context& context) {
    auto options = std::make_shared<AddOptions>();
    auto& f = options->flags;
    auto* command = group.add_subcommand("add", "Add a system as systems/<id>.yaml");
    command->footer(
        "Every field is a flag; --subject, --data, --source, --security and --recipient also take\n"
        "comma-separated values. Per-purpose flags are PURPOSE=VALUE. --retention is repeatable: one rule\n"
        "per flag (its AFTER holds no ',' or ':').\n"
        "On a terminal (or with --interactive) the command asks for what is missing, and then for what\n"
        "the rules need: per purpose its description, data, consent evidence and withdrawal, LIA, law\n"
        "and Art. 9(2) condition; per new recipient its agreement and transfer mechanism; retention\n"
        "until every category is covered. A wrong answer is asked again. In scripts it fails listing the\n"
        "missing flags. The new system is checked against every rule first: when it would fail\n"
        "`gdprctl check` at error level nothing is written (exit 1; the hints name the flag to add),\n"
        "unless --force. At a terminal you can then answer a field again, or stop: nothing is written\n"
        "and the command lines that reproduce your answers are printed. last_review defaults to today.\n"
        "Example:\n"
        "  gdprctl register add --id crm --name CRM --owner Sales --subject customer \\\n"
        "    --data contact.email --data identity.name --purpose service-delivery:contract \\\n"
        "    --purpose-description 'service-delivery=Deliver the services a customer bought' \\\n"
        "    --retention contact.email,identity.name:P2Y:end-of-contract --security tls --recipient mailer\n"
        "  gdprctl register add --id newsletter ... --purpose news:consent --purpose-data news=contact.email \\\n"
        "    --evidence news=signup-form-log --withdrawal news=unsubscribe-link");
    command->add_option("--id", f.id, "System id, also its file name (letters, digits, '-', '_', '.')");
    command->add_option("--name", f.name, "Human-readable name");
    command->add_option("--owner", f.owner, "Owning team or role");
    command->add_option("--description", f.description, "What the system is for");
    command->add_option("--subject", f.subjects, "Category of data subjects (repeatable), e.g. customer");
    command->add_option("--data", f.data, "Data category from the taxonomy (repeatable), e.g. contact.email");
    command->add_option("--source", f.sources, "Where the data comes from (repeatable)");
    command->add_option("--purpose", f.purposes, "Purpose as ID:BASIS (repeatable), BASIS one of the six of Art. 6(1)");
    command->add_option(
        "--retention", f.retention,
        "Retention as CATS:PERIOD[:AFTER] (repeatable), e.g. contact.email,identity.name:P2Y:end-of-contract");
    command->add_option("--security", f.security, "Security measure (repeatable), e.g. tls");
    command->add_option("--recipient", f.recipients, "Recipient id (repeatable)");
    command->add_option("--last-review", f.last_review, "Date of the last review (default: today)");
    command->add_option("--purpose-description", f.purpose_description,
                        "PURPOSE=TEXT: the purpose in plain words, for the notice (Art. 12(1))");
    command->add_option("--purpose-data", f.purpose_data,
                        "PURPOSE=CAT,CAT: the data a purpose uses (default: all of the system's)");
    command->add_option("--evidence,--consent-evidence", f.consent_evidence,
                        "PURPOSE=TEXT: how consent is demonstrated (Art. 7(1))");
    command->add_option("--withdrawal,--consent-withdrawal", f.consent_withdrawal,
                        "PURPOSE=TEXT: how consent is withdrawn (Art. 7(3))");
    command->add_option("--lia", f.lia, "PURPOSE=REF: the legitimate-interests balancing test");
    command->add_option("--law", f.law, "PURPOSE=TEXT: the law imposing a legal obligation");
    command->add_option("--special-condition", f.special_condition, "PURPOSE=9(2)(x): the Art. 9(2) condition");
    command->add_flag("--force", options->force, "Write the system even when it fails check at error level");
    command->add_flag("-i,--interactive", options->interactive, interactive_help);
    command->callback([options, &context] { run_add(*options, context); });
}

struct ListOptions {
    authoring::SystemFilter filter;
};

void run_list(const ListOptions& options, Context& context) {
    const auto& format = output::choose_format(output::systems_formats(), context.options.format);
    auto filter = options.filter;
    filter.today = workspace_today(context);
    const auto listing = authoring::list_systems(context.workspace_root(), filter);
    // A list that silently leaves out the systems of a file it could not read would be wrong
    // without a word: say which, and exit 1.
    if (!listing.unread.empty()) {
        *context.err << fmt::format(
            "gdprctl: warning: {} register file(s) or folder(s) could not be read, so their systems are not "
            "listed: {}\n  hint: run `gdprctl check` for the details\n",
            listing.unread.size(), output::terminal_escape(fmt::format("{}", fmt::join(listing.unread, ", "))));
        context.exit_code = 1;
    }
    format.write(*context.out, listing.reg, listing.systems, filter.today);
}

void add_list(CLI::App& group, Context& context) {
    auto options = std::make_shared<ListOptions>();
    auto* command = group.add_subcommand("list", "List systems, optionally filtered");
    command->footer(
        "Filters combine (all must match). --data matches a category and its children: --data contact\n"
        "finds systems holding contact.email. --review-due lists systems whose review falls due on or\n"
        "before today (--as-of). " +
        output::formats_help(output::systems_formats()) +
        "\nExamples:\n"
        "  gdprctl register list --basis consent\n"
        "  gdprctl --as-of 2027-03-01 register list --review-due --format json");
    command->add_option("--basis", options->filter.basis, "Only systems with a purpose on this lawful basis");
    command->add_option("--data", options->filter.data, "Only systems holding this data category (or a child of it)");
    command->add_option("--recipient", options->filter.recipient, "Only systems sharing data with this recipient");
    command->add_flag("--review-due", options->filter.review_due, "Only systems whose review is due");
    command->callback([options, &context] { run_list(*options, context); });
}

struct ShowOptions {
    std::string id;
};

void run_show(const ShowOptions& options, Context& context) {
    const auto& format = output::choose_format(output::system_formats(), context.options.format);
    const auto shown = authoring::show_system(context.workspace_root(), options.id);
    format.write(*context.out, shown.reg, *shown.system, workspace_today(context));
}

void add_show(CLI::App& group, Context& context) {
    auto options = std::make_shared<ShowOptions>();
    auto* command = group.add_subcommand("show", "Show one system");
    command->footer(output::formats_help(output::system_formats()) +
                    "\nExample:\n  gdprctl register show crm --format json");
    command->add_option("ID", options->id, "System id")->required();
    command->callback([options, &context] { run_show(*options, context); });
}

struct SetOptions {
    std::string id, field, value;
};

void run_set(const SetOptions& options, Context& context) {
    auto root = context.workspace_root();
    auto outcome =
        authoring::set_system_field(root, options.id, options.field, options.value, workspace_today(context));
    report_outcome(outcome, root, context, "updated");
}

void add_set(CLI::App& group, Context& context) {
    auto options = std::make_shared<SetOptions>();
    auto* command = group.add_subcommand("set", "Change one scalar field of a system, in place");
    command->footer(
        "Fields: name, owner, description, last_review, review_interval. The file is edited where the\n"
        "value stands: comments, key order and quoting elsewhere stay exactly as they were.\n"
        "Example:\n"
        "  gdprctl register set crm owner \"Customer Success\"");
    command->add_option("ID", options->id, "System id")->required();
    command->add_option("FIELD", options->field, "Field to change")->required();
    command->add_option("VALUE", options->value, "New value")->required();
    command->callback([options, &context] { run_set(*options, context); });
}

struct ReviewOptions {
    std::string id, note;
};

void run_review(const ReviewOptions& options, Context& context) {
    auto root = context.workspace_root();
    auto store = open_store(context);
    auto outcome = authoring::review_system(*store, change_stamp(context), root, options.id, workspace_today(context),
                                            context.named_actor(), options.note);
    report_outcome(outcome, root, context, "reviewed");
}

void add_review(CLI::App& group, Context& context) {
    auto options = std::make_shared<ReviewOptions>();
    auto* command = group.add_subcommand("review", "Record that a system was reviewed today");
    command->footer(
        "Stamps `last_review` with today (--as-of) in place, adding the line when it is absent. The\n"
        "reviewer (--by, or GDPRCTL_USER) and --note go into a trailing `# reviewed by ...` comment, and\n"
        "the sign-off into the operational store's audit trail (`gdprctl audit log`).\n"
        "Example:\n"
        "  gdprctl --as-of 2027-01-15 register review crm --by ISO --note \"retention confirmed\"");
    command->add_option("ID", options->id, "System id")->required();
    command->add_option("--note", options->note, "A note kept with the review stamp");
    add_backdate_option(*command, context);
    command->callback([options, &context] { run_review(*options, context); });
}

struct RemoveOptions {
    std::string id;
    bool cascade = false;
};

void run_remove(const RemoveOptions& options, Context& context) {
    auto root = context.workspace_root();
    auto changed = authoring::remove_system(root, options.id, options.cascade);
    if (!context.options.quiet)
        *context.out << fmt::format("removed system {} (changed {})\n", options.id, fmt::join(changed, ", "));
}

void add_remove(CLI::App& group, Context& context) {
    auto options = std::make_shared<RemoveOptions>();
    auto* command = group.add_subcommand("remove", "Remove a system");
    command->footer(
        "Deletes the system's file when it holds nothing else, else removes its entry in place. Refuses\n"
        "(exit 1) while cookies name the system; --cascade removes those cookie entries as well.\n"
        "Example:\n"
        "  gdprctl register remove website --cascade");
    command->add_option("ID", options->id, "System id")->required();
    command->add_flag("--cascade", options->cascade, "Also remove the cookies that name the system");
    command->callback([options, &context] { run_remove(*options, context); });
}

}  // namespace

void setup_register(CLI::App& app, Context& context) {
    auto* group =
        app.add_subcommand("register", "Author the Register of Systems: add, list, show, set, review, remove");
    group->require_subcommand(1);
    group->footer("Run `gdprctl register COMMAND --help` for a command's options.");
    add_add(*group, context);
    add_list(*group, context);
    add_show(*group, context);
    add_set(*group, context);
    add_review(*group, context);
    add_remove(*group, context);
}

}  // namespace gdprctl::cli
