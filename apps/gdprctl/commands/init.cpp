#include "authoring/candidate.hpp"
#include "authoring/init.hpp"
#include "authoring/prompt.hpp"
#include "commands/authoring_support.hpp"
#include "commands/commands.hpp"
#include "commands/store_access.hpp"

#include <iostream>

namespace gdprctl::cli {
namespace {

struct InitCommandOptions {
    std::string dir = ".";
    bool interactive = false;
    authoring::InitOptions init;
};

void run_init(const InitCommandOptions& options, Context& context) {
    auto init = options.init;
    init.dir = options.dir;
    init.today = workspace_today(context);
    // Said before any question, so that nobody answers five questions for nothing.
    authoring::refuse_existing_workspace(init.dir);
    if (options.interactive || (!authoring::missing_init_fields(init).empty() && stdin_is_terminal())) {
        auto reader = make_line_reader(context);
        authoring::Prompter prompter(*reader, *context.err);
        authoring::prompt_init(init, prompter);
    }
    const auto made = authoring::init_workspace(init);
    if (context.options.quiet) return;
    *context.out << fmt::format("created workspace {}: {}\n", options.dir, fmt::join(made, ", "));
    *context.out << "next steps:\n";
    if (std::filesystem::path(options.dir).lexically_normal() != ".")
        *context.out << fmt::format("  cd {}\n", authoring::shell_quote(options.dir));
    *context.out << "  gdprctl recipient add     # the processors and other recipients\n"
                    "  gdprctl register add      # one system at a time; asks for what the rules need\n"
                    "  gdprctl check\n";
}

}  // namespace

void setup_init(CLI::App& app, Context& context) {
    auto options = std::make_shared<InitCommandOptions>();
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
    command->add_option("DIR", options->dir, "Folder of the new workspace (created when missing)")->capture_default_str();
    command->add_option("--org", options->init.org, "Organisation name (the controller)");
    command->add_option("--country", options->init.country, "Country, ISO 3166-1 alpha-2 (e.g. NL)");
    command->add_option("--contact", options->init.contact, "Privacy contact: an e-mail address or phone number");
    command->add_option("--responsible", options->init.responsible, "The Responsible Person's role or name");
    command->add_option("--authority", options->init.authority, "Lead supervisory authority");
    command->add_flag("-i,--interactive", options->interactive, interactive_help);
    command->callback([options, &context] { run_init(*options, context); });
}

}  // namespace gdprctl::cli
