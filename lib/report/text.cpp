#include "report/text.hpp"

#include <fmt/format.h>

namespace gdprctl::report {
namespace {

std::string count_of(std::int64_t n, std::string_view unit) {
    return fmt::format("{} {}{}", n, unit, n == 1 ? "" : "s");
}

}  // namespace

std::string humanise_duration(const time::Duration& duration) {
    std::vector<std::string> parts;
    if (duration.years) parts.push_back(count_of(duration.years, "year"));
    if (duration.months) parts.push_back(count_of(duration.months, "month"));
    // Whole weeks read better than "14 days" only when the register said weeks; it cannot be
    // told apart after parsing, so days stay days.
    if (duration.days) parts.push_back(count_of(duration.days, "day"));
    if (duration.seconds) {
        auto h = duration.seconds / 3600, m = (duration.seconds % 3600) / 60, s = duration.seconds % 60;
        if (h) parts.push_back(count_of(h, "hour"));
        if (m) parts.push_back(count_of(m, "minute"));
        if (s) parts.push_back(count_of(s, "second"));
    }
    if (parts.empty()) return "0 days";
    return join_words(parts);
}

std::string humanise_keyword(std::string_view keyword) {
    std::string out(keyword);
    for (char& c : out)
        if (c == '-' || c == '_') c = ' ';
    return out;
}

std::string humanise_retention(const model::RetentionRule& rule) {
    if (rule.undetermined) return "undetermined";
    if (!rule.period) return "not valid (see gdprctl check)";
    std::string text = humanise_duration(*rule.period);
    if (!rule.after.empty()) text += " after " + humanise_keyword(rule.after);
    if (rule.action == model::RetentionAction::anonymise) text += ", then anonymised";
    return text;
}

std::string join_words(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
        out += items[i];
    }
    return out;
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string csv_field(std::string_view text) {
    // A cell starting with = + - @ (or tab or CR, which some spreadsheets skip before them) is
    // read as a formula: the OWASP CSV-injection advice is to prefix it with a single quote and
    // quote the cell, so that it is shown as text and never executed.
    const bool formula = !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
    if (!formula && text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
    std::string out = formula ? "\"'" : "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string csv_record(const std::vector<std::string>& fields) {
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) out += ',';
        out += csv_field(fields[i]);
    }
    out += "\r\n";
    return out;
}

std::string md_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '\\':
            case '|':
            case '*':
            case '_':
            case '`':
            case '<':
            case '>':
            case '[':
            case ']':
                out += '\\';
                out += c;
                break;
            case '\r':
                break;
            case '\n':
                out += ' ';
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string md_code(std::string_view text) {
    // A pipe ends a table cell even inside a code span, so it keeps its backslash (GFM).
    std::string body;
    std::size_t run = 0, longest = 0;
    for (char c : text) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
        if (c == '|')
            body += "\\|";
        else if (c == '\n' || c == '\r')
            body += ' ';
        else
            body += c;
    }
    std::string fence(longest + 1, '`');
    bool pad = !body.empty() && (body.front() == '`' || body.back() == '`');
    return pad ? fence + " " + body + " " + fence : fence + body + fence;
}

std::string anchor(std::string_view prefix, std::string_view text) {
    std::string out(prefix);
    bool dash = !out.empty();
    for (char c : text) {
        char lower = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
        if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9')) {
            if (dash && !out.empty()) out += '-';
            dash = false;
            out += lower;
        } else {
            dash = true;
        }
    }
    return out;
}

}  // namespace gdprctl::report
