#include "authoring/init.hpp"
#include "authoring/prompt.hpp"
#include "commands/authoring_support.hpp"
#include "commands/commands.hpp"

#include <iostream>

namespace gdprctl::cli {

void setup_init(CLI::App& app, Context& context) {
    auto options = std::make_shared<authoring::InitOptions>();
    auto dir = std::make_shared<std::string>(".");
    auto* command = app.add_subcommand("init", "Create a new workspace: gdpr.yaml, systems/ and .gdprctl/");
    command->footer(
        "Writes gdpr.yaml (the organisation, a policy reviewed today, settings), an empty systems/ folder\n"
        "and .gdprctl/ (mode 0700; its .gitignore keeps the operational store out of git). Files carry a\n"
        "`yaml-language-server` modeline so that editors validate them against the schemas as you type.\n"
        "On a terminal, missing answers are asked for; in scripts every flag is required.\n"
        "Refuses to touch a folder that already holds a workspace.\n"
        "Example:\n"
        "  gdprctl init acme --org \"Acme B.V.\" --country NL --contact privacy@acme.example \\\n"
        "    --responsible \"Information Security Officer\" --authority \"Autoriteit Persoonsgegevens\"");
    command->add_option("DIR", *dir, "Folder of the new workspace (created when missing)")->capture_default_str();
    command->add_option("--org", options->org, "Organisation name (the controller)");
    command->add_option("--country", options->country, "Country, ISO 3166-1 alpha-2 (e.g. NL)");
    command->add_option("--contact", options->contact, "Privacy contact: an e-mail address or phone number");
    command->add_option("--responsible", options->responsible, "The Responsible Person's role or name");
    command->add_option("--authority", options->authority, "Lead supervisory authority");
    command->callback([options, dir, &context] {
        options->dir = *dir;
        options->today = context.today();
        if (!authoring::missing_init_fields(*options).empty() && stdin_is_terminal()) {
            authoring::Prompter prompter(std::cin, *context.err);
            authoring::prompt_init(*options, prompter);
        }
        auto made = authoring::init_workspace(*options);
        if (context.options.quiet) return;
        *context.out << fmt::format("created workspace {}: {}\n", *dir, fmt::join(made, ", "));
        *context.out << "next: gdprctl register add (or recipient add), then gdprctl check\n";
    });
}

}  // namespace gdprctl::cli
