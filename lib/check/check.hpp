#pragma once

#include "diag/diagnostic.hpp"
#include "time/date.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace gdprctl::check {

enum class FailOn { error, warning, never };

struct CheckOptions {
    std::vector<std::string> paths;          // files or folders; empty: the workspace
    std::string workspace;                   // --workspace (empty: discover from the paths)
    std::vector<std::string> disabled_rules; // --disable/--ignore, added to gdpr.yaml settings.disable
    std::vector<std::string> selected_rules; // --select: only these rules (empty: all)
    // --as-of or the clock; the lints read it as a day in the workspace's zone (reg::workspace_zone).
    time::DateTime now;
    unsigned threads = 0;
};

struct CheckResult {
    std::filesystem::path root;
    std::vector<std::string> files;               // register files checked, relative to root
    std::vector<diag::Diagnostic> diagnostics;    // sorted, with severity, article and source line
    std::string rules_url;                        // settings.rules_url of gdpr.yaml
    // settings.severity of gdpr.yaml, already applied to the findings; SARIF states them as
    // rule configuration overrides, JSON lists them.
    std::vector<diag::SeverityOverride> severity_overrides;
    // Findings silenced by an inline `# gdprctl: ignore[rule] reason`; `hint` holds the reason.
    // They decide no exit code and appear in JSON and SARIF as suppressed.
    std::vector<diag::Diagnostic> suppressed;
    std::size_t errors() const;
    std::size_t warnings() const;
};

// Loads the workspace's register, lints it and keeps the findings under the given paths.
// Throws UsageError for an unknown rule id in --disable, --select, settings.disable or
// settings.severity or an unknown settings.timezone, and EnvironmentError when no workspace holds the paths.
CheckResult run_check(const CheckOptions& options);

// Exit status per design: 1 when a finding reaches the --fail-on level, else 0.
int exit_status(const CheckResult& result, FailOn fail_on);
FailOn parse_fail_on(const std::string& text);  // UsageError when not error|warning|never

}  // namespace gdprctl::check
