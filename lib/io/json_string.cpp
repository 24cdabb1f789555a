#include "io/json_string.hpp"

#include "io/utf8.hpp"

#include <cstdint>

namespace gdprctl::io {
namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// The four hex digits of a `\u` escape whose backslash is text[at].
JsonStringError read_u_escape(std::string_view text, std::size_t at, std::uint32_t& code) {
    if (at + 6 > text.size()) {
        // Report a wrong digit before the end of the text as what it is.
        for (std::size_t k = at + 2; k < text.size(); ++k)
            if (hex_digit(text[k]) < 0) return JsonStringError::bad_hex;
        return JsonStringError::truncated_escape;
    }
    code = 0;
    for (std::size_t k = at + 2; k < at + 6; ++k) {
        const int h = hex_digit(text[k]);
        if (h < 0) return JsonStringError::bad_hex;
        code = code * 16 + static_cast<std::uint32_t>(h);
    }
    return JsonStringError::none;
}

}  // namespace

std::string_view describe(JsonStringError error) {
    switch (error) {
        case JsonStringError::none:
            return "";
        case JsonStringError::unterminated:
            return "a string is not closed";
        case JsonStringError::control_character:
            return "a control character inside a string (write it as an escape such as \\n or \\u0001)";
        case JsonStringError::truncated_escape:
            return "the text ends inside an escape";
        case JsonStringError::invalid_escape:
            return "an unknown escape; JSON has \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX";
        case JsonStringError::bad_hex:
            return "\\u needs four hex digits";
        case JsonStringError::lone_surrogate:
            return "a lone surrogate (\\uD800-\\uDBFF must be followed by \\uDC00-\\uDFFF)";
    }
    return "";
}

JsonStringError decode_json_escape(std::string_view text, std::size_t& pos, std::string& out) {
    if (pos + 1 >= text.size()) return JsonStringError::truncated_escape;
    char simple = 0;
    switch (text[pos + 1]) {
        case '"':
            simple = '"';
            break;
        case '\\':
            simple = '\\';
            break;
        case '/':
            simple = '/';
            break;
        case 'b':
            simple = '\b';
            break;
        case 'f':
            simple = '\f';
            break;
        case 'n':
            simple = '\n';
            break;
        case 'r':
            simple = '\r';
            break;
        case 't':
            simple = '\t';
            break;
        case 'u':
            break;
        default:
            return JsonStringError::invalid_escape;
    }
    if (simple) {
        out += simple;
        pos += 2;
        return JsonStringError::none;
    }
    std::uint32_t code = 0;
    if (auto error = read_u_escape(text, pos, code); error != JsonStringError::none) return error;
    std::size_t end = pos + 6;
    if (code >= 0xDC00 && code <= 0xDFFF) return JsonStringError::lone_surrogate;
    if (code >= 0xD800 && code <= 0xDBFF) {
        // Only another \u escape can complete the pair; the text may end before we can tell.
        const auto rest = text.substr(end, 2);
        if (rest.empty() || rest == "\\") return JsonStringError::truncated_escape;
        if (rest != "\\u") return JsonStringError::lone_surrogate;
        std::uint32_t low = 0;
        if (auto error = read_u_escape(text, end, low); error != JsonStringError::none) return error;
        if (low < 0xDC00 || low > 0xDFFF) return JsonStringError::lone_surrogate;
        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        end += 6;
    }
    append_utf8(out, code);
    pos = end;
    return JsonStringError::none;
}

JsonStringError decode_json_string(std::string_view text, std::size_t& pos, std::string& out) {
    if (pos >= text.size() || text[pos] != '"') return JsonStringError::unterminated;
    std::size_t i = pos + 1;
    for (;;) {
        // Copy the run up to the next quote or backslash in one append: the hot path of big exports.
        const auto stop = text.find_first_of("\"\\", i);
        const auto run_end = stop == std::string_view::npos ? text.size() : stop;
        for (std::size_t k = i; k < run_end; ++k)
            if (static_cast<unsigned char>(text[k]) < 0x20) {
                pos = k;
                return JsonStringError::control_character;
            }
        out.append(text.substr(i, run_end - i));
        if (stop == std::string_view::npos) {
            pos = text.size();
            return JsonStringError::unterminated;
        }
        if (text[stop] == '"') {
            pos = stop + 1;
            return JsonStringError::none;
        }
        i = stop;
        if (auto error = decode_json_escape(text, i, out); error != JsonStringError::none) {
            pos = stop;
            return error;
        }
    }
}

}  // namespace gdprctl::io
