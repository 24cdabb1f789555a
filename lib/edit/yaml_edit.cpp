#include "edit/yaml_edit.hpp"

#include "errors.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <vector>

namespace gdprctl::edit {
namespace {

struct Line {
    std::size_t begin;
    std::size_t content_end;  // before "\r\n" or "\n"
    std::size_t next;         // start of the following line (text.size() for the last)
};

std::vector<Line> split_lines(std::string_view text) {
    std::vector<Line> lines;
    std::size_t begin = 0;
    while (begin < text.size()) {
        auto newline = text.find('\n', begin);
        if (newline == std::string_view::npos) {
            lines.push_back({begin, text.size(), text.size()});
            break;
        }
        auto content_end = newline > begin && text[newline - 1] == '\r' ? newline - 1 : newline;
        lines.push_back({begin, content_end, newline + 1});
        begin = newline + 1;
    }
    return lines;
}

std::string_view content(std::string_view text, const Line& line) {
    return text.substr(line.begin, line.content_end - line.begin);
}

std::size_t indent_of(std::string_view line) {
    auto first = line.find_first_not_of(' ');
    return first == std::string_view::npos ? line.size() : first;
}

bool blank_or_comment(std::string_view line) {
    auto first = line.find_first_not_of(" \t");
    return first == std::string_view::npos || line[first] == '#';
}

// Index into `lines` of a 1-based line number.
std::size_t line_index(const std::vector<Line>& lines, int line) {
    if (line < 1 || static_cast<std::size_t>(line) > lines.size())
        throw UsageError(fmt::format("line {} is outside the file", line));
    return static_cast<std::size_t>(line - 1);
}

// Inserts `block` (whole lines, each ending with `eol`) at `offset`, which is a line start or the
// end of the text. At the end of a text without a final line break, the break goes before the
// block instead of after it, so the file keeps ending without one.
std::string insert_lines(std::string_view text, std::size_t offset, std::string_view block, std::string_view eol) {
    std::string out;
    out.reserve(text.size() + block.size() + 2);
    if (offset >= text.size() && !text.empty() && text.back() != '\n') {
        out.append(text);
        out.append(eol);
        out.append(block.substr(0, block.size() - eol.size()));
        return out;
    }
    out.append(text.substr(0, offset));
    out.append(block);
    out.append(text.substr(offset));
    return out;
}

// Index one past the last line of a block body that starts on line `first` (0-based) with its
// owner's key or dash at column `indent`: following lines more indented, blank or comments belong to
// it, and so do `- ` items at the same column when `dash_items` (YAML lets a list sit at its key's
// indentation). Trailing blank and comment lines are left to what follows.
std::size_t body_end(std::string_view text, const std::vector<Line>& lines, std::size_t first, std::size_t indent,
                     bool dash_items) {
    std::size_t end = first + 1;
    for (std::size_t i = first + 1; i < lines.size(); ++i) {
        auto line = content(text, lines[i]);
        if (blank_or_comment(line)) continue;
        auto column = indent_of(line);
        bool dash = column == indent && line.substr(column, 2) == "- ";
        if (column > indent || (dash_items && (dash || line.substr(column) == "-"))) {
            end = i + 1;
            continue;
        }
        break;
    }
    return end;
}

std::size_t matching_close(std::string_view text, std::size_t open) {
    int depth = 0;
    for (std::size_t i = open; i < text.size(); ++i) {
        char c = text[i];
        if (c == '"' || c == '\'') {
            for (++i; i < text.size() && text[i] != c; ++i)
                if (c == '"' && text[i] == '\\') ++i;
        } else if (c == '#' && i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t')) {
            while (i < text.size() && text[i] != '\n') ++i;
        } else if (c == '[' || c == '{') {
            ++depth;
        } else if (c == ']' || c == '}') {
            if (--depth == 0) return i;
        }
    }
    throw UsageError("an unterminated flow collection cannot be edited in place");
}

bool is_special_word(std::string_view value) {
    static const std::array<std::string_view, 22> words{
        "~",   "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", "yes",
        "Yes", "YES",  "no",   "No",   "NO",   "on",   "On",   "ON",    "off",   "Off",   "OFF"};
    return std::find(words.begin(), words.end(), value) != words.end();
}

bool plain_is_safe(std::string_view value) {
    if (value.empty() || is_special_word(value)) return false;
    if (std::string_view("-?:,[]{}#&*!|>'\"%@` \t").find(value.front()) != std::string_view::npos) return false;
    if (value.back() == ' ' || value.back() == '\t' || value.back() == ':') return false;
    for (char c : value)
        if (static_cast<unsigned char>(c) < 0x20 || c == ',' || c == '[' || c == ']' || c == '{' || c == '}' ||
            c == 0x7f)
            return false;
    return value.find(": ") == std::string_view::npos && value.find(" #") == std::string_view::npos &&
           value.find("\t#") == std::string_view::npos;
}

std::string double_quoted(std::string_view value) {
    std::string out = "\"";
    for (char c : value) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
                    out += fmt::format("\\x{:02x}", static_cast<unsigned>(static_cast<unsigned char>(c)));
                else
                    out += c;
        }
    }
    return out + "\"";
}

}  // namespace

std::size_t offset_of(std::string_view text, diag::Position pos) {
    auto lines = split_lines(text);
    if (pos.line == static_cast<int>(lines.size()) + 1 && pos.col <= 1) return text.size();
    const auto& line = lines[line_index(lines, pos.line)];
    auto offset = line.begin + static_cast<std::size_t>(std::max(pos.col, 1) - 1);
    if (offset > line.content_end) throw UsageError(fmt::format("column {} is outside line {}", pos.col, pos.line));
    return offset;
}

std::string_view line_ending(std::string_view text) {
    auto newline = text.find('\n');
    return newline != std::string_view::npos && newline > 0 && text[newline - 1] == '\r' ? "\r\n" : "\n";
}

Span scalar_span(std::string_view text, const yaml::Node& scalar) {
    if (!scalar.is_scalar()) throw UsageError("only a scalar value can be replaced in place");
    auto begin = offset_of(text, scalar.pos);
    auto multi_line = [&] {
        return UsageError(fmt::format("the value at line {} spans several lines or uses an anchor and cannot be "
                                      "edited in place",
                                      scalar.pos.line),
                          "write it on one line and run the command again");
    };
    char first = begin < text.size() ? text[begin] : '\0';
    if (first == '\'' || first == '"') {
        for (auto i = begin + 1; i < text.size(); ++i) {
            char c = text[i];
            if (c == '\n' || c == '\r') throw multi_line();
            if (first == '"' && c == '\\') {
                ++i;
                continue;
            }
            if (c != first) continue;
            if (first == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
                ++i;
                continue;
            }
            return {begin, i + 1};
        }
        throw multi_line();
    }
    if (text.substr(begin, scalar.value.size()) != scalar.value || first == '|' || first == '>') throw multi_line();
    return {begin, begin + scalar.value.size()};
}

std::string render_scalar(std::string_view value, QuoteStyle preferred) {
    bool has_control = std::any_of(value.begin(), value.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
    if (preferred == QuoteStyle::plain && plain_is_safe(value)) return std::string(value);
    if (preferred == QuoteStyle::single && !has_control) {
        std::string out = "'";
        for (char c : value) out += c == '\'' ? std::string("''") : std::string(1, c);
        return out + "'";
    }
    return double_quoted(value);
}

std::string replace_scalar(std::string_view text, const yaml::Node& scalar, std::string_view value) {
    auto span = scalar_span(text, scalar);
    char first = text[span.begin];
    auto style = first == '\'' ? QuoteStyle::single : first == '"' ? QuoteStyle::double_quoted : QuoteStyle::plain;
    std::string out(text.substr(0, span.begin));
    out += render_scalar(value, style);
    out.append(text.substr(span.end));
    return out;
}

namespace {

std::string set_scalar_text(std::string_view text, const yaml::Node& map, std::string_view key, std::string_view value,
                       std::string_view comment) {
    if (!map.is_map()) throw UsageError(fmt::format("cannot set `{}`: its parent is not a mapping", key));
    auto eol = line_ending(text);
    std::string trailing = comment.empty() ? std::string{} : fmt::format(" # {}", comment);
    auto lines = split_lines(text);
    auto map_start = offset_of(text, map.pos);
    bool flow = map_start < text.size() && text[map_start] == '{';

    if (const yaml::Node* existing = map.find(key); existing && !existing->is_null()) {
        auto span = scalar_span(text, *existing);
        std::string out = replace_scalar(text, *existing, value);
        if (trailing.empty() || flow) return out;
        // The comment goes at the end of the line, replacing an earlier one from the same command.
        auto delta = out.size() - text.size();
        const auto& line = lines[line_index(lines, existing->pos.line)];
        auto rest_begin = span.end + delta, rest_end = line.content_end + delta;
        std::string_view rest = std::string_view(out).substr(rest_begin, rest_end - rest_begin);
        auto hash = rest.find('#');
        if (rest.find_first_not_of(" \t") != std::string_view::npos && rest.find_first_not_of(" \t") != hash)
            return out;
        auto word_end = comment.find(' ');
        std::string_view word = comment.substr(0, word_end);
        if (hash != std::string_view::npos) {
            auto old = rest.substr(hash + 1);
            old.remove_prefix(std::min(old.find_first_not_of(' '), old.size()));
            if (old.substr(0, word.size()) != word) return out;  // the user's own comment stays
        }
        out.replace(rest_begin, rest_end - rest_begin, trailing);
        return out;
    }
    if (map.find(key)) {
        // `key:` with no value (or `~`, `null`): the value goes right after the colon.
        const yaml::Node::Entry* entry = nullptr;
        for (const auto& candidate : map.entries)
            if (candidate.key == key) entry = &candidate;
        const auto& line = lines[line_index(lines, entry->key_pos.line)];
        auto key_offset = offset_of(text, entry->key_pos);
        auto colon = text.find(':', key_offset + key.size());
        if (colon == std::string_view::npos || colon >= line.content_end)
            throw UsageError(fmt::format("cannot find the value of `{}` at line {}", key, entry->key_pos.line));
        auto rest = text.substr(colon + 1, line.content_end - colon - 1);
        auto hash_at = rest.find('#');
        auto value_text = rest.substr(0, hash_at);
        auto first = value_text.find_first_not_of(" \t");
        std::string out(text.substr(0, colon + 1));
        out += " " + render_scalar(value);
        if (first != std::string_view::npos) {
            auto token = value_text.substr(first);
            token = token.substr(0, token.find_last_not_of(" \t") + 1);
            if (token != "~" && token != "null" && token != "Null" && token != "NULL")
                throw UsageError(fmt::format("`{}` at line {} cannot be edited in place", key, entry->key_pos.line));
            out.append(value_text.substr(first + token.size()));
        } else if (hash_at != std::string_view::npos) {
            out.append(value_text.size() > 1 ? value_text.substr(1) : " ");
        }
        if (hash_at != std::string_view::npos)
            out.append(rest.substr(hash_at));
        else if (!flow)
            out += trailing;
        out.append(text.substr(line.content_end));
        return out;
    }

    if (flow) {
        auto close = matching_close(text, map_start);
        std::string out(text.substr(0, close));
        auto last = out.find_last_not_of(" \t");
        out.resize(last + 1);
        out += fmt::format("{}{}: {}", map.entries.empty() ? "" : ", ", key, render_scalar(value));
        if (text[close - 1] == ' ') out += ' ';
        out.append(text.substr(close));
        return out;
    }
    if (map.entries.empty()) throw UsageError(fmt::format("cannot add `{}` to an empty mapping", key));
    const auto& last = map.entries.back();
    auto indent = static_cast<std::size_t>(map.entries.front().key_pos.col - 1);
    auto first = line_index(lines, last.key_pos.line);
    bool dash_items = last.value.is_sequence() && last.value.pos.line > last.key_pos.line;
    auto end = body_end(text, lines, first, indent, dash_items);
    auto offset = end < lines.size() ? lines[end].begin : text.size();
    std::string line = std::string(indent, ' ') + fmt::format("{}: {}{}", key, render_scalar(value), trailing);
    return insert_lines(text, offset, line + std::string(eol), eol);
}

const yaml::Node* map_at(const yaml::Node& node, diag::Position pos) {
    if (node.is_map() && node.pos.line == pos.line && node.pos.col == pos.col) return &node;
    for (const auto& item : node.items)
        if (const auto* found = map_at(item, pos)) return found;
    for (const auto& entry : node.entries)
        if (const auto* found = map_at(entry.value, pos)) return found;
    return nullptr;
}

// As for appending: the edited text must read back with `key` of the same map (it starts where
// it started: edits only touch lines after its first) holding `value` (fuzz_yaml_edit found a
// plain scalar continued on a file's last line that turned the inserted key into a syntax error).
void check_set(std::string_view edited, const yaml::Node& map, std::string_view key, std::string_view value) {
    diag::Sink sink;
    auto again = yaml::parse(edited, "edited", sink);
    const yaml::Node* changed = nullptr;
    for (const auto& document : again.documents)
        if (!changed) changed = map_at(document, map.pos);
    const yaml::Node* now = again.ok && changed ? changed->find(key) : nullptr;
    if (!now || !now->is_scalar() || now->value != value)
        throw UsageError(fmt::format("the file's layout near `{}` (line {}) would change meaning if `{}` were set in "
                                     "place",
                                     key, map.pos.line, key),
                         "check the file with `gdprctl check`, end it with a line break, and run the command again");
}

}  // namespace

std::string set_scalar(std::string_view text, const yaml::Node& map, std::string_view key, std::string_view value,
                       std::string_view comment) {
    auto edited = set_scalar_text(text, map, key, value, comment);
    check_set(edited, map, key, value);
    return edited;
}

namespace {

std::string append_item_text(std::string_view text, const yaml::Node& root, std::string_view key, std::string_view item) {
    auto eol = line_ending(text);
    auto render_item = [&](std::size_t indent) {
        std::string out;
        std::size_t begin = 0;
        bool first = true;
        while (begin < item.size()) {
            auto newline = item.find('\n', begin);
            auto piece = item.substr(begin, newline == std::string_view::npos ? item.size() - begin : newline - begin);
            out += std::string(indent, ' ') + (first ? "- " : "  ");
            out.append(piece);
            out.append(eol);
            first = false;
            if (newline == std::string_view::npos) break;
            begin = newline + 1;
        }
        return out;
    };
    const yaml::Node* list = root.is_map() ? root.find(key) : nullptr;
    if (!root.is_map() && !root.is_null())
        throw UsageError("the file is not a mapping of top-level lists; cannot append to it");
    auto lines = split_lines(text);
    if (!root.is_map() || !list) {
        if (root.is_map() && !root.entries.empty() && root.entries.front().key_pos.col != 1)
            throw UsageError("the file's top-level mapping is indented; cannot append to it");
        std::string block = fmt::format("{}:{}", key, eol) + render_item(2);
        return insert_lines(text, text.size(), block, eol);
    }
    const yaml::Node::Entry* entry = nullptr;
    for (const auto& candidate : root.entries)
        if (candidate.key == key) entry = &candidate;
    auto key_line = line_index(lines, entry->key_pos.line);
    auto key_indent = static_cast<std::size_t>(entry->key_pos.col - 1);

    if (list->is_null() || (list->is_sequence() && list->items.empty())) {
        // `key:` alone, `key: ~` or `key: []`: the value becomes a block list under the key.
        auto line = content(text, lines[key_line]);
        auto colon = line.find(':', static_cast<std::size_t>(entry->key_pos.col - 1) + key.size());
        auto value_begin = lines[key_line].begin + colon + 1;
        auto rest = line.substr(colon + 1);
        auto comment = rest.find(" #");
        auto value_text = rest.substr(0, comment);
        std::string out(text.substr(0, value_begin));
        if (value_text.find_first_not_of(" \t") == std::string_view::npos)
            out.append(rest);  // nothing to drop: keep the line as it is
        else if (comment != std::string_view::npos)
            out.append(rest.substr(comment));
        out.append(text.substr(lines[key_line].content_end, lines[key_line].next - lines[key_line].content_end));
        auto after = lines[key_line].next;
        std::string rest_text(text.substr(after));
        return insert_lines(out, out.size(), render_item(key_indent + 2), eol) + rest_text;
    }
    if (!list->is_sequence()) throw UsageError(fmt::format("`{}` is not a list; cannot append to it", key));
    auto list_start = offset_of(text, list->pos);
    if (text[list_start] == '[')
        throw UsageError(fmt::format("`{}` is written as a flow list `[...]`; cannot append an entry in place", key),
                         "write it as a block list (one `- ` item per line) and run the command again");
    // The dash of the first item fixes the indentation of the new one.
    const auto& first_item = list->items.front();
    auto item_line = line_index(lines, first_item.pos.line);
    auto line = content(text, lines[item_line]);
    auto item_col = std::min(static_cast<std::size_t>(first_item.pos.col - 1), line.size());
    auto dash = line.substr(0, item_col).rfind('-');
    if (dash == std::string_view::npos)
        throw UsageError(fmt::format("cannot find the list items of `{}`; write each as `- ...`", key));
    bool dash_items = dash == key_indent;
    auto end = body_end(text, lines, key_line, key_indent, dash_items);
    auto offset = end < lines.size() ? lines[end].begin : text.size();
    return insert_lines(text, offset, render_item(dash), eol);
}

// The edited text must read back as the same file with one more item under `key`. The editor
// works on lines, and a few valid but unusual layouts change meaning when lines are added after
// them (fuzz/fuzz_yaml_edit.cpp found one: a plain scalar continued on the last line of a file
// without a final line break, which swallowed the new item). Refusing is better than writing a
// register that says something else than the command was asked to write.
void check_appended(std::string_view edited, const yaml::Node& root, std::string_view key) {
    const yaml::Node* before = root.is_map() ? root.find(key) : nullptr;
    const std::size_t items_before = before && before->is_sequence() ? before->items.size() : 0;
    const std::size_t entries_before = root.is_map() ? root.entries.size() + (before ? 0 : 1) : 1;
    diag::Sink sink;
    auto again = yaml::parse(edited, "edited", sink);
    const yaml::Node* after_root = again.ok && again.documents.size() == 1 ? &again.documents.front() : nullptr;
    const yaml::Node* after = after_root && after_root->is_map() ? after_root->find(key) : nullptr;
    if (!after || !after->is_sequence() || after->items.size() != items_before + 1 ||
        after_root->entries.size() != entries_before)
        throw UsageError(fmt::format("the file's layout near the end of `{}` would change meaning if an entry were "
                                     "appended in place",
                                     key),
                         "check the file with `gdprctl check`, end it with a line break, and run the command again");
}

}  // namespace

std::string append_item(std::string_view text, const yaml::Node& root, std::string_view key, std::string_view item) {
    auto edited = append_item_text(text, root, key, item);
    check_appended(edited, root, key);
    return edited;
}

std::string remove_item(std::string_view text, const yaml::Node& sequence, std::size_t index) {
    if (!sequence.is_sequence() || index >= sequence.items.size()) throw UsageError("no such list item to remove");
    auto lines = split_lines(text);
    auto start = offset_of(text, sequence.pos);
    if (text[start] == '[')
        throw UsageError("the entry sits in a flow list `[...]`; cannot remove it in place",
                         "write the list as a block list (one `- ` item per line) and run the command again");
    const auto& item = sequence.items[index];
    auto first = line_index(lines, item.pos.line);
    auto line = content(text, lines[first]);
    auto dash = line.substr(0, std::min(static_cast<std::size_t>(item.pos.col - 1), line.size())).rfind('-');
    if (dash == std::string_view::npos || line.substr(0, dash).find_first_not_of(' ') != std::string_view::npos)
        throw UsageError(fmt::format("cannot find the start of the list item at line {}", item.pos.line));
    std::size_t end;
    if (index + 1 < sequence.items.size()) {
        end = line_index(lines, sequence.items[index + 1].pos.line);
        while (end > first + 1 && blank_or_comment(content(text, lines[end - 1]))) --end;
    } else {
        end = body_end(text, lines, first, dash, false);
    }
    auto begin_offset = lines[first].begin;
    auto end_offset = end < lines.size() ? lines[end].begin : text.size();
    std::string out(text.substr(0, begin_offset));
    out.append(text.substr(end_offset));
    // Removing the last line of a file without a final break leaves the previous line's break.
    if (end_offset == text.size() && !text.empty() && text.back() != '\n' && !out.empty()) {
        auto eol = line_ending(text);
        if (out.size() >= eol.size() && out.compare(out.size() - eol.size(), eol.size(), eol) == 0)
            out.resize(out.size() - eol.size());
    }
    return out;
}

}  // namespace gdprctl::edit
