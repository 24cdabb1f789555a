#pragma once

#include "edit/atomic_file.hpp"
#include "review/review.hpp"
#include "store/store.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

// The sign-off of the annual review (the policy's sections 2.3 and 3.2; GDPR Art. 5(2), 24(1)):
// recorded in the store's audit trail and as policy.last_review in gdpr.yaml, both or neither.
namespace gdprctl::review {

struct SignOptions {
    std::string by;            // who signs; required
    std::string note;          // kept with the sign-off; required with accept_open
    bool accept_open = false;  // sign although error-level actions remain (they are recorded)
};

struct SignInputs {
    std::filesystem::path root;  // the workspace
    SignOptions options;
    store::ChangeStamp stamp;  // the real time: the review is of stamp.date()
    // The store to review, when one exists (nullptr and a note saying why otherwise), and the store
    // the sign-off is written to, opened only once the sign-off is allowed so that a refusal creates
    // or changes nothing.
    std::function<std::unique_ptr<store::Store>(std::string& note)> open_existing;
    std::function<std::unique_ptr<store::Store>()> open_for_writing;
    edit::BeforeCommitHook before_file_commit = {};  // test seam: a failure while gdpr.yaml is written
};

struct SignResult {
    time::Date date;
    std::string by;
    std::string path;                      // the file stamped, relative to the workspace
    std::size_t errors = 0, warnings = 0;  // the review's actions at signing
    std::vector<Action> accepted;          // error-level actions signed over with --accept-open
};

// Builds the review of stamp.date() (the same build_review as `gdprctl review`). Refuses (exit 1,
// nothing written) while it lists error-level actions, unless accept_open with a note; then records
// one `review.sign` audit event (counts, the note, and each accepted open item) and stamps
// policy.last_review in gdpr.yaml in place, in the store's transaction: when the file cannot be
// written nothing is recorded, and when the transaction fails after the file was written the file
// is put back. Holds the workspace lock throughout, like every register edit.
SignResult sign_review(const SignInputs& inputs);

}  // namespace gdprctl::review
