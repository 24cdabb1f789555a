#pragma once

#include "diag/diagnostic.hpp"

#include <cstddef>
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
    bool quoted = false;         // a quoted or block scalar: never a number, boolean or null
    std::string value;           // scalars only
    std::vector<Node> items;     // sequences
    std::vector<Entry> entries;  // maps, in source order

    bool is_null() const { return kind == Kind::null; }
    bool is_scalar() const { return kind == Kind::scalar; }
    bool is_sequence() const { return kind == Kind::sequence; }
    bool is_map() const { return kind == Kind::map; }
    const Node* find(std::string_view key) const;
    Node* find(std::string_view key);
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

// How far aliases may expand a file: nodes and scalar bytes, counted with every alias expanded.
// Relative to the file (a register without aliases has fewer nodes than bytes) and absolute.
struct ExpansionBudget {
    static constexpr std::size_t absolute_nodes = 4'000'000;
    static constexpr std::size_t absolute_bytes = std::size_t{256} << 20;
    std::size_t nodes = absolute_nodes;
    std::size_t bytes = absolute_bytes;
    static ExpansionBudget for_text(std::size_t text_bytes);
};

// Receives the items of a document's top-level lists (`systems:`, `recipients:`, ...) one by
// one, as soon as each is complete, so that a caller can decode and drop them instead of holding
// the whole file's tree: a register of 10,000 systems in one file then never has all of them in
// memory as nodes. A list whose items were taken stays in the tree, empty. Items are not offered
// when the list is anchored (an alias must copy it whole) or its key is a duplicate; an item
// whose quoting fails the unclosed-quote check is never offered. What `take` reports about an
// item must be kept by the caller until the document it belongs to is decoded: when parsing
// fails, or a later unclosed quote is found, the documents are dropped, and the taken items
// with them (identified by `list`, the position of their list).
class ItemHook {
public:
    virtual ~ItemHook() = default;
    virtual bool wants(std::string_view key) const = 0;
    virtual void take(std::string_view key, diag::Position list, Node& item) = 0;
};

// Parses `text` (the contents of `path`). Syntax errors and duplicate keys become diagnostics
// (rules `yaml-syntax`, `duplicate-key`); documents parsed before an error are kept.
// Past the budget (default: ExpansionBudget::for_text) parsing stops with a finding
// (`yaml-expansion-too-large`) and no documents.
ParseResult parse(std::string_view text, const std::string& path, diag::Sink& sink);
ParseResult parse(std::string_view text, const std::string& path, diag::Sink& sink, ExpansionBudget budget,
                  ItemHook* hook = nullptr);

}  // namespace gdprctl::yaml
