#include "commands/commands.hpp"
#include "context.hpp"
#include "errors.hpp"

#include <fmt/format.h>

#include <iostream>

int main(int argc, char** argv) {
    using namespace gdprctl;
    cli::Context context;
    context.out = &std::cout;
    context.err = &std::cerr;

    CLI::App app{"gdprctl: GDPR compliance as code. Checks a Register of Systems kept as YAML, renders\n"
                 "the Art. 30 record and keeps an operational store of requests, consents and breaches.",
                 "gdprctl"};
    app.set_version_flag("--version", std::string("gdprctl ") + GDPRCTL_VERSION);
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
    cli::setup_report(app, context);
    cli::setup_request(app, context);
    cli::setup_subject(app, context);
    cli::setup_audit(app, context);
    cli::setup_retention(app, context);
    cli::setup_annual_review(app, context);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        // CLI11 uses exit codes of 100 and up for parse errors; ours is always 2.
        app.exit(e);
        return 2;
    } catch (const Error& e) {
        std::cerr << fmt::format("gdprctl: error: {}\n", e.what());
        if (!e.hint().empty()) std::cerr << fmt::format("  hint: {}\n", e.hint());
        return e.exit_code();
    } catch (const std::exception& e) {
        std::cerr << fmt::format("gdprctl: internal error: {}\n", e.what());
        return 2;
    }
    return context.exit_code;
}
