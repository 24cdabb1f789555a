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
// expecting a key and expecting its value.
class TreeBuilder : public YAML::EventHandler {
public:
    TreeBuilder(const std::string& path, diag::Sink& sink, std::vector<Node>& documents)
        : path_(path), sink_(sink), documents_(documents) {}

    void OnDocumentStart(const YAML::Mark&) override { stack_.clear(); }
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
        Node node;
        YAML::anchor_t anchor = 0;
        bool have_key = false;
        std::string key;
        diag::Position key_pos;
        bool skip_value = false;  // the key was a duplicate or not a scalar
        std::unique_ptr<std::unordered_map<std::string, std::size_t>> key_index;  // key -> entry, big maps only
    };

    // The entry already holding `key`, or nullptr.
    static const Node::Entry* find_entry(Frame& frame, const std::string& key) {
        auto& entries = frame.node.entries;
        if (entries.size() <= linear_key_limit) {
            for (const auto& entry : entries)
                if (entry.key == key) return &entry;
            return nullptr;
        }
        if (!frame.key_index) {
            frame.key_index = std::make_unique<std::unordered_map<std::string, std::size_t>>();
            for (std::size_t i = 0; i < entries.size(); ++i) frame.key_index->emplace(entries[i].key, i);
        }
        auto it = frame.key_index->find(key);
        return it == frame.key_index->end() ? nullptr : &entries[it->second];
    }

    void open(Node::Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
        Frame frame;
        frame.node.kind = kind;
        frame.node.pos = to_position(mark);
        frame.anchor = anchor;
        stack_.push_back(std::move(frame));
    }

    void close() {
        Frame frame = std::move(stack_.back());
        stack_.pop_back();
        complete(std::move(frame.node), frame.anchor);
    }

    void complete(Node node, YAML::anchor_t anchor) {
        if (anchor != 0) anchors_[anchor] = node;
        if (stack_.empty()) {
            documents_.push_back(std::move(node));
            return;
        }
        Frame& parent = stack_.back();
        if (parent.node.kind == Node::Kind::sequence) {
            parent.node.items.push_back(std::move(node));
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
        if (parent.key_index) parent.key_index->emplace(parent.key, parent.node.entries.size());
        parent.node.entries.push_back({std::move(parent.key), parent.key_pos, std::move(node)});
    }

    const std::string& path_;
    diag::Sink& sink_;
    std::vector<Node>& documents_;
    std::vector<Frame> stack_;
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
