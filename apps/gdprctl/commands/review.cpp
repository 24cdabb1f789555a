#include "commands/commands.hpp"
#include "commands/format_choice.hpp"
#include "commands/output_file.hpp"
#include "commands/store_access.hpp"

#include "output/review_formats.hpp"
#include "review/review.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <ostream>
#include <sstream>

namespace gdprctl::cli {
namespace {

struct ReviewOptions {
    std::string output;  // -o FILE; empty: standard output
};

// The store when one exists; a review never creates one.
std::unique_ptr<store::Store> existing_store(const Context& context, std::string& note) {
    auto location = context.store_location();
    bool is_url = location.rfind("postgres://", 0) == 0 || location.rfind("postgresql://", 0) == 0;
    std::error_code ec;
    if (!is_url && !std::filesystem::exists(location, ec)) {
        note = fmt::format("no operational store at {} yet", location);
        return nullptr;
    }
    return open_store(context, StoreAccess::read);
}

void run_review(const ReviewOptions& options, Context& context) {
    const auto& format = choose_format(context, output::review_formats());
    review::ReviewInputs inputs;
    inputs.root = context.workspace_root();
    inputs.as_of = context.today();
    auto store = existing_store(context, inputs.store_note);
    inputs.store = store.get();
    auto result = review::build_review(inputs);
    std::ostringstream text;
    format.write(text, result);
    write_output(context, options.output, text.str());
    context.exit_code = result.actions.empty() ? 0 : 1;
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
        "One list of what needs action on --as-of (default: today), each item with what, the article it\n"
        "rests on, its owner (the system's owner, else the responsible person) and the date it is due:\n"
        "  register   every `gdprctl check` finding at warning level or above;\n"
        "  reviews    systems and the policy whose review is due (on the anniversary) or overdue;\n"
        "  retention  categories without a retention period, or with an undetermined one;\n"
        "  requests   data-subject requests overdue or due within {} days, extensions never told to the\n"
        "             subject (from the operational store, when there is one).\n"
        "Formats: {}; html is one self-contained page with a summary, a timeline of the coming\n"
        "deadlines and charts of the processing.\n"
        "Exit codes: 0 nothing needs action, 1 something does, 2 usage or environment error.\n"
        "Examples:\n"
        "  gdprctl review --as-of 2026-12-01 --format html -o review.html\n"
        "  gdprctl review --format json | jq '.actions[] | select(.severity == \"error\")'",
        review::request_horizon_days, format_names(output::review_formats())));
    command->callback([options, command, &context] {
        if (command->get_subcommands().empty()) run_review(*options, context);
    });
}

}  // namespace gdprctl::cli
