#include "command_tree.hpp"

#include "diag/suggest.hpp"
#include "errors.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

namespace gdprctl::cli {
namespace {

// The command as a user types it: "gdprctl register add".
std::string command_path(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::App* at = &app; at; at = at->get_parent()) names.push_back(at->get_name());
    std::reverse(names.begin(), names.end());
    return fmt::format("{}", fmt::join(names, " "));
}

// The options that apply in `app`: its own, then those of the parents they fall through from.
std::vector<const CLI::Option*> applicable_options(CLI::App& app) {
    std::vector<const CLI::Option*> options;
    for (CLI::App* at = &app; at; at = at->get_parent()) {
        for (const auto* option : at->get_options([](const CLI::Option* o) { return !o->get_positional() || o->nonpositional(); }))
            options.push_back(option);
        if (!at->get_fallthrough()) break;
    }
    return options;
}

std::vector<std::string> names_of(const CLI::Option& option) {
    std::vector<std::string> names;
    for (const auto& name : option.get_snames()) names.push_back("-" + name);
    for (const auto& name : option.get_lnames()) names.push_back("--" + name);
    return names;
}

const CLI::Option* find_option(CLI::App& app, const std::string& name) {
    for (const auto* option : applicable_options(app))
        for (const auto& candidate : names_of(*option))
            if (candidate == name) return option;
    return nullptr;
}

CLI::App* find_subcommand(CLI::App& app, const std::string& name) {
    for (auto* sub : app.get_subcommands([](CLI::App*) { return true; }))
        if (sub->check_name(name)) return sub;
    return nullptr;
}

bool has_positionals(CLI::App& app) {
    return !app.get_options([](const CLI::Option* o) { return o->get_positional(); }).empty();
}

std::string suggestion(const std::string& word, const std::vector<std::string>& candidates) {
    std::vector<std::string_view> views(candidates.begin(), candidates.end());
    return diag::did_you_mean(word, views);
}

std::vector<std::string> subcommand_names(CLI::App& app) {
    std::vector<std::string> names;
    for (auto* sub : visible_subcommands(app)) names.push_back(sub->get_name());
    return names;
}

// Every command of the tree, depth first, the root first.
void walk(CLI::App& app, const std::function<void(CLI::App&)>& visit) {
    visit(app);
    for (auto* sub : visible_subcommands(app)) walk(*sub, visit);
}

// First line of a description, for one-line completion texts.
std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

std::string shell_single_quote(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// "" for the root, " register add" for a subcommand: the key the completion scripts switch on.
std::string path_key(const CLI::App& app) {
    auto path = command_path(app);
    auto space = path.find(' ');
    return space == std::string::npos ? std::string() : path.substr(space);
}

// ' check'|' register add'|...: the case pattern of every command path below the root, with which
// the bash and zsh scripts find the command whose words are being completed.
std::string command_paths_pattern(CLI::App& app) {
    std::string pattern;
    walk(app, [&](CLI::App& command) {
        if (!command.get_parent()) return;
        if (!pattern.empty()) pattern += '|';
        pattern += shell_single_quote(path_key(command));
    });
    return pattern;
}

bool takes_value(const CLI::Option& option) { return option.get_type_size_max() > 0 && option.get_expected_max() > 0; }

std::string roff_escape(const std::string& text) {
    std::string out;
    bool line_start = true;
    for (char c : text) {
        if (line_start && (c == '.' || c == '\'')) out += "\\&";
        if (c == '\\')
            out += "\\e";
        else if (c == '-')
            out += "\\-";
        else
            out += c;
        line_start = c == '\n';
    }
    return out;
}

}  // namespace

std::vector<CLI::App*> visible_subcommands(CLI::App& app) {
    return app.get_subcommands([](CLI::App* sub) { return !sub->get_group().empty(); });
}

std::vector<std::string> option_names(CLI::App& app) {
    std::vector<std::string> names;
    for (const auto* option : applicable_options(app))
        for (const auto& name : names_of(*option)) names.push_back(name);
    return names;
}

std::optional<UsageProblem> find_unknown_word(CLI::App& app, const std::vector<std::string>& args) {
    CLI::App* current = &app;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto& word = args[i];
        if (word == "--") break;
        if (word.size() > 1 && word[0] == '-' && !(word[1] >= '0' && word[1] <= '9')) {
            auto name = word.substr(0, word.find('='));
            if (name.size() > 2 && name[1] != '-') name = name.substr(0, 2);  // -qV, -Ofile: the first flag
            const auto* option = find_option(*current, name);
            if (!option) {
                auto hint = suggestion(name, option_names(*current));
                return UsageProblem{fmt::format("unknown flag `{}` for `{}`{}", name, command_path(*current),
                                                hint.empty() ? "" : "; " + hint),
                                    fmt::format("run `{} --help` for its flags", command_path(*current))};
            }
            if (takes_value(*option) && word.find('=') == std::string::npos && word.size() == name.size()) ++i;
            continue;
        }
        if (auto* sub = find_subcommand(*current, word)) {
            current = sub;
            continue;
        }
        if (has_positionals(*current) || visible_subcommands(*current).empty()) continue;
        auto hint = suggestion(word, subcommand_names(*current));
        bool root = current->get_parent() == nullptr;
        return UsageProblem{
            root ? fmt::format("unknown command `{}`{}", word, hint.empty() ? "" : "; " + hint)
                 : fmt::format("unknown command `{}` for `{}`{}", word, command_path(*current), hint.empty() ? "" : "; " + hint),
            fmt::format("run `{} --help` for the list: {}", root ? "gdprctl" : command_path(*current),
                        fmt::join(subcommand_names(*current), ", "))};
    }
    return std::nullopt;
}

std::string help_for(CLI::App& app, const std::vector<std::string>& path) {
    CLI::App* current = &app;
    for (const auto& word : path) {
        auto* sub = find_subcommand(*current, word);
        if (!sub || sub->get_group().empty()) {
            auto hint = suggestion(word, subcommand_names(*current));
            throw UsageError(fmt::format("no command `{}` in `{}`{}", word, command_path(*current), hint.empty() ? "" : "; " + hint),
                             fmt::format("commands: {}", fmt::join(subcommand_names(*current), ", ")));
        }
        current = sub;
    }
    // Through the formatter: App::help() of the root would show the help of the command being run
    // (`help` itself), and the usage line needs the whole path.
    return current->get_formatter()->make_help(current, command_path(*current), CLI::AppFormatMode::Normal);
}

void write_bash_completion(std::ostream& out, CLI::App& app) {
    out << "# bash completion for gdprctl; generated by `gdprctl completion bash` from its command tree.\n"
           "_gdprctl() {\n"
           "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} path= word i\n"
           "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
           "        word=${COMP_WORDS[i]}\n"
           "        case \"$path $word\" in\n";
    out << "            " << command_paths_pattern(app) << ") path=\"$path $word\" ;;\n"
           "        esac\n"
           "    done\n"
           "    local commands= options= values=\n"
           "    case \"$path\" in\n";
    walk(app, [&](CLI::App& command) {
        std::vector<std::string> with_value;
        for (const auto* option : applicable_options(command))
            if (takes_value(*option))
                for (const auto& name : names_of(*option)) with_value.push_back(name);
        out << fmt::format("        {})\n            commands={}\n            options={}\n            values={} ;;\n",
                           shell_single_quote(path_key(command)),
                           shell_single_quote(fmt::format("{}", fmt::join(subcommand_names(command), " "))),
                           shell_single_quote(fmt::format("{}", fmt::join(option_names(command), " "))),
                           shell_single_quote(" " + fmt::format("{}", fmt::join(with_value, " ")) + " "));
    });
    out << "    esac\n"
           "    if [[ $values == *\" $prev \"* ]]; then\n"
           "        COMPREPLY=($(compgen -f -- \"$cur\"))\n"
           "    elif [[ $cur == -* ]]; then\n"
           "        COMPREPLY=($(compgen -W \"$options\" -- \"$cur\"))\n"
           "    elif [[ -n $commands ]]; then\n"
           "        COMPREPLY=($(compgen -W \"$commands\" -- \"$cur\"))\n"
           "    else\n"
           "        COMPREPLY=($(compgen -f -- \"$cur\"))\n"
           "    fi\n"
           "}\n"
           "complete -o filenames -F _gdprctl gdprctl\n";
}

void write_zsh_completion(std::ostream& out, CLI::App& app) {
    auto zsh_item = [](const std::string& name, const std::string& description) {
        std::string escaped;
        for (char c : name) escaped += c == ':' ? std::string("\\:") : std::string(1, c);
        return shell_single_quote(escaped + ":" + first_line(description));
    };
    out << "#compdef gdprctl\n"
           "# zsh completion for gdprctl; generated by `gdprctl completion zsh` from its command tree.\n"
           "_gdprctl() {\n"
           "    local path= word\n"
           "    for word in ${words[2,CURRENT-1]}; do\n"
           "        case \"$path $word\" in\n";
    out << "            (" << command_paths_pattern(app) << ") path=\"$path $word\" ;;\n"
           "        esac\n"
           "    done\n"
           "    local -a commands options\n"
           "    case \"$path\" in\n";
    walk(app, [&](CLI::App& command) {
        out << fmt::format("        ({})\n", shell_single_quote(path_key(command)));
        out << "            commands=(";
        for (auto* sub : visible_subcommands(command)) out << " " << zsh_item(sub->get_name(), sub->get_description());
        out << " )\n            options=(";
        for (const auto* option : applicable_options(command))
            for (const auto& name : names_of(*option)) out << " " << zsh_item(name, option->get_description());
        out << " ) ;;\n";
    });
    out << "    esac\n"
           "    if [[ $PREFIX == -* ]]; then\n"
           "        _describe -t options 'gdprctl option' options\n"
           "    elif (( ${#commands} )); then\n"
           "        _describe -t commands 'gdprctl command' commands\n"
           "    else\n"
           "        _files\n"
           "    fi\n"
           "}\n"
           "_gdprctl \"$@\"\n";
}

void write_fish_completion(std::ostream& out, CLI::App& app) {
    out << "# fish completion for gdprctl; generated by `gdprctl completion fish` from its command tree.\n"
           "complete -c gdprctl -f\n";
    walk(app, [&](CLI::App& command) {
        // The condition under which `command`'s subcommands and own options are offered.
        std::vector<std::string> chain;
        for (CLI::App* at = &command; at->get_parent(); at = at->get_parent()) chain.insert(chain.begin(), at->get_name());
        std::string condition;
        for (const auto& name : chain)
            condition += fmt::format("{}__fish_seen_subcommand_from {}", condition.empty() ? "" : "; and ", name);
        auto subs = subcommand_names(command);
        std::string subs_condition = condition;
        if (!subs.empty())
            subs_condition += fmt::format("{}not __fish_seen_subcommand_from {}", condition.empty() ? "" : "; and ",
                                          fmt::join(subs, " "));
        for (auto* sub : visible_subcommands(command))
            out << fmt::format("complete -c gdprctl -n {} -a {} -d {}\n",
                               shell_single_quote(subs_condition.empty() ? "__fish_use_subcommand" : subs_condition),
                               sub->get_name(), shell_single_quote(first_line(sub->get_description())));
        for (const auto* option : command.get_options([](const CLI::Option* o) { return !o->get_positional() || o->nonpositional(); })) {
            std::string spec;
            for (const auto& name : option->get_snames()) spec += " -s " + name;
            for (const auto& name : option->get_lnames()) spec += " -l " + name;
            out << fmt::format("complete -c gdprctl{}{}{} -d {}\n",
                               condition.empty() ? "" : " -n " + shell_single_quote(condition), spec,
                               takes_value(*option) ? " -r -F" : "", shell_single_quote(first_line(option->get_description())));
        }
    });
}

void write_man_page(std::ostream& out, CLI::App& app) {
    out << ".\\\" gdprctl.1: generated at build time by `gdprctl man` from the command tree.\n";
    out << fmt::format(".TH GDPRCTL 1 \"\" \"gdprctl {}\" \"User Commands\"\n", GDPRCTL_VERSION);
    out << ".SH NAME\ngdprctl \\- GDPR compliance as code: check, report and keep the record\n";
    out << ".SH SYNOPSIS\n.B gdprctl\n[\\fIGLOBAL OPTIONS\\fR] \\fICOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIARGS\\fR]\n";
    out << ".SH DESCRIPTION\n" << roff_escape(app.get_description()) << "\n";
    auto write_options = [&](const auto& options) {
        for (const auto* option : options) {
            std::string names = fmt::format("{}", fmt::join(names_of(*option), ", "));
            if (option->get_positional() && names.empty()) names = option->get_name(true);
            out << ".TP\n.B " << roff_escape(names) << (takes_value(*option) ? " \\fIVALUE\\fR" : "") << "\n"
                << roff_escape(option->get_description()) << "\n";
        }
    };
    out << ".SH GLOBAL OPTIONS\nAccepted by every command, before or after it.\n";
    write_options(app.get_options([](const CLI::Option*) { return true; }));
    out << ".SH COMMANDS\n";
    walk(app, [&](CLI::App& command) {
        if (!command.get_parent()) return;
        out << ".SS " << roff_escape(command_path(command)) << "\n" << roff_escape(command.get_description()) << "\n";
        auto subs = subcommand_names(command);
        if (!subs.empty()) out << ".PP\nCommands: " << roff_escape(fmt::format("{}", fmt::join(subs, ", "))) << ".\n";
        write_options(command.get_options([](const CLI::Option* o) { return o->get_lnames().empty() || o->get_lnames().front() != "help"; }));
        if (!command.get_footer().empty()) out << ".PP\n.nf\n" << roff_escape(command.get_footer()) << "\n.fi\n";
    });
    out << ".SH EXIT STATUS\n.TP\n.B 0\nnothing at or above the \\-\\-fail\\-on level.\n"
           ".TP\n.B 1\nfindings, or a refused change.\n"
           ".TP\n.B 2\na usage, configuration or environment error.\n";
    out << ".SH ENVIRONMENT\n.TP\n.B GDPRCTL_WORKSPACE\nthe workspace, as \\-\\-workspace.\n"
           ".TP\n.B GDPRCTL_DB\nthe operational store, as \\-\\-db.\n"
           ".TP\n.B GDPRCTL_USER\nwho makes a change, as \\-\\-by.\n"
           ".TP\n.B NO_COLOR\nwhen set, output is never coloured.\n"
           ".TP\n.B GITHUB_ACTIONS\nwhen \"true\", check writes GitHub annotations by default.\n";
    out << ".SH SEE ALSO\n\\fBgdprctl help\\fR \\fICOMMAND\\fR, \\fBgdprctl rules\\fR \\fIID\\fR\n";
}

}  // namespace gdprctl::cli
