#pragma once

#include "time/date.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace gdprctl::authoring {

struct InitOptions {
    std::filesystem::path dir;  // the new workspace folder (created when missing)
    std::string org;
    std::string country;      // ISO 3166-1 alpha-2
    std::string contact;      // an e-mail address, or a phone number
    std::string responsible;  // the Responsible Person's role or name
    std::string authority;    // the lead supervisory authority
    time::Date today;         // policy.last_review
};

// The flags (`--org`, ...) that `init` still needs.
std::vector<std::string> missing_init_fields(const InitOptions& options);

// Checks one answer (`field` without dashes, e.g. "country"); throws UsageError with a hint.
void validate_init_field(const std::string& field, const std::string& value);

// UsageError when `dir` already holds a workspace (or is a file): `init` says so before it asks
// anything.
void refuse_existing_workspace(const std::filesystem::path& dir);

// Creates the workspace: gdpr.yaml (organisation, policy reviewed today, settings), systems/, and
// .gdprctl/ (mode 0700, with a .gitignore of `*` so the store never reaches git). Refuses with
// UsageError when `dir` already holds a gdpr.yaml or a .gdprctl/ folder. Returns the files made.
std::vector<std::string> init_workspace(const InitOptions& options);

}  // namespace gdprctl::authoring
