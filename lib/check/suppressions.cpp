#include "check/suppressions.hpp"

#include "rules/catalogue.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace gdprctl::check {
namespace {

constexpr std::string_view marker = "gdprctl:";

std::string_view trim(std::string_view text) {
    auto begin = text.find_first_not_of(" \t\r");
    if (begin == std::string_view::npos) return {};
    auto end = text.find_last_not_of(" \t\r");
    return text.substr(begin, end - begin + 1);
}

// Where the YAML comment of `line` starts: a `#` at the start or after a blank, outside quotes.
std::size_t comment_start(std::string_view line) {
    bool single = false, dbl = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (dbl && c == '\\') {
            ++i;
            continue;
        }
        if (c == '"' && !single) dbl = !dbl;
        if (c == '\'' && !dbl) single = !single;
        if (c == '#' && !single && !dbl && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) return i;
    }
    return std::string_view::npos;
}

std::size_t indent_of(std::string_view line) {
    auto first = line.find_first_not_of(" \t");
    return first == std::string_view::npos ? line.size() : first;
}

bool is_blank_or_comment(std::string_view line) {
    auto content = trim(line);
    return content.empty() || content.front() == '#';
}

}  // namespace

std::vector<Suppression> find_suppressions(std::string_view text, const std::string& path) {
    std::vector<std::string_view> lines;
    for (std::size_t start = 0; start <= text.size();) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    std::vector<Suppression> found;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        auto line = lines[i];
        if (line.find(marker) == std::string_view::npos) continue;  // the common case, cheaply
        auto hash = comment_start(line);
        if (hash == std::string_view::npos) continue;
        auto comment = trim(line.substr(hash + 1));
        if (comment.substr(0, marker.size()) != marker) continue;
        auto directive = trim(comment.substr(marker.size()));
        if (directive.substr(0, 7) != "ignore[") continue;
        auto close = directive.find(']');
        if (close == std::string_view::npos) continue;

        Suppression suppression;
        suppression.path = path;
        suppression.pos = {static_cast<int>(i + 1), static_cast<int>(hash + 1)};
        auto list = directive.substr(7, close - 7);
        for (std::size_t start = 0; start <= list.size();) {
            auto comma = list.find(',', start);
            if (comma == std::string_view::npos) comma = list.size();
            auto id = trim(list.substr(start, comma - start));
            if (!id.empty()) suppression.rules.emplace_back(id);
            start = comma + 1;
        }
        suppression.reason = std::string(trim(directive.substr(close + 1)));

        // The covered line: this one, or for a comment alone on its line the next line with content.
        std::size_t covered = i;
        if (trim(line.substr(0, hash)).empty()) {
            covered = i + 1;
            while (covered < lines.size() && is_blank_or_comment(lines[covered])) ++covered;
            if (covered == lines.size()) covered = i;
        }
        suppression.first_line = suppression.last_line = static_cast<int>(covered + 1);
        auto content = trim(lines[covered]);
        if (content.substr(0, 2) == "- " || content == "-") {
            // An entity: every following line indented deeper than its dash belongs to it.
            auto dash = indent_of(lines[covered]);
            std::size_t last = covered;
            for (std::size_t next = covered + 1; next < lines.size(); ++next) {
                if (is_blank_or_comment(lines[next])) continue;
                if (indent_of(lines[next]) <= dash) break;
                last = next;
            }
            suppression.last_line = static_cast<int>(last + 1);
        }
        found.push_back(std::move(suppression));
    }
    return found;
}

SuppressionOutcome apply_suppressions(std::vector<diag::Diagnostic> diagnostics, std::vector<Suppression> suppressions,
                                      const std::vector<std::string>& active_rules) {
    SuppressionOutcome outcome;
    auto finding = [](const Suppression& s, std::string rule, std::string message, std::string hint) {
        diag::Diagnostic d;
        d.rule_id = std::move(rule);
        d.path = s.path;
        d.pos = s.pos;
        d.message = std::move(message);
        d.hint = std::move(hint);
        return d;
    };
    std::vector<Suppression*> valid;
    for (auto& s : suppressions) {
        bool ok = true;
        if (s.rules.empty()) {
            outcome.kept.push_back(finding(s, "suppression-invalid", "a suppression names no rule",
                                           "write `# gdprctl: ignore[rule-id] reason`"));
            ok = false;
        }
        for (const auto& rule : s.rules)
            if (!rules::find_rule(rule)) {
                outcome.kept.push_back(finding(s, "suppression-invalid",
                                               fmt::format("a suppression names unknown rule `{}`", rule),
                                               rules::suggest_rule(rule)));
                ok = false;
            }
        if (s.reason.empty()) {
            outcome.kept.push_back(finding(s, "suppression-invalid",
                                           fmt::format("the suppression of {} gives no reason", fmt::join(s.rules, ", ")),
                                           "say why after the bracket: `# gdprctl: ignore[rule-id] why this is acceptable`"));
            ok = false;
        }
        if (ok) valid.push_back(&s);
    }
    for (auto& d : diagnostics) {
        Suppression* match = nullptr;
        if (d.pos.known())
            for (auto* s : valid)
                if (s->path == d.path && d.pos.line >= s->first_line && d.pos.line <= s->last_line &&
                    std::find(s->rules.begin(), s->rules.end(), d.rule_id) != s->rules.end()) {
                    match = s;
                    break;
                }
        if (match) {
            match->used = true;
            d.hint = match->reason;
            outcome.suppressed.push_back(std::move(d));
        } else {
            outcome.kept.push_back(std::move(d));
        }
    }
    for (const auto* s : valid) {
        if (s->used) continue;
        bool active = std::any_of(s->rules.begin(), s->rules.end(), [&](const std::string& rule) {
            return std::find(active_rules.begin(), active_rules.end(), rule) != active_rules.end();
        });
        if (!active) continue;
        outcome.kept.push_back(finding(*s, "suppression-unused",
                                       fmt::format("the suppression of {} matches no finding here", fmt::join(s->rules, ", ")),
                                       "remove the comment, so that it cannot hide a later finding"));
    }
    return outcome;
}

}  // namespace gdprctl::check
