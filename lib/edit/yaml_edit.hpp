#pragma once

#include "yaml/tree.hpp"

#include <cstddef>
#include <string>
#include <string_view>

// Surgical edits of YAML text, guided by the positions of a parsed yaml::Node tree: a change
// touches only the bytes it must, so the user's comments, key order, quoting, blank lines and line
// endings (LF or CRLF) survive. Every function returns the new text and throws UsageError when a
// change cannot be made in place (a multi-line scalar, a non-empty flow list to append to).
namespace gdprctl::edit {

struct Span {
    std::size_t begin = 0;
    std::size_t end = 0;  // one past the last byte
};

// Byte offset of a 1-based line/column position.
std::size_t offset_of(std::string_view text, diag::Position pos);

// "\r\n" when the text's first line ends so, else "\n".
std::string_view line_ending(std::string_view text);

// The source text of a scalar node, quotes included.
Span scalar_span(std::string_view text, const yaml::Node& scalar);

enum class QuoteStyle { plain, single, double_quoted };

// A YAML scalar for `value`: in `preferred` style when that can hold it, else double-quoted. Plain
// only when the text reads back as the same string in block and flow context.
std::string render_scalar(std::string_view value, QuoteStyle preferred = QuoteStyle::plain);

// Replaces a scalar's text by `value`, keeping its quoting style where possible.
std::string replace_scalar(std::string_view text, const yaml::Node& scalar, std::string_view value);

// Sets `key` of `map` to the scalar `value`: replaces the value in place when the key exists,
// otherwise inserts `key: value` after the map's last entry with the entry's indentation (block
// maps) or before the closing brace (flow maps). A non-empty `comment` becomes a trailing
// `# comment` on a block entry's line, replacing an earlier one that starts with the same word.
std::string set_scalar(std::string_view text, const yaml::Node& map, std::string_view key, std::string_view value,
                       std::string_view comment = {});

// Appends an item to the list under top-level `key` of the document `root` (a map, or null for an
// empty file). `item` is block YAML for the item's body without indentation, one entry per line;
// it is written as `- first line` with the rest aligned under it, after the list's last item.
// Creates `key:` at the end of the file when absent.
std::string append_item(std::string_view text, const yaml::Node& root, std::string_view key, std::string_view item);

// Removes item `index` of a block sequence: its lines from the dash to the end of its body.
std::string remove_item(std::string_view text, const yaml::Node& sequence, std::size_t index);

}  // namespace gdprctl::edit
