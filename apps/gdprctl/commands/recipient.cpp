#include "authoring/parties.hpp"
#include "authoring/prompt.hpp"
#include "commands/authoring_support.hpp"
#include "commands/commands.hpp"
#include "commands/store_access.hpp"
#include "output/register_formats.hpp"

#include <iostream>

namespace gdprctl::cli {
namespace {

struct AddOptions {
    authoring::RecipientFlags flags;
    bool force = false;
    bool interactive = false;
};

void run_add(const AddOptions& options, Context& context) {
    auto root = context.workspace_root();
    auto flags = options.flags;
    if (options.interactive || (!authoring::missing_recipient_fields(flags).empty() && stdin_is_terminal())) {
        auto reader = make_line_reader(context);
        authoring::Prompter prompter(*reader, *context.err);
        authoring::prompt_recipient(flags, prompter);
    }
    report_outcome(authoring::add_recipient(root, flags, workspace_today(context), options.force), root, context,
                   "wrote");
}

void add_add(CLI::App& group, Context& context) {
    auto options = std::make_shared<AddOptions>();
    auto& f = options->flags;
    auto* command = group.add_subcommand("add", "Add a recipient to recipients.yaml");
    command->footer(
        "On a terminal the command asks for missing fields; in scripts it fails listing them. The new\n"
        "entry is checked first (a processor needs a signed agreement, Art. 28(3); a recipient outside\n"
        "the EEA needs a transfer mechanism, Art. 44-49): nothing is written when it would fail check\n"
        "at error level, unless --force.\n"
        "Example:\n"
        "  gdprctl recipient add --id mailer --name \"Mailer Co\" --role processor --country US \\\n"
        "    --agreement-signed 2025-01-01 --agreement-ref DPA-2025-07 --transfer scc");
    command->add_option("--id", f.id, "Recipient id (letters, digits, '-', '_', '.')");
    command->add_option("--name", f.name, "Name of the organisation");
    command->add_option("--role", f.role, "processor, controller, joint-controller or authority");
    command->add_option("--country", f.country, "Country, ISO 3166-1 alpha-2");
    command->add_option("--agreement-signed", f.agreement_signed, "Date the agreement (DPA) was signed");
    command->add_option("--agreement-ref", f.agreement_ref, "Reference of the agreement");
    command->add_option("--transfer", f.transfer, "Transfer mechanism outside the EEA: adequacy, scc, bcr, derogation");
    command->add_option("--description", f.description, "What the recipient does with the data");
    command->add_flag("--force", options->force, "Write the entry even when it fails check at error level");
    command->add_flag("-i,--interactive", options->interactive, interactive_help);
    command->callback([options, &context] { run_add(*options, context); });
}

void run_list(Context& context) {
    const auto& format = output::choose_format(output::recipients_formats(), context.options.format);
    format.write(*context.out, authoring::load_for_listing(context.workspace_root()));
}

void add_list(CLI::App& group, Context& context) {
    auto* command = group.add_subcommand("list", "List recipients");
    command->footer(output::formats_help(output::recipients_formats()));
    command->callback([&context] { run_list(context); });
}

struct IdOptions {
    std::string id;
};

void run_show(const IdOptions& options, Context& context) {
    const auto& format = output::choose_format(output::recipient_formats(), context.options.format);
    const auto shown = authoring::show_recipient(context.workspace_root(), options.id);
    format.write(*context.out, shown.reg, *shown.recipient);
}

void add_show(CLI::App& group, Context& context) {
    auto options = std::make_shared<IdOptions>();
    auto* command = group.add_subcommand("show", "Show one recipient and the systems that share data with it");
    command->footer(output::formats_help(output::recipient_formats()));
    command->add_option("ID", options->id, "Recipient id")->required();
    command->callback([options, &context] { run_show(*options, context); });
}

void run_remove(const IdOptions& options, Context& context) {
    auto path = authoring::remove_recipient(context.workspace_root(), options.id);
    if (!context.options.quiet) *context.out << fmt::format("removed recipient {} from {}\n", options.id, path);
}

void add_remove(CLI::App& group, Context& context) {
    auto options = std::make_shared<IdOptions>();
    auto* command = group.add_subcommand("remove", "Remove a recipient");
    command->footer("Refuses (exit 1) while a system lists the recipient or a cookie names it as provider.");
    command->add_option("ID", options->id, "Recipient id")->required();
    command->callback([options, &context] { run_remove(*options, context); });
}

}  // namespace

void setup_recipient(CLI::App& app, Context& context) {
    auto* group = app.add_subcommand("recipient", "Third parties that receive personal data: add, list, show, remove");
    group->require_subcommand(1);
    group->footer(
        "New recipients are appended to recipients.yaml at the workspace root; entries kept in other\n"
        "files are edited where they are. Run `gdprctl recipient COMMAND --help` for options.");
    add_add(*group, context);
    add_list(*group, context);
    add_show(*group, context);
    add_remove(*group, context);
}

}  // namespace gdprctl::cli
