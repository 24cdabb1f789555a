#include "authoring/listing.hpp"
#include "authoring/parties.hpp"
#include "authoring/prompt.hpp"
#include "commands/authoring_support.hpp"
#include "commands/commands.hpp"

#include <iostream>

namespace gdprctl::cli {
namespace {

struct AddOptions {
    authoring::CookieFlags flags;
    bool force = false;
    bool interactive = false;
};

}  // namespace

void setup_cookie(CLI::App& app, Context& context) {
    auto* group = app.add_subcommand("cookie", "The cookie table: add, list, remove");
    group->require_subcommand(1);
    group->footer(
        "New cookies are appended to cookies.yaml at the workspace root. Run\n"
        "`gdprctl cookie COMMAND --help` for options.");

    auto add = std::make_shared<AddOptions>();
    auto& f = add->flags;
    auto* add_command = group->add_subcommand("add", "Add a cookie to cookies.yaml");
    add_command->footer(
        "A cookie that is not strictly necessary needs consent (ePrivacy Art. 5(3)): name the --system\n"
        "and its consent --purpose. The entry is checked first; nothing is written when it would fail\n"
        "check at error level, unless --force.\n"
        "Example:\n"
        "  gdprctl cookie add --name session_id --provider first-party --category strictly-necessary \\\n"
        "    --expiry session --system website");
    add_command->add_option("--name", f.name, "Cookie name as the browser sees it");
    add_command->add_option("--provider", f.provider, "A recipient id, or first-party");
    add_command->add_option("--category", f.category, "strictly-necessary, functional, analytics or marketing");
    add_command->add_option("--expiry", f.expiry, "Lifetime as an ISO 8601 duration (P13M), or session");
    add_command->add_option("--system", f.system, "System that sets or reads the cookie");
    add_command->add_option("--purpose", f.purpose, "Purpose id of --system it serves");
    add_command->add_option("--description", f.description, "What the cookie does");
    add_command->add_flag("--force", add->force, "Write the entry even when it fails check at error level");
    add_command->add_flag("-i,--interactive", add->interactive, interactive_help);
    add_command->callback([add, &context] {
        auto root = context.workspace_root();
        auto flags = add->flags;
        if (add->interactive || (!authoring::missing_cookie_fields(flags).empty() && stdin_is_terminal())) {
            auto reader = make_line_reader(context);
            authoring::Prompter prompter(*reader, *context.err);
            authoring::prompt_cookie(flags, authoring::load_for_listing(root), prompter);
        }
        report_outcome(authoring::add_cookie(root, flags, context.today(), add->force), root, context, "wrote");
    });

    auto* list = group->add_subcommand("list", "List the cookie table");
    list->footer("Formats: text (default), json.");
    list->callback([&context] {
        auto format = context.format_or("text", {"text", "json"});
        auto reg = authoring::load_for_listing(context.workspace_root());
        if (format == "json")
            authoring::write_cookies_json(*context.out, reg);
        else
            authoring::write_cookies_text(*context.out, reg);
    });

    auto remove_name = std::make_shared<std::string>();
    auto* remove = group->add_subcommand("remove", "Remove a cookie");
    remove->add_option("NAME", *remove_name, "Cookie name")->required();
    remove->callback([remove_name, &context] {
        auto path = authoring::remove_cookie(context.workspace_root(), *remove_name);
        if (!context.options.quiet) *context.out << fmt::format("removed cookie {} from {}\n", *remove_name, path);
    });
}

}  // namespace gdprctl::cli
