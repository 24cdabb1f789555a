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
    authoring::CookieFlags flags;
    bool force = false;
    bool interactive = false;
};

void run_add(const AddOptions& options, Context& context) {
    auto root = context.workspace_root();
    auto flags = options.flags;
    if (options.interactive || (!authoring::missing_cookie_fields(flags).empty() && stdin_is_terminal())) {
        auto reader = make_line_reader(context);
        authoring::Prompter prompter(*reader, *context.err);
        authoring::prompt_cookie(flags, authoring::load_for_listing(root), prompter);
    }
    report_outcome(authoring::add_cookie(root, flags, workspace_today(context), options.force), root, context, "wrote");
}

void add_add(CLI::App& group, Context& context) {
    auto options = std::make_shared<AddOptions>();
    auto& f = options->flags;
    auto* command = group.add_subcommand("add", "Add a cookie to cookies.yaml");
    command->footer(
        "A cookie that is not strictly necessary needs consent (ePrivacy Art. 5(3)): name the --system\n"
        "and its consent --purpose. The entry is checked first; nothing is written when it would fail\n"
        "check at error level, unless --force.\n"
        "Example:\n"
        "  gdprctl cookie add --name session_id --provider first-party --category strictly-necessary \\\n"
        "    --expiry session --system website");
    command->add_option("--name", f.name, "Cookie name as the browser sees it");
    command->add_option("--provider", f.provider, "A recipient id, or first-party");
    command->add_option("--category", f.category, "strictly-necessary, functional, analytics or marketing");
    command->add_option("--expiry", f.expiry, "Lifetime as an ISO 8601 duration (P13M), or session");
    command->add_option("--system", f.system, "System that sets or reads the cookie");
    command->add_option("--purpose", f.purpose, "Purpose id of --system it serves");
    command->add_option("--description", f.description, "What the cookie does");
    command->add_flag("--force", options->force, "Write the entry even when it fails check at error level");
    command->add_flag("-i,--interactive", options->interactive, interactive_help);
    command->callback([options, &context] { run_add(*options, context); });
}

void run_list(Context& context) {
    const auto& format = output::choose_format(output::cookies_formats(), context.options.format);
    format.write(*context.out, authoring::load_for_listing(context.workspace_root()));
}

void add_list(CLI::App& group, Context& context) {
    auto* command = group.add_subcommand("list", "List the cookie table");
    command->footer(output::formats_help(output::cookies_formats()));
    command->callback([&context] { run_list(context); });
}

struct RemoveOptions {
    std::string name;
};

void run_remove(const RemoveOptions& options, Context& context) {
    auto path = authoring::remove_cookie(context.workspace_root(), options.name);
    if (!context.options.quiet) *context.out << fmt::format("removed cookie {} from {}\n", options.name, path);
}

void add_remove(CLI::App& group, Context& context) {
    auto options = std::make_shared<RemoveOptions>();
    auto* command = group.add_subcommand("remove", "Remove a cookie");
    command->add_option("NAME", options->name, "Cookie name")->required();
    command->callback([options, &context] { run_remove(*options, context); });
}

}  // namespace

void setup_cookie(CLI::App& app, Context& context) {
    auto* group = app.add_subcommand("cookie", "The cookie table: add, list, remove");
    group->require_subcommand(1);
    group->footer(
        "New cookies are appended to cookies.yaml at the workspace root. Run\n"
        "`gdprctl cookie COMMAND --help` for options.");
    add_add(*group, context);
    add_list(*group, context);
    add_remove(*group, context);
}

}  // namespace gdprctl::cli
