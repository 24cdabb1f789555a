#include "yaml/tree.hpp"

#include "diag/reporter.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <istream>
#include <map>
#include <optional>
#include <streambuf>
#include <unordered_map>

namespace gdprctl::yaml {
namespace {

// Lets yaml-cpp read the caller's text in place: it pulls bytes through the stream buffer in
// blocks, so an istringstream's copy of a whole file would be pure overhead.
class ViewBuffer : public std::streambuf {
public:
    explicit ViewBuffer(std::string_view text) {
        // The get area is only read from; std::streambuf merely lacks a const interface.
        char* begin = const_cast<char*>(text.data());
        setg(begin, begin, begin + text.size());
    }
};

// Maps with more entries than this get a hash index for the duplicate-key check, so that a
// huge flat mapping is not quadratic; smaller ones are scanned, which is faster for them.
constexpr std::size_t linear_key_limit = 16;

diag::Position to_position(const YAML::Mark& mark) {
    if (mark.is_null()) return {};
    return {mark.line + 1, mark.column + 1};
}

// Thrown by the builder when aliases would expand past the budget; parse() turns it into a finding.
struct ExpansionTooLarge {
    diag::Position pos;
};

// Thrown past max_nesting open collections: deeper than any register, and each level costs stack
// in the parser.
struct NestingTooDeep {
    diag::Position pos;
};
constexpr std::size_t max_nesting = 256;

// yaml-cpp folds an unclosed (or wrongly closed) double-quoted scalar over the following lines,
// silently swallowing keys into one string. A double-quoted scalar that spans lines is checked:
// when a line it swallowed looks like a mapping key or a list item, it is reported at its opening
// quote.
class QuoteChecker {
public:
    QuoteChecker(std::string_view text, const std::string& path) : text_(text), path_(path) {
        starts_.push_back(0);
        for (std::size_t i = 0; i < text.size(); ++i)
            if (text[i] == '\n') starts_.push_back(i + 1);
    }

    // The first swallowing scalar of `node`'s tree, in document order.
    std::optional<diag::Diagnostic> problem(const Node& node) const {
        if (node.is_scalar()) return check_scalar(node);
        for (const auto& item : node.items)
            if (auto found = problem(item)) return found;
        for (const auto& entry : node.entries)
            if (auto found = problem(entry.value)) return found;
        return std::nullopt;
    }

private:
    static bool looks_structural(std::string_view line) {
        auto begin = line.find_first_not_of(" \t");
        if (begin == std::string_view::npos) return false;
        line.remove_prefix(begin);
        if (line.size() >= 2 && line[0] == '-' && line[1] == ' ') return true;
        std::size_t i = 0;
        while (i < line.size() && (std::isalnum(static_cast<unsigned char>(line[i])) || line[i] == '_' ||
                                   line[i] == '-' || line[i] == '.'))
            ++i;
        return i > 0 && i < line.size() && line[i] == ':' && (i + 1 == line.size() || line[i + 1] == ' ');
    }

    std::optional<diag::Diagnostic> check_scalar(const Node& node) const {
        if (!node.quoted || !node.pos.known()) return std::nullopt;
        auto line = static_cast<std::size_t>(node.pos.line - 1);
        if (line >= starts_.size()) return std::nullopt;
        std::size_t open = starts_[line] + static_cast<std::size_t>(node.pos.col - 1);
        if (open >= text_.size() || text_[open] != '"') return std::nullopt;
        std::size_t i = open + 1;
        for (; i < text_.size() && text_[i] != '"'; ++i)
            if (text_[i] == '\\') ++i;
        std::size_t close_line = line;
        while (close_line + 1 < starts_.size() && starts_[close_line + 1] <= std::min(i, text_.size() - 1))
            ++close_line;
        for (std::size_t l = line + 1; l <= close_line && l < starts_.size(); ++l) {
            auto end = l + 1 < starts_.size() ? starts_[l + 1] : text_.size();
            auto content = text_.substr(starts_[l], end - starts_[l]);
            if (l == close_line) content = content.substr(0, std::min(content.size(), i - starts_[l]));
            if (!looks_structural(content)) continue;
            return diag::Diagnostic{
                "yaml-syntax",
                diag::Severity::error,
                path_,
                node.pos,
                i >= text_.size()
                    ? fmt::format("this double quote is never closed: the rest of the file (from line {}) "
                                  "became part of the string",
                                  line + 2)
                    : fmt::format("this double quote is closed only on line {}: lines {} to {} became part of "
                                  "the string",
                                  close_line + 1, line + 2, close_line + 1),
                "",
                "close the quote on the line where it opens",
                ""};
        }
        return std::nullopt;
    }

    std::string_view text_;
    const std::string& path_;
    std::vector<std::size_t> starts_;
};

// Builds Node trees from events. A stack holds the open collections; a map alternates between
// expecting a key and expecting its value. The children of every open collection wait in two
// shared vectors (a frame owns the tail from its `first` index on) and move into a vector of
// exactly the right size when the collection closes: one allocation per collection instead of
// a doubling series, and no Node moved more than twice.
class TreeBuilder : public YAML::EventHandler {
public:
    TreeBuilder(const std::string& path, diag::Sink& sink, std::vector<Node>& documents, ExpansionBudget budget,
                ItemHook* hook, const QuoteChecker* quotes)
        : path_(path), sink_(sink), documents_(documents), budget_(budget), hook_(hook), quotes_(quotes) {}

    // The first unclosed-quote problem found in an item before it was offered to the hook, with
    // the index of its document.
    const std::optional<diag::Diagnostic>& item_quote_problem() const { return item_quote_problem_; }
    std::size_t item_quote_document() const { return item_quote_document_; }

    void OnDocumentStart(const YAML::Mark&) override {
        stack_.clear();
        pending_items_.clear();
        pending_entries_.clear();
    }
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        Node node;
        node.pos = to_position(mark);
        complete(std::move(node), anchor);
    }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        auto it = anchors_.find(anchor);
        // An alias is expanded by copying; count what the copy adds before making it, so that
        // nested aliases (a "billion laughs") stop at the budget instead of exhausting memory.
        auto cost = anchor_costs_.find(anchor);
        if (cost != anchor_costs_.end()) {
            nodes_ += cost->second.nodes - 1;  // complete() counts the alias node itself
            bytes_ += cost->second.bytes;
            if (nodes_ > budget_.nodes || bytes_ > budget_.bytes) throw ExpansionTooLarge{to_position(mark)};
        }
        Node node = it != anchors_.end() ? it->second : Node{};
        node.pos = to_position(mark);
        complete(std::move(node), 0);
    }
    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        Node node;
        node.kind = Node::Kind::scalar;
        node.pos = to_position(mark);
        node.quoted = tag == "!";
        node.value = value;
        bytes_ += value.size();
        complete(std::move(node), anchor);
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        open(Node::Kind::sequence, mark, anchor);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        open(Node::Kind::map, mark, anchor);
    }
    void OnMapEnd() override { close(); }

private:
    struct Frame {
        Node::Kind kind = Node::Kind::map;
        diag::Position pos;
        YAML::anchor_t anchor = 0;
        std::size_t nodes_at_open = 0, bytes_at_open = 0;  // for the cost of an anchored collection
        std::size_t first = 0;  // this collection's children start here in pending_items_/pending_entries_
        bool have_key = false;
        std::string key;
        diag::Position key_pos;
        bool skip_value = false;  // the key was a duplicate or not a scalar
        std::unique_ptr<std::unordered_map<std::string, std::size_t>> key_index;  // key -> entry, big maps only
    };

    // The entry of the open map `frame` already holding `key`, or nullptr.
    const Node::Entry* find_entry(Frame& frame, const std::string& key) {
        std::size_t count = pending_entries_.size() - frame.first;
        if (count <= linear_key_limit) {
            for (std::size_t i = frame.first; i < pending_entries_.size(); ++i)
                if (pending_entries_[i].key == key) return &pending_entries_[i];
            return nullptr;
        }
        if (!frame.key_index) {
            frame.key_index = std::make_unique<std::unordered_map<std::string, std::size_t>>();
            for (std::size_t i = frame.first; i < pending_entries_.size(); ++i)
                frame.key_index->emplace(pending_entries_[i].key, i);
        }
        auto it = frame.key_index->find(key);
        return it == frame.key_index->end() ? nullptr : &pending_entries_[it->second];
    }

    void open(Node::Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
        if (stack_.size() >= max_nesting) throw NestingTooDeep{to_position(mark)};
        Frame& frame = stack_.emplace_back();
        frame.kind = kind;
        frame.pos = to_position(mark);
        frame.anchor = anchor;
        frame.nodes_at_open = nodes_;
        frame.bytes_at_open = bytes_;
        frame.first = kind == Node::Kind::sequence ? pending_items_.size() : pending_entries_.size();
    }

    void close() {
        Frame& frame = stack_.back();
        Node node;
        node.kind = frame.kind;
        node.pos = frame.pos;
        if (frame.kind == Node::Kind::sequence) {
            auto begin = pending_items_.begin() + static_cast<std::ptrdiff_t>(frame.first);
            node.items.assign(std::make_move_iterator(begin), std::make_move_iterator(pending_items_.end()));
            pending_items_.erase(begin, pending_items_.end());
        } else {
            auto begin = pending_entries_.begin() + static_cast<std::ptrdiff_t>(frame.first);
            node.entries.assign(std::make_move_iterator(begin), std::make_move_iterator(pending_entries_.end()));
            pending_entries_.erase(begin, pending_entries_.end());
        }
        YAML::anchor_t anchor = frame.anchor;
        if (anchor != 0) pending_cost_ = {nodes_ - frame.nodes_at_open + 1, bytes_ - frame.bytes_at_open};
        stack_.pop_back();
        complete(std::move(node), anchor);
    }

    void complete(Node node, YAML::anchor_t anchor) {
        ++nodes_;
        if (nodes_ > budget_.nodes || bytes_ > budget_.bytes) throw ExpansionTooLarge{node.pos};
        if (anchor != 0) {
            anchors_[anchor] = node;
            anchor_costs_[anchor] = node.kind == Node::Kind::map || node.kind == Node::Kind::sequence
                                        ? pending_cost_
                                        : Cost{1, node.value.size()};
        }
        if (stack_.empty()) {
            documents_.push_back(std::move(node));
            return;
        }
        Frame& parent = stack_.back();
        if (parent.kind == Node::Kind::sequence) {
            if (stack_.size() == 2 && hook_ && offer(std::move(node))) return;
            pending_items_.push_back(std::move(node));
            return;
        }
        if (!parent.have_key) {
            parent.have_key = true;
            parent.key_pos = node.pos;
            parent.skip_value = false;
            if (!node.is_scalar()) {
                parent.skip_value = true;
                diag::Reporter(sink_.items())
                    .report("yaml-syntax", path_, node.pos,
                            "a mapping key must be a plain scalar, not a " + std::string(kind_name(node.kind)),
                            "write the key as a single word such as `name:`");
                return;
            }
            parent.key = std::move(node.value);
            if (const Node::Entry* first = find_entry(parent, parent.key)) {
                parent.skip_value = true;
                diag::Reporter(sink_.items())
                    .report("duplicate-key", path_, parent.key_pos,
                            fmt::format("duplicate key `{}` (first defined at line {}); YAML keeps only one of them",
                                        parent.key, first->key_pos.line),
                            "remove one of the two entries or merge them");
            }
            return;
        }
        parent.have_key = false;
        if (parent.skip_value) return;
        if (parent.key_index) parent.key_index->emplace(parent.key, pending_entries_.size());
        pending_entries_.push_back({std::move(parent.key), parent.key_pos, std::move(node)});
    }

    // An item of a top-level list goes to the hook when the hook wants its key; true when the
    // item is gone (taken, or dropped for an unclosed quote that will void the file anyway).
    bool offer(Node&& node) {
        const Frame& root = stack_.front();
        const Frame& list = stack_.back();
        if (root.kind != Node::Kind::map || !root.have_key || root.skip_value || list.anchor != 0 ||
            !hook_->wants(root.key))
            return false;
        if (item_quote_problem_) return true;
        if (quotes_) {
            if (auto problem = quotes_->problem(node)) {
                item_quote_problem_ = std::move(problem);
                item_quote_document_ = documents_.size();
                return true;
            }
        }
        hook_->take(root.key, list.pos, node);
        return true;
    }

    const std::string& path_;
    diag::Sink& sink_;
    std::vector<Node>& documents_;
    std::vector<Frame> stack_;
    std::vector<Node> pending_items_;
    std::vector<Node::Entry> pending_entries_;
    std::map<YAML::anchor_t, Node> anchors_;
    struct Cost {
        std::size_t nodes = 0, bytes = 0;
    };
    std::map<YAML::anchor_t, Cost> anchor_costs_;
    Cost pending_cost_;
    ExpansionBudget budget_;
    std::size_t nodes_ = 0, bytes_ = 0;  // built so far in this file, aliases counted expanded
    ItemHook* hook_;
    const QuoteChecker* quotes_;
    std::optional<diag::Diagnostic> item_quote_problem_;
    std::size_t item_quote_document_ = 0;
};

}  // namespace

const Node* Node::find(std::string_view key) const {
    for (const auto& entry : entries)
        if (entry.key == key) return &entry.value;
    return nullptr;
}

Node* Node::find(std::string_view key) {
    for (auto& entry : entries)
        if (entry.key == key) return &entry.value;
    return nullptr;
}

std::string_view kind_name(Node::Kind kind) {
    switch (kind) {
        case Node::Kind::null:
            return "null";
        case Node::Kind::scalar:
            return "scalar";
        case Node::Kind::sequence:
            return "list";
        case Node::Kind::map:
            return "mapping";
    }
    return "value";
}

ExpansionBudget ExpansionBudget::for_text(std::size_t text_bytes) {
    ExpansionBudget budget;
    budget.nodes = std::min<std::size_t>(absolute_nodes, 10'000 + 4 * text_bytes);
    budget.bytes = std::min<std::size_t>(absolute_bytes, (std::size_t{1} << 20) + 4 * text_bytes);
    return budget;
}

ParseResult parse(std::string_view text, const std::string& path, diag::Sink& sink) {
    return parse(text, path, sink, ExpansionBudget::for_text(text.size()));
}

ParseResult parse(std::string_view text, const std::string& path, diag::Sink& sink, ExpansionBudget budget,
                  ItemHook* hook) {
    ParseResult result;
    ViewBuffer buffer(text);
    std::istream stream(&buffer);
    std::optional<QuoteChecker> quotes;
    if (text.find('"') != std::string_view::npos) quotes.emplace(text, path);
    TreeBuilder builder(path, sink, result.documents, budget, hook, quotes ? &*quotes : nullptr);
    try {
        YAML::Parser parser(stream);
        while (parser.HandleNextDocument(builder)) {
        }
    } catch (const ExpansionTooLarge& error) {
        result.ok = false;
        result.documents.clear();  // a partial tree of a bomb is not worth keeping
        sink.add({"yaml-expansion-too-large", diag::Severity::error, path, error.pos,
                  fmt::format("aliases expand this file past {} nodes or {} bytes of text; it was not checked",
                              budget.nodes, budget.bytes),
                  "", "write the repeated parts out, or use fewer nested aliases", ""});
    } catch (const NestingTooDeep& error) {
        result.ok = false;
        result.documents.clear();
        sink.add({"yaml-syntax", diag::Severity::error, path, error.pos,
                  fmt::format("lists and mappings are nested more than {} levels deep here; the file was not checked",
                              max_nesting),
                  "", "flatten the structure: a register needs a handful of levels", ""});
    } catch (const YAML::Exception& error) {
        result.ok = false;
        std::string message = error.msg;
        if (!message.empty()) message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
        diag::Reporter(sink.items())
            .report("yaml-syntax", path, to_position(error.mark), "YAML syntax error: " + message,
                    "fix the YAML syntax; nothing else in this file was checked");
    }
    // The first unclosed quote of the documents that were completed, whether it sat in an item
    // the hook was offered or in the tree kept; it voids the whole file.
    std::optional<diag::Diagnostic> problem;
    std::size_t problem_document = result.documents.size();
    if (quotes) {
        for (std::size_t i = 0; i < result.documents.size() && !problem; ++i)
            if ((problem = quotes->problem(result.documents[i]))) problem_document = i;
    }
    if (const auto& in_item = builder.item_quote_problem();
        in_item && builder.item_quote_document() < result.documents.size()) {
        auto before = [](const diag::Position& a, const diag::Position& b) {
            return a.line < b.line || (a.line == b.line && a.col < b.col);
        };
        if (!problem || builder.item_quote_document() < problem_document ||
            (builder.item_quote_document() == problem_document && before(in_item->pos, problem->pos)))
            problem = in_item;
    }
    if (problem) {
        sink.add(std::move(*problem));
        result.ok = false;
        result.documents.clear();
    }
    return result;
}

}  // namespace gdprctl::yaml
