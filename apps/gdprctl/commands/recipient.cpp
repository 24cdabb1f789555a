#include "authoring/listing.hpp"
#include "authoring/parties.hpp"
#include "authoring/prompt.hpp"
#include "commands/authoring_support.hpp"
#include "commands/commands.hpp"

#include <iostream>

namespace gdprctl::cli {
namespace {

struct AddOptions {
    authoring::RecipientFlags flags;
    bool force = false;
    bool interactive = false;
};

}  // namespace

void setup_recipient(CLI::App& app, Context& context) {
    auto* group = app.add_subcommand("recipient", "Third parties that receive personal data: add, list, show, remove");
    group->require_subcommand(1);
    group->footer(
        "New recipients are appended to recipients.yaml at the workspace root; entries kept in other\n"
        "files are edited where they are. Run `gdprctl recipient COMMAND --help` for options.");

    auto add = std::make_shared<AddOptions>();
    auto& f = add->flags;
    auto* add_command = group->add_subcommand("add", "Add a recipient to recipients.yaml");
    add_command->footer(
        "On a terminal the command asks for missing fields; in scripts it fails listing them. The new\n"
        "entry is checked first (a processor needs a signed agreement, Art. 28(3); a recipient outside\n"
        "the EEA needs a transfer mechanism, Art. 44-49): nothing is written when it would fail check\n"
        "at error level, unless --force.\n"
        "Example:\n"
        "  gdprctl recipient add --id mailer --name \"Mailer Co\" --role processor --country US \\\n"
        "    --agreement-signed 2025-01-01 --agreement-ref DPA-2025-07 --transfer scc");
    add_command->add_option("--id", f.id, "Recipient id (letters, digits, '-', '_', '.')");
    add_command->add_option("--name", f.name, "Name of the organisation");
    add_command->add_option("--role", f.role, "processor, controller, joint-controller or authority");
    add_command->add_option("--country", f.country, "Country, ISO 3166-1 alpha-2");
    add_command->add_option("--agreement-signed", f.agreement_signed, "Date the agreement (DPA) was signed");
    add_command->add_option("--agreement-ref", f.agreement_ref, "Reference of the agreement");
    add_command->add_option("--transfer", f.transfer,
                            "Transfer mechanism outside the EEA: adequacy, scc, bcr, derogation");
    add_command->add_option("--description", f.description, "What the recipient does with the data");
    add_command->add_flag("--force", add->force, "Write the entry even when it fails check at error level");
    add_command->add_flag("-i,--interactive", add->interactive, interactive_help);
    add_command->callback([add, &context] {
        auto root = context.workspace_root();
        auto flags = add->flags;
        if (add->interactive || (!authoring::missing_recipient_fields(flags).empty() && stdin_is_terminal())) {
            auto reader = make_line_reader(context);
            authoring::Prompter prompter(*reader, *context.err);
            authoring::prompt_recipient(flags, prompter);
        }
        report_outcome(authoring::add_recipient(root, flags, context.today(), add->force), root, context, "wrote");
    });

    auto* list = group->add_subcommand("list", "List recipients");
    list->footer("Formats: text (default), json.");
    list->callback([&context] {
        auto format = context.format_or("text", {"text", "json"});
        auto reg = authoring::load_for_listing(context.workspace_root());
        if (format == "json")
            authoring::write_recipients_json(*context.out, reg);
        else
            authoring::write_recipients_text(*context.out, reg);
    });

    auto show_id = std::make_shared<std::string>();
    auto* show = group->add_subcommand("show", "Show one recipient and the systems that share data with it");
    show->footer("Formats: text (default), json.");
    show->add_option("ID", *show_id, "Recipient id")->required();
    show->callback([show_id, &context] {
        auto format = context.format_or("text", {"text", "json"});
        auto reg = authoring::load_for_listing(context.workspace_root());
        const auto& recipient = authoring::require_recipient(reg, *show_id);
        if (format == "json")
            authoring::write_recipient_json(*context.out, reg, recipient);
        else
            authoring::write_recipient_text(*context.out, reg, recipient);
    });

    auto remove_id = std::make_shared<std::string>();
    auto* remove = group->add_subcommand("remove", "Remove a recipient");
    remove->footer("Refuses (exit 1) while a system lists the recipient or a cookie names it as provider.");
    remove->add_option("ID", *remove_id, "Recipient id")->required();
    remove->callback([remove_id, &context] {
        auto path = authoring::remove_recipient(context.workspace_root(), *remove_id);
        if (!context.options.quiet) *context.out << fmt::format("removed recipient {} from {}\n", *remove_id, path);
    });
}

}  // namespace gdprctl::cli
