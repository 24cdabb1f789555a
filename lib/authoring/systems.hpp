#pragma once

#include "diag/diagnostic.hpp"
#include "model/register.hpp"
#include "store/store.hpp"
#include "time/date.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace gdprctl::authoring {

// `recipient add` as flags give it.
struct RecipientFlags {
    std::string id, name, role, country, agreement_signed, agreement_ref, transfer, description;
};

// `register add` as flags give it; repeatable flags are lists, and --data/--subject/--security/
// --source/--recipient also take comma-separated values.
struct SystemFlags {
    std::string id, name, owner, description, last_review;
    std::vector<std::string> subjects, data, sources, purposes, retention, security, recipients;
    // PURPOSE=TEXT (--purpose-data: PURPOSE=CAT,CAT)
    std::vector<std::string> purpose_data, purpose_description, consent_evidence, consent_withdrawal, lia, law,
        special_condition;
    // Recipients answered at the prompts that the register does not have yet: they are written
    // into the system's own file, so that the system and its recipients are checked and written
    // as one change.
    std::vector<RecipientFlags> new_recipients;
};

// The Art. 9(2) condition that usually fits processing special-category data about `subjects`:
// employees and applicants 9(2)(b) (employment law), patients 9(2)(h) (health care), members of a
// not-for-profit body 9(2)(d); explicit consent, 9(2)(a), otherwise.
std::string_view suggested_special_condition(const std::vector<std::string>& subjects);

// The command lines that reproduce `flags` (a `recipient add` per new recipient, then
// `register add`), each shell-quoted. `workspace` is passed as --workspace when not empty.
std::vector<std::string> reproducing_commands(const SystemFlags& flags, const std::string& workspace);

// The flags a system still needs (`--id`, `--name`, `--owner`, `--subject`, `--data`, `--purpose`).
std::vector<std::string> missing_system_fields(const SystemFlags& flags);

// Checks one `--purpose ID:BASIS`; UsageError with a did-you-mean for an unknown basis.
void validate_purpose_flag(const std::string& text);
// Checks one `--retention CATS:PERIOD[:AFTER]`. AFTER holds no ',' or ':', so that two rules
// written in one flag are refused instead of read as one rule with a strange AFTER.
void validate_retention_flag(const std::string& text);

// The outcome of a change that is validated before it is written.
struct WriteOutcome {
    std::string path;  // relative to the workspace
    bool written = false;
    std::vector<diag::Diagnostic> diagnostics;  // findings about the change (check's format)
};

// Writes systems/<id>.yaml unless the new system would fail `check` at error level (then nothing is
// written and `written` is false) or `force`. `today` stamps last_review when --last-review is
// absent. UsageError for missing or malformed flags and for an id in use.
WriteOutcome add_system(const std::filesystem::path& root, SystemFlags flags, time::Date today, bool force);

// The fields `register set` can change.
const std::vector<std::string_view>& settable_system_fields();

// Sets one scalar field of a system in its file, in place. Validates the value.
WriteOutcome set_system_field(const std::filesystem::path& root, const std::string& id, const std::string& field,
                              const std::string& value, time::Date today);

// Stamps last_review with `today`; `by` and `note` go into a trailing `# reviewed by ...` comment.
WriteOutcome review_system(const std::filesystem::path& root, const std::string& id, time::Date today,
                           const std::string& by, const std::string& note);

// The same, as a sign-off recorded in the store's audit trail (`system.review`) in the
// transaction that stamps the file: when the stamp cannot be written, no sign-off is recorded.
// The reviewer is the stamp's actor; the date is `today`.
WriteOutcome review_system(store::Store& store, const store::ChangeStamp& stamp, const std::filesystem::path& root,
                           const std::string& id, time::Date today, const std::string& by, const std::string& note);

// Removes a system (its file when it holds nothing else). Refuses while cookies name it, unless
// `cascade`, which removes those cookie entries too. Returns the files changed.
std::vector<std::string> remove_system(const std::filesystem::path& root, const std::string& id, bool cascade);

// Loads the register for reading commands; structural findings are left to `check`.
model::Register load_for_listing(const std::filesystem::path& root);
// The system `id`, or UsageError with a did-you-mean.
const model::System& require_system(const model::Register& reg, const std::string& id);

struct SystemFilter {
    std::string basis;      // a lawful basis
    std::string data;       // a data category; a parent key matches its children
    std::string recipient;  // a recipient id
    bool review_due = false;
    time::Date today;
};
std::vector<const model::System*> filter_systems(const model::Register& reg, const SystemFilter& filter);

// `register list`: the register and the systems that pass `filter` (pointers into `reg`).
struct SystemListing {
    model::Register reg;
    std::vector<const model::System*> systems;
    std::vector<std::string> unread;  // register files or folders not read: their systems are missing
};
SystemListing list_systems(const std::filesystem::path& root, const SystemFilter& filter);

// `register show`: the register and the system `id` in it; UsageError with a did-you-mean.
struct ShownSystem {
    model::Register reg;
    const model::System* system = nullptr;
};
ShownSystem show_system(const std::filesystem::path& root, const std::string& id);

}  // namespace gdprctl::authoring
