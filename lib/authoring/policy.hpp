#pragma once

#include "edit/atomic_file.hpp"
#include "time/date.hpp"

#include <filesystem>
#include <string>
#include <string_view>

// Edits of the policy block of gdpr.yaml (the annual review's sign-off).
namespace gdprctl::authoring {

// "reviewed by BY: NOTE" (`verb` first), on one line, for the trailing comment of a review stamp;
// empty when neither `by` nor `note` is given. `register review` and `review sign` both write it.
std::string review_comment(std::string_view verb, const std::string& by, const std::string& note);

// gdpr.yaml as it is and as it will be once `policy.last_review` says `date`.
struct PolicyEdit {
    std::string path = "gdpr.yaml";  // relative to the workspace
    edit::Snapshot snapshot;
    std::string text;  // the new content
};

// Prepares the stamp of policy.last_review in place (comments, order and quoting kept; `comment`
// trails a block entry). The caller holds the edit::WorkspaceLock and writes the edit with
// edit::write_atomically, so that it can order the write with the store's transaction. UsageError
// when gdpr.yaml holds no `policy:` mapping or cannot be edited in place.
PolicyEdit prepare_policy_review(const std::filesystem::path& root, time::Date date, std::string_view comment);

}  // namespace gdprctl::authoring
