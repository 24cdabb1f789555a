#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gdprctl::io {

// Why a JSON string (RFC 8259 §7) could not be decoded.
enum class JsonStringError {
    none,
    unterminated,       // the text ends before the closing quote
    control_character,  // a raw byte below 0x20 inside the string
    truncated_escape,   // the text ends inside an escape (`\` or `\u12`)
    invalid_escape,     // `\` followed by a character JSON does not define
    bad_hex,            // `\u` not followed by four hex digits
    lone_surrogate,     // a high surrogate without a low one after it, or a low one alone
};

// The reader-facing sentence for an error, for messages such as "column 7: {}".
std::string_view describe(JsonStringError error);

// Decodes the escape that starts at the backslash `text[pos]` and appends its UTF-8 to `out`.
// A high surrogate takes the `\uDC00`..`\uDFFF` escape after it as its pair. On success `pos` is
// just past the escape (the pair's second half included); on error `pos` is unchanged and `out`
// holds what it held before.
JsonStringError decode_json_escape(std::string_view text, std::size_t& pos, std::string& out);

// Decodes the JSON string whose opening quote is `text[pos]`, appending its value to `out`.
// On success `pos` is just past the closing quote. On error `pos` is where the problem is (the
// control character, the backslash of the bad escape, or text.size() when the string is not
// closed) and `out` may hold part of the value. The one decoder of the JSON readers (consent
// import, retention due), which read line by line: `text` is one whole line.
JsonStringError decode_json_string(std::string_view text, std::size_t& pos, std::string& out);

}  // namespace gdprctl::io
