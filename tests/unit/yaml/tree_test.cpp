#include "yaml/tree.hpp"

#include <catch2/catch.hpp>

#include <string>

using gdprctl::diag::Sink;
using gdprctl::yaml::Node;
using gdprctl::yaml::parse;

namespace {

const Node& only_document(const gdprctl::yaml::ParseResult& result) {
    REQUIRE(result.documents.size() == 1);
    return result.documents.front();
}

}  // namespace

TEST_CASE("positions are 1-based and point at values and keys", "[yaml]") {
    Sink sink;
    auto result = parse("systems:\n  - id: crm\n    name:   Customer relations\n", "a.yaml", sink);
    REQUIRE(result.ok);
    CHECK(sink.items().empty());
    const Node& root = only_document(result);
    REQUIRE(root.is_map());
    CHECK(root.pos.line == 1);
    CHECK(root.pos.col == 1);
    REQUIRE(root.entries.size() == 1);
    CHECK(root.entries[0].key == "systems");
    CHECK(root.entries[0].key_pos.line == 1);
    CHECK(root.entries[0].key_pos.col == 1);
    const Node* systems = root.find("systems");
    REQUIRE(systems);
    REQUIRE(systems->is_sequence());
    CHECK(systems->pos.line == 2);
    CHECK(systems->pos.col == 3);
    REQUIRE(systems->items.size() == 1);
    const Node& system = systems->items[0];
    REQUIRE(system.is_map());
    CHECK(system.pos.line == 2);
    CHECK(system.pos.col == 5);
    const Node* id = system.find("id");
    REQUIRE(id);
    CHECK(id->value == "crm");
    CHECK(id->pos.line == 2);
    CHECK(id->pos.col == 9);
    const Node* name = system.find("name");
    REQUIRE(name);
    CHECK(name->value == "Customer relations");
    CHECK(name->pos.line == 3);
    CHECK(name->pos.col == 13);
    CHECK(system.entries[1].key_pos.line == 3);
    CHECK(system.entries[1].key_pos.col == 5);
    CHECK(system.find("missing") == nullptr);
}

TEST_CASE("map entries keep source order", "[yaml]") {
    Sink sink;
    auto result = parse("zeta: 1\nalpha: 2\nmid: 3\n", "a.yaml", sink);
    const Node& root = only_document(result);
    REQUIRE(root.entries.size() == 3);
    CHECK(root.entries[0].key == "zeta");
    CHECK(root.entries[1].key == "alpha");
    CHECK(root.entries[2].key == "mid");
}

TEST_CASE("a duplicate key is reported at the second with the first's line and the first is kept", "[yaml]") {
    Sink sink;
    auto result = parse("id: crm\nname: One\nowner: Sales\nname: Two\n", "systems/crm.yaml", sink);
    REQUIRE(result.ok);
    REQUIRE(sink.items().size() == 1);
    const auto& d = sink.items()[0];
    CHECK(d.rule_id == "duplicate-key");
    CHECK(d.path == "systems/crm.yaml");
    CHECK(d.pos.line == 4);
    CHECK(d.pos.col == 1);
    CHECK(d.message == "duplicate key `name` (first defined at line 2); YAML keeps only one of them");
    const Node& root = only_document(result);
    CHECK(root.entries.size() == 3);
    CHECK(root.find("name")->value == "One");
}

TEST_CASE("duplicate keys are found in large maps too", "[yaml]") {
    std::string text;
    for (int i = 0; i < 200; ++i) text += "key" + std::to_string(i) + ": " + std::to_string(i) + "\n";
    text += "key7: again\n";
    Sink sink;
    auto result = parse(text, "big.yaml", sink);
    REQUIRE(sink.items().size() == 1);
    CHECK(sink.items()[0].pos.line == 201);
    CHECK(sink.items()[0].message == "duplicate key `key7` (first defined at line 8); YAML keeps only one of them");
    CHECK(only_document(result).entries.size() == 200);
    CHECK(only_document(result).find("key199")->value == "199");
}

TEST_CASE("a non-scalar key is a syntax finding and its value is skipped", "[yaml]") {
    Sink sink;
    auto result = parse("? [a, b]\n: value\nok: yes\n", "a.yaml", sink);
    REQUIRE(sink.items().size() == 1);
    CHECK(sink.items()[0].rule_id == "yaml-syntax");
    CHECK(sink.items()[0].message == "a mapping key must be a plain scalar, not a list");
    const Node& root = only_document(result);
    REQUIRE(root.entries.size() == 1);
    CHECK(root.entries[0].key == "ok");
}

TEST_CASE("a syntax error is a finding with its position; earlier documents are kept", "[yaml]") {
    Sink sink;
    auto result = parse("a: 1\n---\nb: [1, 2\nc: 3\n", "bad.yaml", sink);
    CHECK_FALSE(result.ok);
    REQUIRE(sink.items().size() == 1);
    const auto& d = sink.items()[0];
    CHECK(d.rule_id == "yaml-syntax");
    CHECK(d.path == "bad.yaml");
    CHECK(d.pos.line >= 3);
    CHECK(d.pos.col >= 1);
    CHECK(d.message.rfind("YAML syntax error: ", 0) == 0);
    REQUIRE(result.documents.size() == 1);
    CHECK(result.documents[0].find("a")->value == "1");
}

TEST_CASE("the syntax error position is the yaml-cpp mark made 1-based", "[yaml]") {
    Sink sink;
    auto result = parse("id: crm\nname: a: b\n", "bad.yaml", sink);
    CHECK_FALSE(result.ok);
    REQUIRE(sink.items().size() == 1);
    CHECK(sink.items()[0].pos.line == 2);
    CHECK(sink.items()[0].pos.col == 8);
    CHECK(sink.items()[0].message == "YAML syntax error: illegal map value");
}

TEST_CASE("aliases copy the anchored node and take the alias's position", "[yaml]") {
    Sink sink;
    auto result = parse("base: &b {x: 1, y: [a, b]}\ncopy: *b\nword: &w hello\nagain: *w\n", "a.yaml", sink);
    REQUIRE(result.ok);
    CHECK(sink.items().empty());
    const Node& root = only_document(result);
    const Node* copy = root.find("copy");
    REQUIRE(copy);
    REQUIRE(copy->is_map());
    CHECK(copy->pos.line == 2);
    CHECK(copy->pos.col == 7);
    CHECK(copy->find("x")->value == "1");
    REQUIRE(copy->find("y")->items.size() == 2);
    CHECK(copy->find("y")->items[1].value == "b");
    CHECK(root.find("again")->value == "hello");
    CHECK(root.find("again")->pos.line == 4);
}

TEST_CASE("multi-document files give one tree per document", "[yaml]") {
    Sink sink;
    auto result = parse("---\na: 1\n---\n- x\n- y\n...\n---\n", "multi.yaml", sink);
    REQUIRE(result.ok);
    REQUIRE(result.documents.size() == 3);
    CHECK(result.documents[0].is_map());
    CHECK(result.documents[1].is_sequence());
    CHECK(result.documents[1].items.size() == 2);
    CHECK(result.documents[1].pos.line == 4);
    CHECK(result.documents[2].is_null());
}

TEST_CASE("an empty file has no documents", "[yaml]") {
    Sink sink;
    auto result = parse("", "empty.yaml", sink);
    CHECK(result.ok);
    CHECK(result.documents.empty());
    CHECK(sink.items().empty());
}

TEST_CASE("quoted and block scalars are marked quoted; plain ones and nulls are not", "[yaml]") {
    Sink sink;
    auto result = parse(
        "plain: 2026-03-01\nsingle: 'yes'\ndouble: \"P2Y\"\nfolded: >-\n  two\n  lines\n"
        "literal: |\n  text\nnothing:\ntilde: ~\n",
        "a.yaml", sink);
    REQUIRE(result.ok);
    const Node& root = only_document(result);
    CHECK_FALSE(root.find("plain")->quoted);
    CHECK(root.find("plain")->value == "2026-03-01");
    CHECK(root.find("single")->quoted);
    CHECK(root.find("single")->value == "yes");
    CHECK(root.find("double")->quoted);
    CHECK(root.find("double")->value == "P2Y");
    CHECK(root.find("folded")->quoted);
    CHECK(root.find("folded")->value == "two lines");
    CHECK(root.find("literal")->value == "text\n");
    CHECK(root.find("nothing")->is_null());
    // yaml-cpp marks an empty value where the next token starts, not after the colon.
    CHECK(root.find("nothing")->pos.line == 10);
    CHECK(root.find("tilde")->is_null());
}

TEST_CASE("text is parsed in place, including text without a final newline and with NUL-free views", "[yaml]") {
    std::string buffer = "a: 1\nb: two";
    std::string_view view(buffer.data(), 9);  // "a: 1\nb: t"
    Sink sink;
    auto result = parse(view, "a.yaml", sink);
    REQUIRE(result.ok);
    CHECK(only_document(result).find("b")->value == "t");
}

TEST_CASE("nested aliases stop at the expansion budget with a finding", "[yaml]") {
    std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i <= 7; ++i)
        text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [*a" + std::to_string(i - 1) + ", *a" +
                std::to_string(i - 1) + ", *a" + std::to_string(i - 1) + ", *a" + std::to_string(i - 1) + ", *a" +
                std::to_string(i - 1) + ", *a" + std::to_string(i - 1) + ", *a" + std::to_string(i - 1) + ", *a" +
                std::to_string(i - 1) + ", *a" + std::to_string(i - 1) + ", *a" + std::to_string(i - 1) + "]\n";
    gdprctl::diag::Sink sink;
    auto parsed = gdprctl::yaml::parse(text, "bomb.yaml", sink);
    CHECK_FALSE(parsed.ok);
    CHECK(parsed.documents.empty());
    REQUIRE(sink.items().size() == 1);
    CHECK(sink.items()[0].rule_id == "yaml-expansion-too-large");

    gdprctl::diag::Sink small_sink;  // a few aliases within the budget are expanded as before
    auto small = gdprctl::yaml::parse("a: &x [1, 2]\nb: *x\nc: *x\n", "ok.yaml", small_sink);
    CHECK(small.ok);
    CHECK(small_sink.items().empty());
    CHECK(small.documents.at(0).find("c")->items.size() == 2);
}

TEST_CASE("an unterminated double quote that swallows keys is reported at its opening", "[yaml]") {
    gdprctl::diag::Sink sink;
    auto parsed = gdprctl::yaml::parse("a:\n  name: \"open\n  owner: x\n", "q.yaml", sink);
    CHECK_FALSE(parsed.ok);
    REQUIRE(sink.items().size() == 1);
    CHECK(sink.items()[0].rule_id == "yaml-syntax");
    CHECK(sink.items()[0].pos.line == 2);
    CHECK(sink.items()[0].pos.col == 9);
}

namespace {

// Records what the parser hands over: the key, the list's position and each item's first scalar.
class RecordingHook : public gdprctl::yaml::ItemHook {
public:
    struct Taken {
        std::string key;
        gdprctl::diag::Position list;
        std::string id;
    };
    std::vector<Taken> taken;
    bool wants(std::string_view key) const override { return key == "systems"; }
    void take(std::string_view key, gdprctl::diag::Position list, Node& item) override {
        const Node* id = item.find("id");
        taken.push_back({std::string(key), list, id ? id->value : std::string("?")});
    }
};

gdprctl::yaml::ParseResult parse_with(std::string_view text, Sink& sink, RecordingHook& hook) {
    return parse(text, "s.yaml", sink, gdprctl::yaml::ExpansionBudget::for_text(text.size()), &hook);
}

}  // namespace

TEST_CASE("the items of a wanted top-level list go to the hook as they complete and leave the list empty", "[yaml]") {
    Sink sink;
    RecordingHook hook;
    auto parsed = parse_with("systems:\n  - id: a\n  - id: b\nrecipients:\n  - id: r\n", sink, hook);
    REQUIRE(parsed.ok);
    REQUIRE(hook.taken.size() == 2);
    CHECK(hook.taken[0].key == "systems");
    CHECK(hook.taken[0].id == "a");
    CHECK(hook.taken[1].id == "b");
    CHECK(hook.taken[0].list.line == 2);
    CHECK(hook.taken[0].list.col == 3);
    const Node& root = only_document(parsed);
    REQUIRE(root.find("systems"));
    CHECK(root.find("systems")->is_sequence());
    CHECK(root.find("systems")->items.empty());
    // A list the hook does not want stays in the tree.
    CHECK(root.find("recipients")->items.size() == 1);
}

TEST_CASE("nested lists, anchored lists and duplicate keys are not streamed", "[yaml]") {
    Sink sink;
    RecordingHook hook;
    auto parsed = parse_with("x:\n  systems:\n    - id: deep\nsystems: &all\n  - id: a\nother: *all\n", sink, hook);
    REQUIRE(parsed.ok);
    CHECK(hook.taken.empty());
    const Node& root = only_document(parsed);
    CHECK(root.find("systems")->items.size() == 1);
    CHECK(root.find("other")->items.size() == 1);  // the alias copied the whole list

    Sink sink2;
    RecordingHook hook2;
    auto again = parse_with("systems:\n  - id: a\nsystems:\n  - id: b\n", sink2, hook2);
    REQUIRE(hook2.taken.size() == 1);  // the duplicate's items are skipped, as its value is
    CHECK(hook2.taken[0].id == "a");
    REQUIRE(sink2.items().size() == 1);
    CHECK(sink2.items()[0].rule_id == "duplicate-key");
}

TEST_CASE("an unclosed quote voids the file whether it sits in a streamed item or in the tree kept", "[yaml]") {
    SECTION("in a streamed item: reported at its opening, the file's documents dropped") {
        Sink sink;
        RecordingHook hook;
        auto parsed = parse_with("systems:\n  - id: a\n  - id: b\n    name: \"open\n    owner: x\n", sink, hook);
        CHECK_FALSE(parsed.ok);
        CHECK(parsed.documents.empty());
        REQUIRE(sink.items().size() == 1);
        CHECK(sink.items()[0].rule_id == "yaml-syntax");
        CHECK(sink.items()[0].pos.line == 4);
        CHECK(sink.items()[0].pos.col == 11);
    }
    SECTION("the earlier of an item's problem and the tree's is the one reported") {
        Sink sink;
        RecordingHook hook;
        auto parsed = parse_with(
            "policy:\n  url: \"open\n  owner: x\"\nsystems:\n  - id: a\n    name: \"b\n    owner: x\"\n", sink, hook);
        CHECK_FALSE(parsed.ok);
        REQUIRE(sink.items().size() == 1);
        CHECK(sink.items()[0].pos.line == 2);
    }
    SECTION("an item's problem in a document cut short by a syntax error is not reported, as before") {
        Sink sink;
        RecordingHook hook;
        auto parsed = parse_with("systems:\n  - id: a\n    name: \"b\n    owner: x\"\n  - [unclosed\n", sink, hook);
        CHECK_FALSE(parsed.ok);
        REQUIRE(sink.items().size() == 1);
        CHECK(sink.items()[0].message.find("YAML syntax error") == 0);
    }
}
