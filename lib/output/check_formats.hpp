#pragma once

#include "check/check.hpp"
#include "output/format_table.hpp"
#include "vcs/repository.hpp"

#include <optional>
#include <ostream>
#include <string>

namespace gdprctl::output {

struct CheckOutputOptions {
    // The workspace relative to the repository root (e.g. "examples/unexus/", "" at the root):
    // every format writes a finding's path as this prefix + its workspace-relative path.
    std::string path_prefix;
    check::FailOn fail_on = check::FailOn::error;
    bool color = false;
    bool quiet = false;  // text: no summary line
    // Text only: the workspace relative to the current folder when it differs from path_prefix
    // (a run from a subfolder), so that the paths a person reads open from where they stand.
    std::optional<std::string> text_prefix;
    vcs::Repository repository;  // SARIF versionControlProvenance
    std::string help_uri_base;   // SARIF helpUri = base + rule id; none when empty
    bool statistics = false;     // text: counts per rule instead of each finding
};

// The path of a finding as every format writes it: prefix + workspace path (gdpr.yaml for a
// workspace-wide finding).
std::string finding_path(const diag::Diagnostic& d, const std::string& prefix);

// path:line:col: severity[rule]: message (article), the source line, a caret and the hint.
void write_check_text(std::ostream& out, const check::CheckResult& result, const CheckOutputOptions& options);
// The documented JSON document (schemas/check-output.schema.json), with its format version.
void write_check_json(std::ostream& out, const check::CheckResult& result, const CheckOutputOptions& options);
// SARIF 2.1.0 as GitHub code scanning reads it: uris relative to the repository root, rule help,
// snippets, version control provenance, at most max_sarif_results results.
void write_check_sarif(std::ostream& out, const check::CheckResult& result, const CheckOutputOptions& options);
// JUnit XML: one test suite per file, one test case per rule that fired in it (one passing case for
// a clean file); findings at or above --fail-on are failures, the rest skipped with their text.
void write_check_junit(std::ostream& out, const check::CheckResult& result, const CheckOutputOptions& options);
// GitHub Actions workflow commands (::error file=...::message), escaped.
void write_check_github(std::ostream& out, const check::CheckResult& result, const CheckOutputOptions& options);
// GitLab Code Quality (a JSON array of issues with check_name, fingerprint, severity, location).
void write_check_gitlab(std::ostream& out, const check::CheckResult& result, const CheckOutputOptions& options);

// GitHub code scanning accepts at most this many results per run; the rest are counted in a
// notification instead of being silently dropped by the upload.
inline constexpr std::size_t max_sarif_results = 25000;

using CheckWriter = void(std::ostream& out, const check::CheckResult& result, const CheckOutputOptions& options);
// text (the default; github when GITHUB_ACTIONS=true: the caller's choice), json, sarif, junit,
// github, gitlab.
FormatTable<CheckWriter> check_formats();

// One diagnostic rendered as text (no colour), as the text format prints it.
std::string render_diagnostic(const diag::Diagnostic& d, const std::string& path_prefix, bool color = false);

// "examples.unexus.systems.crm" for "examples/unexus/systems/crm.yaml": a JUnit classname that
// Jenkins shows as a package tree.
std::string junit_classname(std::string_view path);

// Escaping for GitHub workflow commands: message data, and property values.
std::string github_escape_data(std::string_view text);
std::string github_escape_property(std::string_view text);
// XML text and attribute escaping.
std::string xml_escape(std::string_view text);

}  // namespace gdprctl::output
