#include "check/check.hpp"

#include "check/suppressions.hpp"

#include "errors.hpp"
#include "register/loader.hpp"
#include "register/schemas.hpp"
#include "register/workspace.hpp"
#include "rules/catalogue.hpp"
#include "rules/lint.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iterator>

namespace gdprctl::check {
namespace fs = std::filesystem;

std::size_t CheckResult::errors() const {
    return static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(), [](const auto& d) {
        return d.severity == diag::Severity::error;
    }));
}

std::size_t CheckResult::warnings() const {
    return static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(), [](const auto& d) {
        return d.severity == diag::Severity::warning;
    }));
}

namespace {

void validate_rule_ids(const std::vector<std::string>& ids, std::string_view source) {
    for (const auto& id : ids)
        if (!rules::find_rule(id))
            throw UsageError(fmt::format("{} names unknown rule `{}`", source, id), rules::suggest_rule(id));
}

// The '/'-separated path of `path` relative to `root`, or nullopt when it lies outside.
std::optional<std::string> relative_inside(const fs::path& path, const fs::path& root) {
    auto relative = fs::weakly_canonical(path).lexically_relative(fs::weakly_canonical(root));
    if (relative.empty()) return std::nullopt;
    auto text = relative.generic_string();
    if (text == ".") return std::string{};
    if (text.rfind("..", 0) == 0) return std::nullopt;
    return text;
}

// The workspace's copy of the editor schemas (.schemas/, written by init and `schema write`) older
// than the binary's. A workspace without the folder is not told anything: the schemas are optional.
void outdated_schemas(const fs::path& root, std::vector<diag::Diagnostic>& diagnostics) {
    auto current = reg::schema_version();
    for (const auto& name : reg::schema_names()) {
        auto path = root / reg::schema_folder / name;
        std::error_code ec;
        if (!fs::is_regular_file(fs::symlink_status(path, ec))) continue;
        std::ifstream in(path, std::ios::binary);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        auto version = reg::schema_version_of(text).value_or(0);
        if (version >= current) continue;
        diag::Diagnostic d;
        d.rule_id = "schema-outdated";
        d.path = fmt::format("{}/{}", reg::schema_folder, name);
        d.message = fmt::format("the workspace's `{}` is version {}; gdprctl {} has version {}", name, version,
                                GDPRCTL_VERSION, current);
        d.hint = "run `gdprctl schema write` and commit .schemas/";
        diagnostics.push_back(std::move(d));
    }
}

}  // namespace

CheckResult run_check(const CheckOptions& options) {
    validate_rule_ids(options.disabled_rules, "--disable");
    validate_rule_ids(options.selected_rules, "--select");
    for (const auto& path : options.paths) {
        std::error_code ec;
        if (!fs::exists(path, ec))
            throw UsageError(fmt::format("no such file or folder: `{}`", path), "pass a register file or folder");
    }
    fs::path start = options.paths.empty() ? fs::current_path() : fs::path(options.paths.front());
    if (!fs::is_directory(start)) start = start.parent_path().empty() ? fs::path(".") : start.parent_path();

    CheckResult result;
    result.root = reg::find_workspace(options.workspace, start);

    std::vector<std::string> scopes;  // relative prefixes to report on; "" is everything
    for (const auto& path : options.paths) {
        auto inside = relative_inside(path, result.root);
        if (!inside)
            throw UsageError(fmt::format("`{}` is outside the workspace `{}`", path, result.root.string()),
                             "check each workspace separately, or pass --workspace");
        scopes.push_back(*inside);
    }

    // Before the load: an unknown zone is a configuration error (exit 2) at its line, and "today"
    // in it decides what the review and date rules find.
    const auto today = reg::workspace_today(result.root, options.now);
    auto loaded = reg::load_register(result.root, options.threads);
    auto& diagnostics = loaded.diagnostics;
    rules::lint(loaded.reg, today, diagnostics);
    outdated_schemas(result.root, diagnostics);
    // A mistake in gdpr.yaml's settings is a configuration error (exit 2) at its line: the check
    // would otherwise report with levels or rules the workspace did not ask for.
    auto settings_error = [&](diag::Position pos, const std::string& message, const std::string& hint) {
        auto file = (result.root / reg::workspace_marker).lexically_proximate(fs::current_path()).generic_string();
        return UsageError(fmt::format("{}:{}:{}: {}", file, pos.line, pos.col, message), hint);
    };
    const auto& overrides = loaded.reg.settings.severity;
    if (auto problem = rules::check_severity_overrides(overrides))
        throw settings_error(problem->at->pos, problem->message, problem->hint);
    rules::apply_catalogue(diagnostics, overrides);
    result.severity_overrides = overrides;

    result.rules_url = loaded.reg.settings.rules_url;
    std::vector<std::string> disabled;
    for (const auto& rule : loaded.reg.settings.disabled_rules) {
        if (!rules::find_rule(rule.id))
            throw settings_error(rule.pos, fmt::format("settings.disable names unknown rule `{}`", rule.id),
                                 rules::suggest_rule(rule.id));
        disabled.push_back(rule.id);
    }
    disabled.insert(disabled.end(), options.disabled_rules.begin(), options.disabled_rules.end());
    auto active = [&](const std::string& rule) {
        if (std::find(disabled.begin(), disabled.end(), rule) != disabled.end()) return false;
        return options.selected_rules.empty() ||
               std::find(options.selected_rules.begin(), options.selected_rules.end(), rule) !=
                   options.selected_rules.end();
    };
    auto in_scope = [&](const std::string& file) {
        if (scopes.empty()) return true;
        return std::any_of(scopes.begin(), scopes.end(), [&](const std::string& scope) {
            return scope.empty() || file == scope || file.rfind(scope + "/", 0) == 0;
        });
    };
    auto dropped = [&](const diag::Diagnostic& d) { return !active(d.rule_id) || (!d.path.empty() && !in_scope(d.path)); };
    std::erase_if(diagnostics, dropped);
    for (const auto& file : loaded.reg.files)
        if (in_scope(file)) result.files.push_back(file);

    std::vector<check::Suppression> suppressions;
    // From the texts the loader read (safely, once), never by opening a path again.
    for (std::size_t i = 0; i < loaded.reg.files.size() && i < loaded.texts.size(); ++i)
        if (in_scope(loaded.reg.files[i]) && !loaded.texts[i].empty()) {
            auto found = find_suppressions(loaded.texts[i], loaded.reg.files[i]);
            std::move(found.begin(), found.end(), std::back_inserter(suppressions));
        }
    std::vector<std::string> active_rules;
    for (auto id : rules::rule_ids())
        if (active(std::string(id))) active_rules.emplace_back(id);
    auto outcome = apply_suppressions(std::move(diagnostics), std::move(suppressions), active_rules);
    diagnostics = std::move(outcome.kept);
    rules::apply_catalogue(diagnostics, overrides);  // the suppression findings' own levels and articles
    std::erase_if(diagnostics, dropped);

    diag::sort_diagnostics(diagnostics);
    const auto sources = loaded.sources();
    diag::attach_source_lines(diagnostics, sources);
    diag::sort_diagnostics(outcome.suppressed);
    diag::attach_source_lines(outcome.suppressed, sources);
    result.diagnostics = std::move(diagnostics);
    result.suppressed = std::move(outcome.suppressed);
    return result;
}

int exit_status(const CheckResult& result, FailOn fail_on) {
    switch (fail_on) {
        case FailOn::never: return 0;
        case FailOn::warning: return result.errors() + result.warnings() > 0 ? 1 : 0;
        case FailOn::error: return result.errors() > 0 ? 1 : 0;
    }
    return 0;
}

FailOn parse_fail_on(const std::string& text) {
    if (text == "error") return FailOn::error;
    if (text == "warning") return FailOn::warning;
    if (text == "never") return FailOn::never;
    throw UsageError(fmt::format("--fail-on `{}` is not a level", text), "use one of: error, warning, never");
}

}  // namespace gdprctl::check
