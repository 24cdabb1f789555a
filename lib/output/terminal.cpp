#include "output/terminal.hpp"

#include <fmt/format.h>

namespace gdprctl::output {

namespace {

// The code point of the UTF-8 sequence at text[i] when it is a C1 or bidi control, with its length.
bool is_invisible_control(std::string_view text, std::size_t i, unsigned& code, std::size_t& length) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
    std::size_t n = text.size() - i;
    if (n >= 2 && byte(0) == 0xC2 && byte(1) >= 0x80 && byte(1) <= 0x9F) {
        code = byte(1);
        length = 2;
        return true;
    }
    if (n >= 2 && byte(0) == 0xD8 && byte(1) == 0x9C) {  // U+061C arabic letter mark
        code = 0x061C;
        length = 2;
        return true;
    }
    if (n >= 3 && byte(0) == 0xE2) {
        unsigned cp = ((byte(0) & 0x0Fu) << 12) | ((byte(1) & 0x3Fu) << 6) | (byte(2) & 0x3Fu);
        if (cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
            cp == 0x2028 || cp == 0x2029) {
            code = cp;
            length = 3;
            return true;
        }
    }
    return false;
}

}  // namespace

std::string terminal_escape(std::string_view text, bool keep_tab) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        auto c = static_cast<unsigned char>(text[i]);
        unsigned code = 0;
        std::size_t length = 0;
        if (c == '\t' && keep_tab) {
            out += '\t';
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c < 0x20 || c == 0x7F) {
            out += fmt::format("\\x{:02x}", c);
        } else if (c >= 0x80 && is_invisible_control(text, i, code, length)) {
            out += fmt::format("\\u{:04x}", code);
            i += length;
            continue;
        } else {
            out += static_cast<char>(c);
        }
        ++i;
    }
    return out;
}

}  // namespace gdprctl::output
