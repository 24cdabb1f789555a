#include "report/text.hpp"

#include "report/notice_text.hpp"

#include <fmt/format.h>

namespace gdprctl::report {
// The English words of durations and retention periods are the notice's wording table's
// (report/notice_text), so the record and the notice say them the same way.
std::string humanise_duration(const time::Duration& duration) {
    return duration_text(Language::en, duration);
}

std::string humanise_keyword(std::string_view keyword) {
    std::string out(keyword);
    for (char& c : out)
        if (c == '-' || c == '_') c = ' ';
    return out;
}

std::string humanise_retention(const model::RetentionRule& rule) {
    return retention_text(Language::en, rule);
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
