#include "authoring/policy.hpp"

#include "authoring/candidate.hpp"
#include "edit/yaml_edit.hpp"
#include "errors.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace gdprctl::authoring {

std::string review_comment(std::string_view verb, const std::string& by, const std::string& note) {
    if (by.empty() && note.empty()) return {};
    std::string comment(verb);
    if (!by.empty()) comment += " by " + by;
    if (!note.empty()) comment += ": " + note;
    // One line: a newline in a note would end the comment and start YAML.
    std::replace(comment.begin(), comment.end(), '\n', ' ');
    std::replace(comment.begin(), comment.end(), '\r', ' ');
    return comment;
}

PolicyEdit prepare_policy_review(const std::filesystem::path& root, time::Date date, std::string_view comment) {
    PolicyEdit edit;
    edit.snapshot = edit::read_snapshot(root / edit.path, root);
    if (!edit.snapshot.exists)
        throw EnvironmentError(fmt::format("{} has no gdpr.yaml", root.string()), "run `gdprctl init` to make one");
    const auto tree = parse_for_edit(edit.snapshot.text, edit.path);
    const yaml::Node* policy = tree.is_map() ? tree.find("policy") : nullptr;
    if (!policy || !policy->is_map())
        throw UsageError("gdpr.yaml has no `policy:` mapping to record the review in",
                         "add `policy: {version: \"2026-01-01\", last_review: 2026-01-01, review_interval: P1Y}` "
                         "to gdpr.yaml (as `gdprctl init` writes it)");
    edit.text = edit::set_scalar(edit.snapshot.text, *policy, "last_review", date.to_string(), comment);
    return edit;
}

}  // namespace gdprctl::authoring
