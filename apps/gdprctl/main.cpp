#include "command_tree.hpp"
#include "commands/commands.hpp"
#include "context.hpp"
#include "errors.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <iostream>

namespace {

// CLI11 copies a command's footer into the subcommands added after it; a footer belongs to the
// command it was written for, so an inherited copy is dropped.
void drop_inherited_footers(CLI::App& app) {
    for (auto* sub : app.get_subcommands([](CLI::App*) { return true; })) {
        if (!sub->get_footer().empty() && sub->get_footer() == app.get_footer()) sub->footer("");
        drop_inherited_footers(*sub);
    }
}

}  // namespace

int main(int argc, char** argv) {
    using namespace gdprctl;
    // A closed pipe is an output error reported with exit 2 (below), not a silent death by SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    cli::Context context;
    context.out = &std::cout;
    context.err = &std::cerr;

    CLI::App app{"gdprctl: GDPR compliance as code. Checks a Register of Systems kept as YAML, renders\n"
                 "the Art. 30 record and the privacy-notice tables, and keeps an operational store of\n"
                 "data-subject requests, the consent ledger and the breach register, with a hash-chained\n"
                 "audit trail.",
                 "gdprctl"};
    app.set_version_flag("-V,--version", std::string("gdprctl ") + GDPRCTL_VERSION);
    app.fallthrough();
    app.require_subcommand(1);
    app.footer("Exit codes: 0 nothing at or above --fail-on, 1 findings or a refused change,\n"
               "2 usage, configuration or environment error.\n"
               "Run `gdprctl COMMAND --help` for a command's options.");
    cli::bind_global_options(app, context.options);
    cli::setup_init(app, context);
    cli::setup_check(app, context);
    cli::setup_rules(app, context);
    cli::setup_register(app, context);
    cli::setup_recipient(app, context);
    cli::setup_cookie(app, context);
    cli::setup_schema(app, context);
    cli::setup_report(app, context);
    cli::setup_request(app, context);
    cli::setup_consent(app, context);
    cli::setup_breach(app, context);
    cli::setup_subject(app, context);
    cli::setup_audit(app, context);
    cli::setup_retention(app, context);
    cli::setup_store(app, context);
    cli::setup_annual_review(app, context);
    cli::setup_completion(app, context);
    cli::setup_help(app, context);
    drop_inherited_footers(app);

    // Output that did not reach its destination (a full disk, a closed pipe) is an error: a CI job
    // must not pass on a report that was never written.
    auto output_failed = [] {
        errno = 0;
        std::cout.flush();
        if (std::cout) return false;
        const int error = errno;
        std::cerr << fmt::format("gdprctl: error: cannot write to standard output{}{}\n", error ? ": " : "",
                                 error ? std::strerror(error) : "");
        return true;
    };
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        // CLI11 uses exit codes of 100 and up for parse errors and its own wording; ours is exit 2
        // in gdprctl's error format, naming the unknown word and the nearest known one.
        std::vector<std::string> args(argv + 1, argv + argc);
        if (auto problem = cli::find_unknown_word(app, args)) {
            std::cerr << fmt::format("gdprctl: error: {}\n  hint: {}\n", problem->message, problem->hint);
        } else if (argc == 1) {
            std::cerr << app.help();
        } else {
            std::cerr << fmt::format("gdprctl: error: {}\n  hint: run `gdprctl help COMMAND` for its usage\n", e.what());
        }
        return 2;
    } catch (const Error& e) {
        std::cerr << fmt::format("gdprctl: error: {}\n", e.what());
        if (!e.hint().empty()) std::cerr << fmt::format("  hint: {}\n", e.hint());
        if (output_failed()) return 2;
        return e.exit_code();
    } catch (const std::exception& e) {
        std::cerr << fmt::format("gdprctl: internal error: {}\n", e.what());
        return 2;
    }
    if (output_failed()) return 2;
    return context.exit_code;
}
