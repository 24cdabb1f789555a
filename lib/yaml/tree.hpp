#pragma once

#include "diag/diagnostic.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace gdprctl::yaml {

// A compact YAML document tree built from yaml-cpp's event stream. It keeps what the register
// loader needs and yaml-cpp's own node trees lack or make slow: 1-based positions on every node
// and key, duplicate-key detection, and map entries kept in source order.
struct Node {
    enum class Kind { null, scalar, sequence, map };
    struct Entry;

    Kind kind = Kind::null;
    diag::Position pos;
    bool quoted = false;  // a quoted or block scalar: never a number, boolean or null
    std::string value;    // scalars only
    std::vector<Node> items;     // sequences
    std::vector<Entry> entries;  // maps, in source order

    bool is_null() const { return kind == Kind::null; }
    bool is_scalar() const { return kind == Kind::scalar; }
    bool is_sequence() const { return kind == Kind::sequence; }
    bool is_map() const { return kind == Kind::map; }
    const Node* find(std::string_view key) const;
};

struct Node::Entry {
    std::string key;
    diag::Position key_pos;
    Node value;
};

std::string_view kind_name(Node::Kind kind);

struct ParseResult {
    std::vector<Node> documents;
    bool ok = true;  // false when a syntax error stopped parsing (a diagnostic was added)
};

// Parses `text` (the contents of `path`). Syntax errors and duplicate keys become diagnostics
// (rules `yaml-syntax`, `duplicate-key`); documents parsed before an error are kept.
ParseResult parse(std::string_view text, const std::string& path, diag::Sink& sink);

}  // namespace gdprctl::yaml
