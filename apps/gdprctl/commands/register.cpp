#include "authoring/listing.hpp"
#include "authoring/prompt.hpp"
#include "authoring/systems.hpp"
#include "commands/authoring_support.hpp"
#include "commands/commands.hpp"
#include "commands/store_access.hpp"

#include "output/terminal.hpp"
#include "register/loader.hpp"

#include <fmt/format.h>

#include <iostream>

namespace gdprctl::cli {
namespace {

struct AddOptions {
    authoring::SystemFlags flags;
    bool force = false;
    bool interactive = false;
};

void setup_add(CLI::App& group, Context& context) {
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
    command->callback([options, &context] {
        auto root = context.workspace_root();
        auto flags = options->flags;
        if (options->interactive || (!authoring::missing_system_fields(flags).empty() && stdin_is_terminal())) {
            auto reader = make_line_reader(context);
            authoring::Prompter prompter(*reader, *context.err);
            auto prefix = display_prefix(root);
            auto outcome = authoring::interactive_add_system(
                root, flags, context.today(), options->force, context.options.workspace, prompter,
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
        auto outcome = authoring::add_system(root, flags, context.today(), options->force);
        report_outcome(outcome, root, context, "wrote");
    });
}

struct ListOptions {
    authoring::SystemFilter filter;
};

void setup_list(CLI::App& group, Context& context) {
    auto options = std::make_shared<ListOptions>();
    auto* command = group.add_subcommand("list", "List systems, optionally filtered");
    command->footer(
        "Filters combine (all must match). --data matches a category and its children: --data contact\n"
        "finds systems holding contact.email. --review-due lists systems whose review falls due on or\n"
        "before today (--as-of). Formats: text (default), json.\n"
        "Examples:\n"
        "  gdprctl register list --basis consent\n"
        "  gdprctl --as-of 2027-03-01 register list --review-due --format json");
    command->add_option("--basis", options->filter.basis, "Only systems with a purpose on this lawful basis");
    command->add_option("--data", options->filter.data, "Only systems holding this data category (or a child of it)");
    command->add_option("--recipient", options->filter.recipient, "Only systems sharing data with this recipient");
    command->add_flag("--review-due", options->filter.review_due, "Only systems whose review is due");
    command->callback([options, &context] {
        auto format = context.format_or("text", {"text", "json"});
        auto filter = options->filter;
        filter.today = context.today();
        auto loaded = reg::load_register(context.workspace_root());
        const auto& reg = loaded.reg;
        auto systems = authoring::filter_systems(reg, filter);
        // A list that silently leaves out the systems of a file it could not read would be wrong
        // without a word: say which, and exit 1.
        std::vector<std::string> unread;
        for (const auto& d : loaded.diagnostics)
            if (d.rule_id == "file-unreadable" || d.rule_id == "file-not-regular" ||
                d.rule_id == "file-outside-workspace" || d.rule_id == "file-too-large" ||
                d.rule_id == "folder-unreadable" || d.rule_id == "yaml-syntax" ||
                d.rule_id == "yaml-expansion-too-large")
                unread.push_back(d.path);
        if (!unread.empty()) {
            *context.err << fmt::format(
                "gdprctl: warning: {} register file(s) or folder(s) could not be read, so their systems are not "
                "listed: {}\n  hint: run `gdprctl check` for the details\n",
                unread.size(), output::terminal_escape(fmt::format("{}", fmt::join(unread, ", "))));
            context.exit_code = 1;
        }
        if (format == "json")
            authoring::write_systems_json(*context.out, reg, systems, filter.today);
        else
            authoring::write_systems_text(*context.out, reg, systems, filter.today);
    });
}

void setup_show(CLI::App& group, Context& context) {
    auto id = std::make_shared<std::string>();
    auto* command = group.add_subcommand("show", "Show one system");
    command->footer("Formats: text (default), json.\nExample:\n  gdprctl register show crm --format json");
    command->add_option("ID", *id, "System id")->required();
    command->callback([id, &context] {
        auto format = context.format_or("text", {"text", "json"});
        auto reg = authoring::load_for_listing(context.workspace_root());
        const auto& system = authoring::require_system(reg, *id);
        if (format == "json")
            authoring::write_system_json(*context.out, reg, system, context.today());
        else
            authoring::write_system_text(*context.out, reg, system, context.today());
    });
}

struct SetOptions {
    std::string id, field, value;
};

void setup_set(CLI::App& group, Context& context) {
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
    command->callback([options, &context] {
        auto root = context.workspace_root();
        auto outcome = authoring::set_system_field(root, options->id, options->field, options->value, context.today());
        report_outcome(outcome, root, context, "updated");
    });
}

struct ReviewOptions {
    std::string id, note;
};

void setup_review(CLI::App& group, Context& context) {
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
    command->callback([options, &context] {
        auto root = context.workspace_root();
        // The sign-off reaches the store's audit trail in the transaction that stamps the file: when
        // the stamp cannot be written, no sign-off is recorded.
        authoring::WriteOutcome outcome;
        auto store = open_store(context);
        store->write(change_stamp(context), [&](store::StoreWriter& writer) {
            outcome =
                authoring::review_system(root, options->id, context.today(), named_reviewer(context), options->note);
            auto details = fmt::format("last_review {} in {}", context.today().to_string(), outcome.path);
            if (!options->note.empty()) details += "; note: " + options->note;
            writer.append_audit({"system.review", options->id, details});
        });
        report_outcome(outcome, root, context, "reviewed");
    });
}

struct RemoveOptions {
    std::string id;
    bool cascade = false;
};

void setup_remove(CLI::App& group, Context& context) {
    auto options = std::make_shared<RemoveOptions>();
    auto* command = group.add_subcommand("remove", "Remove a system");
    command->footer(
        "Deletes the system's file when it holds nothing else, else removes its entry in place. Refuses\n"
        "(exit 1) while cookies name the system; --cascade removes those cookie entries as well.\n"
        "Example:\n"
        "  gdprctl register remove website --cascade");
    command->add_option("ID", options->id, "System id")->required();
    command->add_flag("--cascade", options->cascade, "Also remove the cookies that name the system");
    command->callback([options, &context] {
        auto root = context.workspace_root();
        auto changed = authoring::remove_system(root, options->id, options->cascade);
        if (!context.options.quiet)
            *context.out << fmt::format("removed system {} (changed {})\n", options->id, fmt::join(changed, ", "));
    });
}

}  // namespace

void setup_register(CLI::App& app, Context& context) {
    auto* group =
        app.add_subcommand("register", "Author the Register of Systems: add, list, show, set, review, remove");
    group->require_subcommand(1);
    group->footer("Run `gdprctl register COMMAND --help` for a command's options.");
    setup_add(*group, context);
    setup_list(*group, context);
    setup_show(*group, context);
    setup_set(*group, context);
    setup_review(*group, context);
    setup_remove(*group, context);
}

}  // namespace gdprctl::cli
