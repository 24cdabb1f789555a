#include "register/text_checks.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace gdprctl::reg {

namespace {

// Length of the valid UTF-8 sequence starting at text[i], or 0 (RFC 3629: no overlongs, no
// surrogates, nothing above U+10FFFF).
std::size_t valid_sequence(std::string_view text, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char c = byte(i);
    if (c < 0x80) return 1;
    std::size_t n = text.size() - i;
    auto cont = [&](std::size_t k) { return (byte(i + k) & 0xC0) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF) return n >= 2 && cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || !cont(1) || !cont(2)) return 0;
        if (c == 0xE0 && byte(i + 1) < 0xA0) return 0;   // overlong
        if (c == 0xED && byte(i + 1) >= 0xA0) return 0;  // surrogate
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || !cont(1) || !cont(2) || !cont(3)) return 0;
        if (c == 0xF0 && byte(i + 1) < 0x90) return 0;  // overlong
        if (c == 0xF4 && byte(i + 1) >= 0x90) return 0;  // above U+10FFFF
        return 4;
    }
    return 0;
}

}  // namespace

std::size_t repair_utf8(std::string& text, std::size_t* first_bad) {
    if (first_bad) *first_bad = std::string::npos;
    // Fast path: most files are ASCII or valid UTF-8 and are left untouched.
    std::size_t i = 0;
    while (i < text.size()) {
        auto len = valid_sequence(text, i);
        if (len == 0) break;
        i += len;
    }
    if (i == text.size()) return 0;
    if (first_bad) *first_bad = i;
    std::string out(text, 0, i);
    std::size_t replaced = 0;
    while (i < text.size()) {
        auto len = valid_sequence(text, i);
        if (len == 0) {
            out += "\xEF\xBF\xBD";
            ++replaced;
            ++i;
            continue;
        }
        out.append(text, i, len);
        i += len;
    }
    text = std::move(out);
    return replaced;
}

diag::Position position_of(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    auto before = text.substr(0, offset);
    int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
    auto line_start = before.rfind('\n');
    int col = 1 + static_cast<int>(line_start == std::string_view::npos ? offset : offset - line_start - 1);
    return {line, col};
}

bool check_register_text(std::string& text, const std::string& path, diag::Sink& sink) {
    bool parse = true;
    if (auto nul = text.find('\0'); nul != std::string::npos) {
        sink.add({"yaml-syntax", diag::Severity::error, path, position_of(text, nul),
                  "the file contains a NUL byte: it is binary data, not YAML text; it was not checked", "",
                  "save the file as UTF-8 text (is it a binary file named .yaml?)", ""});
        parse = false;
    }
    if (text.find('\r') != std::string::npos && text.find('\n') == std::string::npos &&
        text.find('\r') + 1 < text.size()) {
        sink.add({"yaml-syntax", diag::Severity::error, path, {1, 1},
                  "the file ends its lines with CR only (classic Mac OS line endings); YAML reads it as one line",
                  "", "convert the line endings to LF (or CRLF), e.g. `tr '\\r' '\\n'`", ""});
        parse = false;
    }
    std::size_t first_bad = 0;
    if (auto replaced = repair_utf8(text, &first_bad); replaced > 0) {
        auto pos = position_of(text, first_bad);
        sink.add({"invalid-utf8", diag::Severity::error, path, pos,
                  fmt::format("the file is not valid UTF-8: {} invalid byte{}, the first at byte {} of the file", replaced,
                              replaced == 1 ? "" : "s", first_bad + 1),
                  "", "save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`); outputs show U+FFFD in its place", ""});
    }
    return parse;
}

}  // namespace gdprctl::reg
