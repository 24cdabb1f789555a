#pragma once

#include "context.hpp"

#include <CLI/CLI.hpp>

// One setup function per command group, each in commands/<group>.cpp: it binds the group's
// options to a struct and hands off to the core library in its callbacks.
namespace gdprctl::cli {

void setup_check(CLI::App& app, Context& context);
void setup_rules(CLI::App& app, Context& context);
void setup_report(CLI::App& app, Context& context);
void setup_request(CLI::App& app, Context& context);
void setup_subject(CLI::App& app, Context& context);
void setup_audit(CLI::App& app, Context& context);
void setup_init(CLI::App& app, Context& context);
void setup_register(CLI::App& app, Context& context);
void setup_recipient(CLI::App& app, Context& context);
void setup_cookie(CLI::App& app, Context& context);
void setup_retention(CLI::App& app, Context& context);
void setup_schema(CLI::App& app, Context& context);
void setup_annual_review(CLI::App& app, Context& context);  // `review` (register.cpp has `register review`)
void setup_consent(CLI::App& app, Context& context);
void setup_breach(CLI::App& app, Context& context);
// `completion SHELL` and the hidden `man` (both from the command tree), and `help [COMMAND]`.
void setup_completion(CLI::App& app, Context& context);
void setup_help(CLI::App& app, Context& context);
void setup_store(CLI::App& app, Context& context);

}  // namespace gdprctl::cli
