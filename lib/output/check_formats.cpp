#include "output/check_formats.hpp"

#include "output/json_writer.hpp"
#include "output/rules_formats.hpp"
#include "output/terminal.hpp"
#include "rules/catalogue.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <set>

namespace gdprctl::output {
namespace {

constexpr const char* reset = "\x1b[0m";
constexpr const char* bold = "\x1b[1m";

const char* severity_colour(diag::Severity severity) {
    switch (severity) {
        case diag::Severity::error: return "\x1b[1;31m";
        case diag::Severity::warning: return "\x1b[1;33m";
        case diag::Severity::note: return "\x1b[1;36m";
    }
    return "";
}

std::string location_of(const diag::Diagnostic& d, const std::string& prefix) {
    if (!d.pos.known()) return finding_path(d, prefix);
    return fmt::format("{}:{}:{}", finding_path(d, prefix), d.pos.line, d.pos.col);
}

bool at_or_above(diag::Severity severity, check::FailOn fail_on) {
    switch (fail_on) {
        case check::FailOn::never: return false;
        case check::FailOn::warning: return severity != diag::Severity::note;
        case check::FailOn::error: return severity == diag::Severity::error;
    }
    return false;
}

std::string_view sarif_level(diag::Severity severity) {
    switch (severity) {
        case diag::Severity::error: return "error";
        case diag::Severity::warning: return "warning";
        case diag::Severity::note: return "note";
    }
    return "error";
}

// FNV-1a, for stable fingerprints that do not move when lines above a finding change.
std::string fingerprint(std::string_view text) {
    std::uint64_t hash = 1469598103934665603ULL;
    for (unsigned char c : text) {
        hash ^= c;
        hash *= 1099511628211ULL;
    }
    return fmt::format("{:016x}", hash);
}

std::string trim(std::string_view text) {
    auto begin = text.find_first_not_of(" \t");
    if (begin == std::string_view::npos) return {};
    auto end = text.find_last_not_of(" \t");
    return std::string(text.substr(begin, end - begin + 1));
}

// A stable key for one finding: it does not move when lines above the finding change.
std::string finding_key(const diag::Diagnostic& d) {
    return fmt::format("{}|{}|{}|{}", d.rule_id, d.path, trim(d.source_line), d.message);
}

// "retention-undetermined" -> "RetentionUndetermined": SARIF's rule name, an identifier people read.
std::string camel_name(std::string_view id) {
    std::string out;
    bool upper = true;
    for (char c : id) {
        if (c == '-' || c == '_' || c == '.') {
            upper = true;
            continue;
        }
        out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
        upper = false;
    }
    return out;
}

// Tags for code scanning's filters: the kind of rule and each article it rests on ("gdpr-art-30").
std::vector<std::string> rule_tags(const rules::RuleInfo& rule) {
    std::vector<std::string> tags{rule.structural ? "register-format" : "gdpr", "compliance"};
    static const std::regex article(R"(Art\. ([0-9]+))");
    std::string text(rule.article);
    bool gdpr = text.rfind("GDPR", 0) == 0;
    for (std::sregex_iterator it(text.begin(), text.end(), article), end; it != end; ++it) {
        auto tag = fmt::format("{}-art-{}", gdpr ? "gdpr" : "law", (*it)[1].str());
        if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(tag);
    }
    return tags;
}

std::size_t count_of(const check::CheckResult& result, diag::Severity severity) {
    return static_cast<std::size_t>(std::count_if(result.diagnostics.begin(), result.diagnostics.end(),
                                                  [&](const auto& d) { return d.severity == severity; }));
}

struct RuleCount {
    std::string_view rule;
    diag::Severity severity;
    std::size_t count;
};

// Findings per rule, most frequent first (then by id), for --statistics and the JSON document.
std::vector<RuleCount> rule_counts(const check::CheckResult& result) {
    std::map<std::string_view, RuleCount> by_rule;
    for (const auto& d : result.diagnostics) {
        auto [it, added] = by_rule.try_emplace(d.rule_id, RuleCount{d.rule_id, d.severity, 0});
        ++it->second.count;
    }
    std::vector<RuleCount> counts;
    for (const auto& [rule, count] : by_rule) counts.push_back(count);
    std::stable_sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) { return a.count > b.count; });
    return counts;
}

}  // namespace

std::string finding_path(const diag::Diagnostic& d, const std::string& prefix) {
    return prefix + (d.path.empty() ? std::string("gdpr.yaml") : d.path);
}

std::string render_diagnostic(const diag::Diagnostic& d, const std::string& path_prefix, bool color) {
    std::string out;
    auto severity = diag::to_string(d.severity);
    // Paths, messages, hints and source lines carry register text: escaped, so that a file name
    // with a newline cannot forge a line and an escape sequence cannot reach the terminal.
    const auto location = terminal_escape(location_of(d, path_prefix));
    const auto message = terminal_escape(d.message);
    // A very long line (minified YAML, a 200 KB flow list) is shown as a window around the column.
    constexpr std::size_t window = 160;
    std::string_view shown_line = d.source_line;
    std::size_t column = static_cast<std::size_t>(std::max(0, d.pos.col - 1));
    bool cut_front = false, cut_back = false;
    if (shown_line.size() > 2 * window) {
        std::size_t begin = column > window / 2 ? std::min(column - window / 2, shown_line.size() - window) : 0;
        cut_front = begin > 0;
        cut_back = begin + window < shown_line.size();
        shown_line = shown_line.substr(begin, window);
        column -= std::min(column, begin);
    }
    const auto source_line = (cut_front ? "..." : "") + terminal_escape(shown_line, true) + (cut_back ? "..." : "");
    if (color)
        out += fmt::format("{}{}:{} {}{}[{}]:{} {}", bold, location, reset, severity_colour(d.severity), severity,
                           d.rule_id, reset, message);
    else
        out += fmt::format("{}: {}[{}]: {}", location, severity, d.rule_id, message);
    if (!d.article.empty()) out += fmt::format(" ({})", d.article);
    out += '\n';
    if (d.pos.known() && !source_line.empty()) {
        out += fmt::format("    {}\n    ", source_line);
        // Keep tabs so the caret lines up under the same column (of the escaped line: an escape
        // before the column widens it).
        auto prefix = (cut_front ? "..." : "") +
                      terminal_escape(shown_line.substr(0, std::min(shown_line.size(), column)), true);
        for (char c : prefix) out += c == '\t' ? '\t' : ' ';
        out += color ? fmt::format("{}^{}\n", severity_colour(d.severity), reset) : std::string("^\n");
    }
    if (!d.hint.empty()) out += fmt::format("  hint: {}\n", terminal_escape(d.hint));
    return out;
}

void write_check_text(std::ostream& out, const check::CheckResult& result, const CheckOutputOptions& options) {
    const auto& prefix = options.text_prefix ? *options.text_prefix : options.path_prefix;
    if (options.statistics) {
        auto counts = rule_counts(result);
        std::size_t width = 0;
        for (const auto& count : counts) width = std::max(width, count.rule.size());
        for (const auto& count : counts)
            out << fmt::format("{:>6}  {:<{}}  {}\n", count.count, count.rule, width, diag::to_string(count.severity));
    } else {
        for (const auto& d : result.diagnostics) out << render_diagnostic(d, prefix, options.color);
    }
    if (options.quiet) return;
    auto errors = result.errors(), warnings = result.warnings();
    auto files = result.files.size();
    if (result.diagnostics.empty())
        out << fmt::format("{} register file{} checked: no findings\n", files, files == 1 ? "" : "s");
    else
        out << fmt::format("{} error{}, {} warning{} in {} register file{}\n", errors, errors == 1 ? "" : "s", warnings,
                           warnings == 1 ? "" : "s", files, files == 1 ? "" : "s");
    if (!result.suppressed.empty())
        out << fmt::format("{} finding{} suppressed inline with a reason (see --format json)\n", result.suppressed.size(),
                           result.suppressed.size() == 1 ? "" : "s");
}

void write_check_json(std::ostream& out, const check::CheckResult& result, const CheckOutputOptions& options) {
    JsonWriter json(out);
    json.begin_object();
    // The document's format version (schemas/check-output.schema.json): raised when a field changes
    // meaning or goes away, not when one is added.
    json.field("version", 1);
    json.key("tool").begin_object().field("name", "gdprctl").field("version", GDPRCTL_VERSION).end_object();
    auto workspace = options.path_prefix.empty() ? std::string(".") : options.path_prefix.substr(0, options.path_prefix.size() - 1);
    json.field("workspace", workspace);
    json.field("files_checked", result.files.size());
    json.key("summary").begin_object();
    json.field("errors", result.errors()).field("warnings", result.warnings()).field("notes", count_of(result, diag::Severity::note));
    json.end_object();
    json.key("statistics").begin_array();
    for (const auto& count : rule_counts(result))
        json.begin_object().field("rule", count.rule).field("severity", diag::to_string(count.severity)).field("count", count.count).end_object();
    json.end_array();
    // settings.severity: the findings below already carry these levels; `default` is the catalogue's.
    json.key("severity_overrides").begin_array();
    for (const auto& entry : result.severity_overrides) {
        json.begin_object().field("rule", entry.rule).field("severity", diag::to_string(entry.level));
        if (const auto* rule = rules::find_rule(entry.rule)) json.field("default", diag::to_string(rule->severity));
        json.end_object();
    }
    json.end_array();
    auto write_finding = [&](const diag::Diagnostic& d, bool suppressed) {
        json.begin_object();
        json.field("rule", d.rule_id);
        json.field("severity", diag::to_string(d.severity));
        json.field("path", finding_path(d, options.path_prefix));
        json.field("line", d.pos.line).field("column", d.pos.col);
        json.field("message", d.message);
        json.field("article", d.article);
        json.field(suppressed ? "justification" : "hint", d.hint);
        json.end_object();
    };
    json.key("diagnostics").begin_array();
    for (const auto& d : result.diagnostics) write_finding(d, false);
    json.end_array();
    // Findings silenced by `# gdprctl: ignore[rule] reason`, with the reason: they decide no exit code.
    json.key("suppressed").begin_array();
    for (const auto& d : result.suppressed) write_finding(d, true);
    json.end_array();
    json.end_object();
}

void write_check_sarif(std::ostream& out, const check::CheckResult& result, const CheckOutputOptions& options) {
    const auto& rules = rules::catalogue();
    JsonWriter json(out);
    json.begin_object();
    json.field("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    json.field("version", "2.1.0");
    json.key("runs").begin_array().begin_object();
    json.key("tool").begin_object().key("driver").begin_object();
    json.field("name", "gdprctl");
    json.field("version", GDPRCTL_VERSION);
    json.field("semanticVersion", GDPRCTL_VERSION);
    json.key("rules").begin_array();
    for (const auto& rule : rules) {
        json.begin_object();
        json.field("id", rule.id);
        json.field("name", camel_name(rule.id));
        json.key("shortDescription").begin_object().field("text", rule.title).end_object();
        json.key("fullDescription").begin_object().field("text", rule.why).end_object();
        json.key("help").begin_object();
        json.field("text", rule_help_text(rule));
        json.field("markdown", rule_help_markdown(rule));
        json.end_object();
        if (!options.help_uri_base.empty()) json.field("helpUri", options.help_uri_base + std::string(rule.id));
        json.key("defaultConfiguration").begin_object().field("level", sarif_level(rule.severity)).end_object();
        json.key("properties").begin_object();
        json.key("tags").begin_array();
        for (const auto& tag : rule_tags(rule)) json.value(tag);
        json.end_array();
        // Format rules are exact; a legal lint reads what the register says, which may be incomplete.
        json.field("precision", rule.structural ? "very-high" : "high");
        json.field("problem.severity", rule.severity == diag::Severity::error     ? "error"
                                       : rule.severity == diag::Severity::warning ? "warning"
                                                                                  : "recommendation");
        json.field("article", rule.article);
        json.end_object();
        json.end_object();
    }
    json.end_array();
    json.end_object().end_object();  // driver, tool

    // Suppressed findings are results too, with their justification: code scanning shows them as
    // dismissed instead of losing them.
    std::vector<const diag::Diagnostic*> findings;
    for (const auto& d : result.diagnostics) findings.push_back(&d);
    for (const auto& d : result.suppressed) findings.push_back(&d);
    const auto total = findings.size();
    const auto written = std::min(total, max_sarif_results);
    json.key("invocations").begin_array().begin_object();
    json.field("executionSuccessful", true);
    // settings.severity, as SARIF says it: the rules keep their default level, the run overrides it
    // (and each result carries the level it was given).
    if (!result.severity_overrides.empty()) {
        json.key("ruleConfigurationOverrides").begin_array();
        for (const auto& entry : result.severity_overrides) {
            json.begin_object();
            json.key("descriptor").begin_object().field("id", entry.rule);
            for (std::size_t i = 0; i < rules.size(); ++i)
                if (rules[i].id == entry.rule) json.field("index", i);
            json.end_object();
            json.key("configuration").begin_object().field("level", sarif_level(entry.level)).end_object();
            json.end_object();
        }
        json.end_array();
    }
    if (written < total) {
        json.key("toolExecutionNotifications").begin_array().begin_object();
        json.field("level", "warning");
        json.key("message").begin_object();
        json.field("text", fmt::format("{} of {} findings are written: code scanning accepts at most {} results per "
                                       "run. Run `gdprctl check` for all of them.",
                                       written, total, max_sarif_results));
        json.end_object();
        json.end_object().end_array();
    }
    json.end_object().end_array();

    if (options.repository.is_git && !options.repository.remote_uri.empty()) {
        json.key("versionControlProvenance").begin_array().begin_object();
        json.field("repositoryUri", options.repository.remote_uri);
        if (!options.repository.revision.empty()) json.field("revisionId", options.repository.revision);
        if (!options.repository.branch.empty()) json.field("branch", options.repository.branch);
        json.end_object().end_array();
    }

    json.key("results").begin_array();
    std::map<std::string, int> seen;  // disambiguates identical fingerprints
    for (std::size_t n = 0; n < written; ++n) {
        const auto& d = *findings[n];
        bool suppressed = n >= result.diagnostics.size();
        json.begin_object();
        json.field("ruleId", d.rule_id);
        for (std::size_t i = 0; i < rules.size(); ++i)
            if (rules[i].id == d.rule_id) json.field("ruleIndex", i);
        json.field("level", sarif_level(d.severity));
        std::string text = d.message;
        if (!d.article.empty()) text += fmt::format(" ({})", d.article);
        if (!d.hint.empty() && !suppressed) text += fmt::format(". Hint: {}", d.hint);
        json.key("message").begin_object().field("text", text).end_object();
        json.key("locations").begin_array().begin_object().key("physicalLocation").begin_object();
        json.key("artifactLocation").begin_object();
        json.field("uri", vcs::uri_path(finding_path(d, options.path_prefix)));
        json.end_object();
        json.key("region").begin_object();
        json.field("startLine", std::max(1, d.pos.line)).field("startColumn", std::max(1, d.pos.col));
        if (d.pos.known() && !d.source_line.empty())
            json.key("snippet").begin_object().field("text", d.source_line).end_object();
        json.end_object();
        json.end_object().end_object().end_array();
        auto key = finding_key(d);
        int occurrence = seen[key]++;
        json.key("partialFingerprints").begin_object();
        json.field("primaryLocationLineHash", fmt::format("{}:{}", fingerprint(key), occurrence + 1));
        json.end_object();
        if (suppressed) {
            json.key("suppressions").begin_array().begin_object();
            json.field("kind", "inSource").field("status", "accepted").field("justification", d.hint);
            json.end_object().end_array();
        }
        json.end_object();
    }
    json.end_array();
    json.end_object().end_array();  // run, runs
    json.end_object();
}

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (unsigned char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                if (c < 0x20 && c != '\n' && c != '\t' && c != '\r')
                    out += fmt::format("&#x{:x};", static_cast<unsigned>(0xFFFD));  // not allowed in XML 1.0
                else
                    out += static_cast<char>(c);
        }
    }
    return out;
}

std::string junit_classname(std::string_view path) {
    std::string text(path);
    if (auto dot = text.rfind('.'); dot != std::string::npos && text.find('/', dot) == std::string::npos)
        text.erase(dot);  // the extension: "crm.yaml" is the class "crm"
    std::string out;
    for (char c : text) out += c == '/' ? '.' : c == '.' ? '_' : c;
    return out;
}

void write_check_junit(std::ostream& out, const check::CheckResult& result, const CheckOutputOptions& options) {
    // file -> rule -> findings, in the order of the (sorted) findings.
    std::map<std::string, std::map<std::string, std::vector<const diag::Diagnostic*>>> by_file;
    std::set<std::string> files;
    for (const auto& file : result.files) files.insert(options.path_prefix + file);
    for (const auto& d : result.diagnostics) {
        auto path = finding_path(d, options.path_prefix);
        files.insert(path);
        by_file[path][d.rule_id].push_back(&d);
    }
    std::size_t tests = 0, failures = 0, skipped = 0;
    std::string body;
    for (const auto& file : files) {
        std::size_t suite_tests = 0, suite_failures = 0, suite_skipped = 0;
        std::string cases;
        auto classname = xml_escape(junit_classname(file));
        auto file_it = by_file.find(file);
        if (file_it == by_file.end()) {
            // A clean file is one passing test, so that it shows as checked.
            ++suite_tests;
            cases += fmt::format("    <testcase classname=\"{}\" name=\"gdprctl check\" file=\"{}\"/>\n", classname,
                                 xml_escape(file));
        } else {
            for (const auto& [rule, findings] : file_it->second) {
                ++suite_tests;
                std::string failing, passing;
                const diag::Diagnostic* first_failing = nullptr;
                for (const auto* d : findings) {
                    bool fails = at_or_above(d->severity, options.fail_on);
                    if (fails && !first_failing) first_failing = d;
                    (fails ? failing : passing) += render_diagnostic(*d, options.path_prefix);
                }
                cases += fmt::format("    <testcase classname=\"{}\" name=\"{}\" file=\"{}\" line=\"{}\">\n", classname,
                                     xml_escape(rule), xml_escape(file), std::max(1, findings.front()->pos.line));
                if (first_failing) {
                    ++suite_failures;
                    cases += fmt::format("      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                                         diag::to_string(first_failing->severity), xml_escape(first_failing->message),
                                         xml_escape(failing + passing));
                } else {
                    // Below --fail-on: not a failure, but shown (as skipped with its message) rather than
                    // hidden in system-out, which CI dashboards fold away.
                    ++suite_skipped;
                    const auto* first = findings.front();
                    cases += fmt::format("      <skipped message=\"{}: {}\"/>\n", diag::to_string(first->severity),
                                         xml_escape(first->message));
                    cases += fmt::format("      <system-out>{}</system-out>\n", xml_escape(passing));
                }
                cases += "    </testcase>\n";
            }
        }
        tests += suite_tests;
        failures += suite_failures;
        skipped += suite_skipped;
        body += fmt::format(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">\n{}  </testsuite>\n",
            xml_escape(file), suite_tests, suite_failures, suite_skipped, cases);
    }
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out << fmt::format(
        "<testsuites name=\"gdprctl check\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">\n{}</testsuites>\n",
        tests, failures, skipped, body);
}

std::string github_escape_data(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '%': out += "%25"; break;
            case '\r': out += "%0D"; break;
            case '\n': out += "%0A"; break;
            default: out += c;
        }
    }
    return out;
}

std::string github_escape_property(std::string_view text) {
    std::string out;
    for (char c : github_escape_data(text)) {
        switch (c) {
            case ':': out += "%3A"; break;
            case ',': out += "%2C"; break;
            default: out += c;
        }
    }
    return out;
}

void write_check_github(std::ostream& out, const check::CheckResult& result, const CheckOutputOptions& options) {
    for (const auto& d : result.diagnostics) {
        std::string_view command = d.severity == diag::Severity::error     ? "error"
                                   : d.severity == diag::Severity::warning ? "warning"
                                                                           : "notice";
        std::string file = finding_path(d, options.path_prefix);
        std::string properties = fmt::format("file={}", github_escape_property(file));
        if (d.pos.known()) properties += fmt::format(",line={},col={}", d.pos.line, d.pos.col);
        properties += fmt::format(",title={}", github_escape_property(fmt::format("{} ({})", d.rule_id, d.article)));
        std::string message = d.message;
        if (!d.hint.empty()) message += "\nhint: " + d.hint;
        out << fmt::format("::{} {}::{}\n", command, properties, github_escape_data(message));
    }
}

void write_check_gitlab(std::ostream& out, const check::CheckResult& result, const CheckOutputOptions& options) {
    JsonWriter json(out);
    json.begin_array();
    std::map<std::string, int> seen;
    for (const auto& d : result.diagnostics) {
        auto key = finding_key(d);
        int occurrence = seen[key]++;
        json.begin_object();
        std::string description = d.message;
        if (!d.article.empty()) description += fmt::format(" ({})", d.article);
        json.field("description", description);
        json.field("check_name", d.rule_id);
        // Unique per finding (GitLab shows only the first of equal fingerprints), stable across runs.
        json.field("fingerprint", fmt::format("{}{}", fingerprint(key), fingerprint(fmt::format("{}#{}", key, occurrence))));
        json.field("severity", d.severity == diag::Severity::error     ? "major"
                               : d.severity == diag::Severity::warning ? "minor"
                                                                       : "info");
        json.key("location").begin_object();
        json.field("path", finding_path(d, options.path_prefix));
        json.key("lines").begin_object().field("begin", std::max(1, d.pos.line)).end_object();
        json.end_object();
        json.end_object();
    }
    json.end_array();
}

namespace {
constexpr Format<CheckWriter> check_rows[]{
    {"text", "", write_check_text},
    {"json", "schemas/check-output.schema.json", write_check_json},
    {"sarif", "SARIF 2.1.0 for code scanning", write_check_sarif},
    {"junit", "a test case per rule per file", write_check_junit},
    {"github", "workflow annotations", write_check_github},
    {"gitlab", "Code Quality report", write_check_gitlab},
};
}  // namespace

FormatTable<CheckWriter> check_formats() { return check_rows; }

}  // namespace gdprctl::output
