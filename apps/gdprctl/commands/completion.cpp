#include "command_tree.hpp"
#include "commands/commands.hpp"
#include "errors.hpp"

#include <fmt/format.h>

namespace gdprctl::cli {
namespace {

struct CompletionOptions {
    std::string shell;
};

struct ShellScript {
    std::string_view shell;
    void (*write)(std::ostream&, CLI::App&);
    std::string_view install;  // where the script goes, for --help
};

constexpr ShellScript shells[] = {
    {"bash", write_bash_completion, "source <(gdprctl completion bash)  # or save as /usr/share/bash-completion/completions/gdprctl"},
    {"zsh", write_zsh_completion, "gdprctl completion zsh > \"${fpath[1]}/_gdprctl\""},
    {"fish", write_fish_completion, "gdprctl completion fish > ~/.config/fish/completions/gdprctl.fish"},
};

void run_completion(const CompletionOptions& options, CLI::App& root, Context& context) {
    for (const auto& shell : shells)
        if (shell.shell == options.shell) return shell.write(*context.out, root);
    std::vector<std::string_view> names;
    for (const auto& shell : shells) names.push_back(shell.shell);
    throw UsageError(fmt::format("no completion for shell `{}`", options.shell),
                     fmt::format("use one of: {}", fmt::join(names, ", ")));
}

struct HelpOptions {
    std::vector<std::string> command;
};

}  // namespace

void setup_completion(CLI::App& app, Context& context) {
    auto options = std::make_shared<CompletionOptions>();
    auto* command = app.add_subcommand("completion", "Print a shell completion script (bash, zsh or fish)");
    std::string footer = "Generated from gdprctl's own command tree, so every command and flag is in it.\nInstall:\n";
    for (const auto& shell : shells) footer += fmt::format("  {:<5} {}\n", shell.shell, shell.install);
    command->footer(footer);
    command->add_option("SHELL", options->shell, "bash, zsh or fish")->required();
    command->callback([options, &app, &context] { run_completion(*options, app, context); });

    // The man page is generated at build time from the same tree (build/gdprctl.1); hidden.
    auto* man = app.add_subcommand("man", "Print the gdprctl(1) man page in roff")->group("");
    man->callback([&app, &context] { write_man_page(*context.out, app); });
}

void setup_help(CLI::App& app, Context& context) {
    auto options = std::make_shared<HelpOptions>();
    auto* command = app.add_subcommand("help", "Show how to use gdprctl or one of its commands");
    command->footer("Examples:\n  gdprctl help\n  gdprctl help check\n  gdprctl help register add");
    command->add_option("COMMAND", options->command, "A command (and subcommand) to explain");
    command->callback([options, &app, &context] { *context.out << help_for(app, options->command); });
}

}  // namespace gdprctl::cli
