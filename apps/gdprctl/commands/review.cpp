#include "commands/commands.hpp"
#include "commands/output_file.hpp"
#include "commands/store_access.hpp"

#include "output/review_formats.hpp"
#include "review/review.hpp"
#include "review/sign.hpp"

#include <fmt/format.h>

#include <ostream>
#include <sstream>

namespace gdprctl::cli {
namespace {

struct ReviewOptions {
    std::string output;  // -o FILE; empty: standard output
};

void run_review(const ReviewOptions& options, Context& context) {
    const auto& format = output::choose_format(output::review_formats(), context.options.format);
    review::ReviewInputs inputs;
    inputs.root = context.workspace_root();
    // Dated as the retention sweep and request list date: the day in settings.timezone.
    inputs.zone = workspace_zone(context);
    inputs.as_of = workspace_today(context, inputs.zone);
    inputs.now = context.now();
    auto store = open_existing_store(context, inputs.store_note);
    inputs.store = store.get();
    auto result = review::build_review(inputs);
    std::ostringstream text;
    format.write(text, result);
    write_output(context, options.output, text.str());
    context.exit_code = result.actions.empty() ? 0 : 1;
}

struct SignOptions {
    std::string note;
    bool accept_open = false;
};

void run_sign(const SignOptions& options, Context& context) {
    const auto& format = output::choose_format(output::sign_formats(), context.options.format);
    // The sign-off says when the review was done: that is now, never a date chosen on the command line.
    if (context.options.as_of_given)
        throw UsageError("review sign records the review at the real time; it takes no --as-of",
                         "drop --as-of (run `gdprctl review --as-of DATE` to see the review of another date)");
    review::SignInputs inputs;
    inputs.root = context.workspace_root();
    inputs.options.by = context.named_actor();
    inputs.options.note = options.note;
    inputs.options.accept_open = options.accept_open;
    inputs.stamp = change_stamp(context);
    inputs.open_existing = [&context](std::string& note) { return open_existing_store(context, note); };
    inputs.open_for_writing = [&context] { return open_store(context); };
    const auto result = review::sign_review(inputs);
    format.write(*context.out, result);
}

void add_sign(CLI::App& review_command, Context& context) {
    auto options = std::make_shared<SignOptions>();
    auto* command = review_command.add_subcommand("sign", "Record that the annual review was done (signed today)");
    command->add_option("--note", options->note, "Kept with the sign-off; required with --accept-open")
        ->type_name("TEXT");
    command->add_flag("--accept-open", options->accept_open,
                      "Sign although the review lists error-level actions (they are recorded with the sign-off)");
    command->footer(fmt::format(
        "Builds today's review (as `gdprctl review` does) and, when it lists no error-level action,\n"
        "records the sign-off twice, both or neither: a `review.sign` event in the store's audit trail\n"
        "(who, the counts of open actions, the note; `gdprctl audit log`) and `policy.last_review` in\n"
        "gdpr.yaml, edited in place with your comments kept. The policy promises this review at least\n"
        "once a year (GDPR Art. 5(2) accountability, Art. 24(1)).\n"
        "Refused (exit 1, nothing changed) while error-level actions remain, unless --accept-open with a\n"
        "--note saying why; each open item is then recorded with the sign-off.\n"
        "The signer is --by NAME (or GDPRCTL_USER); the date is the real date, so --as-of is refused.\n"
        "{}\n"
        "Examples:\n"
        "  gdprctl review sign --by \"J. Jansen (ISO)\" --note \"board meeting of 2026-11-26\"\n"
        "  gdprctl review sign --by ISO --accept-open --note \"REQ-2026-0007 answered late; see minutes\"",
        output::formats_help(output::sign_formats())));
    command->callback([options, &context] { run_sign(*options, context); });
}

}  // namespace

void setup_annual_review(CLI::App& app, Context& context) {
    auto options = std::make_shared<ReviewOptions>();
    auto* command = app.add_subcommand("review", "The annual review: everything that needs action on a date");
    command->require_subcommand(0, 1);
    command
        ->add_option("-o,--output", options->output,
                     "Write to FILE (atomically: a temporary file renamed into place) instead of standard output")
        ->type_name("FILE");
    command->footer(fmt::format(
        "One list of what needs action on --as-of (default: today; a day ends at midnight in\n"
        "settings.timezone, as for `retention sweep`), each item with what, the article it rests on, its\n"
        "owner (the system's owner, else the responsible person) and the date it is due:\n"
        "  register   every `gdprctl check` finding at warning level or above;\n"
        "  reviews    systems and the policy whose review is due (on the anniversary) or overdue;\n"
        "  retention  categories without a retention period, or with an undetermined one; the store's\n"
        "             closed requests, withdrawn consents and closed breaches past\n"
        "             settings.store_retention (what `gdprctl retention sweep` would delete);\n"
        "  requests   data-subject requests overdue or due within {} days, extensions never told to the\n"
        "             subject;\n"
        "  breaches   breaches past their 72 hours without an authority notification or a recorded\n"
        "             decision not to notify; people affected, or the public, not yet informed;\n"
        "  consent    withdrawals whose propagation tasks are open; consents recorded for purposes that\n"
        "             are no longer consent-based.\n"
        "The store's areas are read from the operational store, when there is one.\n"
        "{} The page has a summary, a timeline of the coming deadlines and charts of\n"
        "the processing.\n"
        "Exit codes: 0 nothing needs action, 1 something does, 2 usage or environment error.\n"
        "`gdprctl review sign --by NAME` records that the review was done (see its --help).\n"
        "Examples:\n"
        "  gdprctl review --as-of 2026-12-01 --format html -o review.html\n"
        "  gdprctl review --format json | jq '.actions[] | select(.severity == \"error\")'",
        review::request_horizon_days, output::formats_help(output::review_formats())));
    add_sign(*command, context);
    command->callback([options, command, &context] {
        if (command->get_subcommands().empty()) run_review(*options, context);
    });
}

}  // namespace gdprctl::cli
