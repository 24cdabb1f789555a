#pragma once

#include "check/check.hpp"
#include "output/format_table.hpp"

#include <ostream>
#include <string>

namespace gdprctl::output {

struct CheckOutputOptions {
    std::string path_prefix;  // prepended to workspace-relative paths for people and CI (e.g. "examples/unexus/")
    check::FailOn fail_on = check::FailOn::error;
    bool color = false;
    bool quiet = false;  // text: no summary line
};

// path:line:col: severity[rule]: message (article), the source line, a caret and the hint.
void write_check_text(std::ostream& out, const check::CheckResult& result, const CheckOutputOptions& options);
void write_check_json(std::ostream& out, const check::CheckResult& result, const CheckOutputOptions& options);
// SARIF 2.1.0 as GitHub code scanning reads it; locations are relative to the workspace.
void write_check_sarif(std::ostream& out, const check::CheckResult& result, const CheckOutputOptions& options);
// JUnit XML: one test suite per file, one test case per file x rule; findings at or above
// --fail-on are failures, the rest system-out.
void write_check_junit(std::ostream& out, const check::CheckResult& result, const CheckOutputOptions& options);
// GitHub Actions workflow commands (::error file=...::message), escaped.
void write_check_github(std::ostream& out, const check::CheckResult& result, const CheckOutputOptions& options);

using CheckWriter = void(std::ostream& out, const check::CheckResult& result, const CheckOutputOptions& options);
// text (the default; github when GITHUB_ACTIONS=true: the caller's choice), json, sarif, junit, github.
FormatTable<CheckWriter> check_formats();

// One diagnostic rendered as text (no colour), as the text format prints it.
std::string render_diagnostic(const diag::Diagnostic& d, const std::string& path_prefix, bool color = false);

// Escaping for GitHub workflow commands: message data, and property values.
std::string github_escape_data(std::string_view text);
std::string github_escape_property(std::string_view text);
// XML text and attribute escaping.
std::string xml_escape(std::string_view text);

}  // namespace gdprctl::output
