#include "output/check_formats.hpp"

#include "output/json_writer.hpp"
#include "output/terminal.hpp"
#include "rules/catalogue.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
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
    if (d.path.empty()) return prefix.empty() ? std::string("gdpr.yaml") : prefix + "gdpr.yaml";
    if (!d.pos.known()) return prefix + d.path;
    return fmt::format("{}{}:{}:{}", prefix, d.path, d.pos.line, d.pos.col);
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

}  // namespace

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
    for (const auto& d : result.diagnostics) out << render_diagnostic(d, options.path_prefix, options.color);
    if (options.quiet) return;
    auto errors = result.errors(), warnings = result.warnings();
    auto files = result.files.size();
    if (result.diagnostics.empty())
        out << fmt::format("{} register file{} checked: no findings\n", files, files == 1 ? "" : "s");
    else
        out << fmt::format("{} error{}, {} warning{} in {} register file{}\n", errors, errors == 1 ? "" : "s", warnings,
                           warnings == 1 ? "" : "s", files, files == 1 ? "" : "s");
}

void write_check_json(std::ostream& out, const check::CheckResult& result, const CheckOutputOptions&) {
    JsonWriter json(out);
    json.begin_object();
    json.field("workspace", result.root.string());
    json.field("files_checked", result.files.size());
    json.key("summary").begin_object();
    json.field("errors", result.errors()).field("warnings", result.warnings());
    json.end_object();
    json.key("diagnostics").begin_array();
    for (const auto& d : result.diagnostics) {
        json.begin_object();
        json.field("rule", d.rule_id);
        json.field("severity", diag::to_string(d.severity));
        json.field("path", d.path.empty() ? std::string("gdpr.yaml") : d.path);
        json.field("line", d.pos.line).field("column", d.pos.col);
        json.field("message", d.message);
        json.field("article", d.article);
        json.field("hint", d.hint);
        json.end_object();
    }
    json.end_array();
    json.end_object();
}

void write_check_sarif(std::ostream& out, const check::CheckResult& result, const CheckOutputOptions&) {
    const auto& rules = rules::catalogue();
    JsonWriter json(out);
    json.begin_object();
    json.field("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    json.field("version", "2.1.0");
    json.key("runs").begin_array().begin_object();
    json.key("tool").begin_object().key("driver").begin_object();
    json.field("name", "gdprctl");
    json.field("version", GDPRCTL_VERSION);
    json.field("informationUri", "https://github.com/gdprctl/gdprctl");
    json.key("rules").begin_array();
    for (const auto& rule : rules) {
        json.begin_object();
        json.field("id", rule.id);
        json.field("name", rule.id);
        json.key("shortDescription").begin_object().field("text", rule.title).end_object();
        json.key("fullDescription").begin_object().field("text", rule.why).end_object();
        json.key("help").begin_object();
        json.field("text", fmt::format("{} Fix: {} ({})", rule.why, rule.fix, rule.article));
        json.field("markdown", fmt::format("**{}** ({})\n\n{}\n\n**How to fix:** {}", rule.title, rule.article,
                                           rule.why, rule.fix));
        json.end_object();
        json.key("defaultConfiguration").begin_object().field("level", sarif_level(rule.severity)).end_object();
        json.key("properties").begin_object();
        json.key("tags").begin_array().value(rule.structural ? "format" : "gdpr").value("compliance").end_array();
        json.field("article", rule.article);
        json.end_object();
        json.end_object();
    }
    json.end_array();
    json.end_object().end_object();  // driver, tool
    json.key("originalUriBaseIds").begin_object().key("WORKSPACE").begin_object();
    json.field("uri", "file://" + result.root.string() + "/");
    json.end_object().end_object();
    json.key("results").begin_array();
    std::map<std::string, int> seen;  // disambiguates identical fingerprints
    for (const auto& d : result.diagnostics) {
        json.begin_object();
        json.field("ruleId", d.rule_id);
        for (std::size_t i = 0; i < rules.size(); ++i)
            if (rules[i].id == d.rule_id) json.field("ruleIndex", i);
        json.field("level", sarif_level(d.severity));
        std::string text = d.message;
        if (!d.article.empty()) text += fmt::format(" ({})", d.article);
        if (!d.hint.empty()) text += fmt::format(". Hint: {}", d.hint);
        json.key("message").begin_object().field("text", text).end_object();
        json.key("locations").begin_array().begin_object().key("physicalLocation").begin_object();
        json.key("artifactLocation").begin_object();
        json.field("uri", d.path.empty() ? std::string("gdpr.yaml") : d.path);
        json.field("uriBaseId", "WORKSPACE");
        json.end_object();
        json.key("region").begin_object();
        json.field("startLine", std::max(1, d.pos.line)).field("startColumn", std::max(1, d.pos.col));
        json.end_object();
        json.end_object().end_object().end_array();
        auto key = fmt::format("{}|{}|{}|{}", d.rule_id, d.path, trim(d.source_line), d.message);
        int occurrence = seen[key]++;
        json.key("partialFingerprints").begin_object();
        json.field("primaryLocationLineHash", fmt::format("{}:{}", fingerprint(key), occurrence + 1));
        json.end_object();
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

void write_check_junit(std::ostream& out, const check::CheckResult& result, const CheckOutputOptions& options) {
    // Group findings by file, then by rule.
    std::map<std::string, std::map<std::string, std::vector<const diag::Diagnostic*>>> by_file;
    std::set<std::string> files(result.files.begin(), result.files.end());
    for (const auto& d : result.diagnostics) {
        std::string path = d.path.empty() ? std::string("gdpr.yaml") : d.path;
        files.insert(path);
        by_file[path][d.rule_id].push_back(&d);
    }
    std::size_t tests = 0, failures = 0;
    std::string body;
    for (const auto& file : files) {
        std::size_t suite_failures = 0;
        std::string cases;
        for (const auto& rule : rules::catalogue()) {
            auto name = std::string(rule.id);
            std::string display = options.path_prefix + file;
            cases += fmt::format("    <testcase classname=\"{}\" name=\"{}\" file=\"{}\">\n", xml_escape(display),
                                 xml_escape(name), xml_escape(display));
            auto file_it = by_file.find(file);
            if (file_it != by_file.end()) {
                auto rule_it = file_it->second.find(name);
                if (rule_it != file_it->second.end()) {
                    std::string failing, passing;
                    for (const auto* d : rule_it->second)
                        (at_or_above(d->severity, options.fail_on) ? failing : passing) +=
                            render_diagnostic(*d, options.path_prefix);
                    if (!failing.empty()) {
                        ++suite_failures;
                        const auto* first = rule_it->second.front();
                        cases += fmt::format("      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                                             diag::to_string(first->severity), xml_escape(first->message),
                                             xml_escape(failing));
                    }
                    if (!passing.empty())
                        cases += fmt::format("      <system-out>{}</system-out>\n", xml_escape(passing));
                }
            }
            cases += "    </testcase>\n";
        }
        auto count = rules::catalogue().size();
        tests += count;
        failures += suite_failures;
        body += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n{}  </testsuite>\n",
                            xml_escape(options.path_prefix + file), count, suite_failures, cases);
    }
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out << fmt::format("<testsuites name=\"gdprctl check\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n{}</testsuites>\n",
                       tests, failures, body);
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
        std::string file = options.path_prefix + (d.path.empty() ? std::string("gdpr.yaml") : d.path);
        std::string properties = fmt::format("file={}", github_escape_property(file));
        if (d.pos.known()) properties += fmt::format(",line={},col={}", d.pos.line, d.pos.col);
        properties += fmt::format(",title={}", github_escape_property(fmt::format("{} ({})", d.rule_id, d.article)));
        std::string message = d.message;
        if (!d.hint.empty()) message += "\nhint: " + d.hint;
        out << fmt::format("::{} {}::{}\n", command, properties, github_escape_data(message));
    }
}

namespace {
constexpr Format<CheckWriter> check_rows[]{
    {"text", "", write_check_text},   {"json", "", write_check_json},     {"sarif", "", write_check_sarif},
    {"junit", "", write_check_junit}, {"github", "", write_check_github},
};
}  // namespace

FormatTable<CheckWriter> check_formats() { return check_rows; }

}  // namespace gdprctl::output
