#include "review/sign.hpp"

#include "authoring/policy.hpp"
#include "errors.hpp"
#include "store/change_time.hpp"

#include <fmt/format.h>

namespace gdprctl::review {
namespace {

std::string item_label(const Action& action) {
    std::string label = fmt::format("{} {}", action.rule, action.ref.empty() ? "-" : action.ref);
    if (!action.file.empty()) label += fmt::format(" ({}:{})", action.file, action.line);
    return label;
}

std::string audit_details(const SignResult& result, const SignOptions& options) {
    std::string details = fmt::format(
        "annual review of {} signed by {}: errors={} warnings={}; policy.last_review={} in {}", result.date.to_string(),
        result.by, result.errors, result.warnings, result.date.to_string(), result.path);
    if (!options.note.empty()) details += "; note: " + options.note;
    if (!result.accepted.empty()) {
        details += fmt::format("; accepted open items ({}):", result.accepted.size());
        for (const auto& action : result.accepted) details += fmt::format(" [{}: {}]", item_label(action), action.what);
    }
    return details;
}

}  // namespace

SignResult sign_review(const SignInputs& inputs) {
    const auto& options = inputs.options;
    if (options.by.find_first_not_of(" \t") == std::string::npos)
        throw UsageError("review sign needs the name of who signs the review: --by NAME",
                         "e.g. gdprctl review sign --by \"J. Jansen, Information Security Officer\"");
    if (options.accept_open)
        store::require_reason(options.note, "--note", "why the review is signed while error-level actions remain");

    edit::WorkspaceLock lock(inputs.root);  // the review read and the stamp written are one step
    SignResult result;
    result.date = inputs.stamp.date();
    result.by = options.by;
    {
        ReviewInputs review_inputs;
        review_inputs.root = inputs.root;
        review_inputs.as_of = result.date;
        review_inputs.now = inputs.stamp.at;
        auto existing = inputs.open_existing(review_inputs.store_note);
        review_inputs.store = existing.get();
        const auto review = build_review(review_inputs);
        for (const auto& action : review.actions) {
            if (action.severity == diag::Severity::error) {
                ++result.errors;
                result.accepted.push_back(action);
            } else if (action.severity == diag::Severity::warning) {
                ++result.warnings;
            }
        }
    }
    if (!result.accepted.empty() && !options.accept_open) {
        std::vector<std::string> labels;
        for (std::size_t i = 0; i < result.accepted.size() && i < 5; ++i)
            labels.push_back(item_label(result.accepted[i]));
        if (result.accepted.size() > 5) labels.push_back(fmt::format("and {} more", result.accepted.size() - 5));
        throw Refusal(fmt::format("the review of {} still lists {} error-level action(s): {}; nothing was signed",
                                  result.date.to_string(), result.accepted.size(), fmt::join(labels, ", ")),
                      "resolve them (`gdprctl review` lists them), or sign with --accept-open --note \"why\": the "
                      "open items are recorded with the sign-off");
    }

    const auto policy = authoring::prepare_policy_review(
        inputs.root, result.date, authoring::review_comment("reviewed", options.by, options.note));
    result.path = policy.path;
    auto store = inputs.open_for_writing();
    bool file_written = false;
    try {
        store->write(inputs.stamp, [&](store::StoreWriter& writer) {
            writer.append_audit({"review.sign", "policy", audit_details(result, options)});
            // Last in the transaction: a file that cannot be written rolls the event back.
            edit::write_atomically(policy.snapshot, policy.text, inputs.before_file_commit);
            file_written = true;
        });
    } catch (...) {
        // The commit failed after the file was stamped: put the file back as it was read.
        if (file_written) {
            try {
                edit::write_atomically(edit::read_snapshot(inputs.root / policy.path, inputs.root),
                                       policy.snapshot.text);
            } catch (...) {
                // The original failure is what the user needs to see.
            }
        }
        throw;
    }
    return result;
}

}  // namespace gdprctl::review
