#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

// What gdprctl derives from its CLI11 command tree: did-you-mean for mistyped commands and flags,
// shell completions and the man page. CLI11 2.1 has no generator of its own; walking the same
// tree that parses the command line means a new command or flag appears in all of them.
namespace gdprctl::cli {

// The visible subcommands of `app` (hidden ones, in the "" group, are left out).
std::vector<CLI::App*> visible_subcommands(CLI::App& app);
// Every flag and option name of `app` and of the parents whose options fall through to it.
std::vector<std::string> option_names(CLI::App& app);

// A usage error for a command line CLI11 rejected, in gdprctl's words: "unknown command `chek`;
// did you mean `check`?", the same for subcommands and flags. nullopt when the command line has no
// unknown word (CLI11's own message then stands).
struct UsageProblem {
    std::string message;
    std::string hint;
};
std::optional<UsageProblem> find_unknown_word(CLI::App& app, const std::vector<std::string>& args);

// `gdprctl help [COMMAND...]`: the help of the named command, or a usage error with a suggestion.
std::string help_for(CLI::App& app, const std::vector<std::string>& path);

void write_bash_completion(std::ostream& out, CLI::App& app);
void write_zsh_completion(std::ostream& out, CLI::App& app);
void write_fish_completion(std::ostream& out, CLI::App& app);
// gdprctl.1 in man(7) roff: every command with its description, options and footer.
void write_man_page(std::ostream& out, CLI::App& app);

}  // namespace gdprctl::cli
