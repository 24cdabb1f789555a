#include "yaml/tree.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <fmt/format.h>

#include <istream>
#include <map>
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

// Builds Node trees from events. A stack holds the open collections; a map alternates between
// expecting a key and expecting its value. The children of every open collection wait in two
// shared vectors (a frame owns the tail from its `first` index on) and move into a vector of
// exactly the right size when the collection closes: one allocation per collection instead of
// a doubling series, and no Node moved more than twice.
class TreeBuilder : public YAML::EventHandler {
public:
    TreeBuilder(const std::string& path, diag::Sink& sink, std::vector<Node>& documents)
        : path_(path), sink_(sink), documents_(documents) {}

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
        Frame& frame = stack_.emplace_back();
        frame.kind = kind;
        frame.pos = to_position(mark);
        frame.anchor = anchor;
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
        stack_.pop_back();
        complete(std::move(node), anchor);
    }

    void complete(Node node, YAML::anchor_t anchor) {
        if (anchor != 0) anchors_[anchor] = node;
        if (stack_.empty()) {
            documents_.push_back(std::move(node));
            return;
        }
        Frame& parent = stack_.back();
        if (parent.kind == Node::Kind::sequence) {
            pending_items_.push_back(std::move(node));
            return;
        }
        if (!parent.have_key) {
            parent.have_key = true;
            parent.key_pos = node.pos;
            parent.skip_value = false;
            if (!node.is_scalar()) {
                parent.skip_value = true;
                sink_.add({"yaml-syntax", diag::Severity::error, path_, node.pos,
                           "a mapping key must be a plain scalar, not a " + std::string(kind_name(node.kind)),
                           "", "write the key as a single word such as `name:`", ""});
                return;
            }
            parent.key = std::move(node.value);
            if (const Node::Entry* first = find_entry(parent, parent.key)) {
                parent.skip_value = true;
                sink_.add({"duplicate-key", diag::Severity::error, path_, parent.key_pos,
                           fmt::format("duplicate key `{}` (first defined at line {}); YAML keeps only one of them",
                                       parent.key, first->key_pos.line),
                           "", "remove one of the two entries or merge them", ""});
            }
            return;
        }
        parent.have_key = false;
        if (parent.skip_value) return;
        if (parent.key_index) parent.key_index->emplace(parent.key, pending_entries_.size());
        pending_entries_.push_back({std::move(parent.key), parent.key_pos, std::move(node)});
    }

    const std::string& path_;
    diag::Sink& sink_;
    std::vector<Node>& documents_;
    std::vector<Frame> stack_;
    std::vector<Node> pending_items_;
    std::vector<Node::Entry> pending_entries_;
    std::map<YAML::anchor_t, Node> anchors_;
};

}  // namespace

const Node* Node::find(std::string_view key) const {
    for (const auto& entry : entries)
        if (entry.key == key) return &entry.value;
    return nullptr;
}

std::string_view kind_name(Node::Kind kind) {
    switch (kind) {
        case Node::Kind::null: return "null";
        case Node::Kind::scalar: return "scalar";
        case Node::Kind::sequence: return "list";
        case Node::Kind::map: return "mapping";
    }
    return "value";
}

ParseResult parse(std::string_view text, const std::string& path, diag::Sink& sink) {
    ParseResult result;
    ViewBuffer buffer(text);
    std::istream stream(&buffer);
    TreeBuilder builder(path, sink, result.documents);
    try {
        YAML::Parser parser(stream);
        while (parser.HandleNextDocument(builder)) {
        }
    } catch (const YAML::Exception& error) {
        result.ok = false;
        std::string message = error.msg;
        if (!message.empty()) message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
        sink.add({"yaml-syntax", diag::Severity::error, path, to_position(error.mark),
                  "YAML syntax error: " + message, "", "fix the YAML syntax; nothing else in this file was checked", ""});
    }
    return result;
}

}  // namespace gdprctl::yaml
