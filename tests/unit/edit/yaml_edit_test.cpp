#include "edit/yaml_edit.hpp"
#include "errors.hpp"

#include <catch2/catch.hpp>

using namespace gdprctl;

namespace {

yaml::Node parse(const std::string& text) {
    diag::Sink sink;
    auto parsed = yaml::parse(text, "test.yaml", sink);
    REQUIRE(sink.items().empty());
    REQUIRE(parsed.documents.size() == 1);
    return parsed.documents.front();
}

const yaml::Node& first_system(const yaml::Node& root) {
    return root.find("systems")->items.front();
}

}  // namespace

TEST_CASE("replace_scalar keeps plain scalars plain and leaves the rest of the line", "[yaml_edit]") {
    std::string text = "a: 1   # first\nowner: Sales # who\nz: 3\n";
    auto root = parse(text);
    CHECK(edit::replace_scalar(text, *root.find("owner"), "Customer Success") ==
          "a: 1   # first\nowner: Customer Success # who\nz: 3\n");
    // A value that plain style cannot hold becomes double-quoted.
    CHECK(edit::replace_scalar(text, *root.find("owner"), "a: b") == "a: 1   # first\nowner: \"a: b\" # who\nz: 3\n");
}

TEST_CASE("replace_scalar keeps single and double quoting", "[yaml_edit]") {
    std::string text = "name: 'O''Brien' # keep\nnote: \"say \\\"hi\\\"\"\nnext: x\n";
    auto root = parse(text);
    REQUIRE(root.find("name")->value == "O'Brien");
    CHECK(edit::replace_scalar(text, *root.find("name"), "It's") ==
          "name: 'It''s' # keep\nnote: \"say \\\"hi\\\"\"\nnext: x\n");
    CHECK(edit::replace_scalar(text, *root.find("note"), "a \\ b") ==
          "name: 'O''Brien' # keep\nnote: \"a \\\\ b\"\nnext: x\n");
    auto round = parse(edit::replace_scalar(text, *root.find("note"), "tab\there \"q\""));
    CHECK(round.find("note")->value == "tab\there \"q\"");
}

TEST_CASE("replace_scalar inside a flow map", "[yaml_edit]") {
    std::string text = "systems:\n  - {id: crm, name: CRM, owner: Sales}\n";
    auto root = parse(text);
    const auto& system = first_system(root);
    CHECK(edit::replace_scalar(text, *system.find("name"), "New, name") ==
          "systems:\n  - {id: crm, name: \"New, name\", owner: Sales}\n");
}

TEST_CASE("set_scalar inserts a key into a flow map before its closing brace", "[yaml_edit]") {
    std::string text = "systems:\n  - {id: crm, name: CRM}  # the CRM\n";
    auto root = parse(text);
    auto out = edit::set_scalar(text, first_system(root), "last_review", "2027-01-15");
    CHECK(out == "systems:\n  - {id: crm, name: CRM, last_review: 2027-01-15}  # the CRM\n");
    CHECK(first_system(parse(out)).find("last_review")->value == "2027-01-15");
}

TEST_CASE("set_scalar inserts after a nested block with the map's indentation", "[yaml_edit]") {
    std::string text =
        "systems:\n"
        "  - id: crm\n"
        "    purposes:\n"
        "      - id: p\n"
        "        basis: contract  # why\n"
        "\n"
        "  # the second system\n"
        "  - id: two\n";
    auto root = parse(text);
    auto out = edit::set_scalar(text, first_system(root), "last_review", "2027-01-15");
    CHECK(out ==
          "systems:\n"
          "  - id: crm\n"
          "    purposes:\n"
          "      - id: p\n"
          "        basis: contract  # why\n"
          "    last_review: 2027-01-15\n"
          "\n"
          "  # the second system\n"
          "  - id: two\n");
}

TEST_CASE("set_scalar handles a list at its key's indentation", "[yaml_edit]") {
    std::string text = "- id: a\n  data:\n  - x\n  - y\n- id: b\n";
    auto root = parse(text);
    auto out = edit::set_scalar(text, root.items.front(), "last_review", "2026-01-01", "reviewed by ISO");
    CHECK(out == "- id: a\n  data:\n  - x\n  - y\n  last_review: 2026-01-01 # reviewed by ISO\n- id: b\n");
}

TEST_CASE("set_scalar replaces an earlier review comment but keeps the user's own", "[yaml_edit]") {
    std::string stamped = "systems:\n  - id: a\n    last_review: 2025-01-01 # reviewed by Bob\n";
    auto out =
        edit::set_scalar(stamped, first_system(parse(stamped)), "last_review", "2026-02-02", "reviewed by ISO: ok");
    CHECK(out == "systems:\n  - id: a\n    last_review: 2026-02-02 # reviewed by ISO: ok\n");
    std::string own = "systems:\n  - id: a\n    last_review: 2025-01-01 # see ticket 7\n";
    CHECK(edit::set_scalar(own, first_system(parse(own)), "last_review", "2026-02-02", "reviewed by ISO") ==
          "systems:\n  - id: a\n    last_review: 2026-02-02 # see ticket 7\n");
}

TEST_CASE("CRLF files keep their line endings", "[yaml_edit]") {
    std::string text = "systems:\r\n  - id: a\r\n    name: 'Old'\r\n";
    auto root = parse(text);
    auto replaced = edit::set_scalar(text, first_system(root), "name", "New");
    CHECK(replaced == "systems:\r\n  - id: a\r\n    name: 'New'\r\n");
    auto inserted = edit::set_scalar(text, first_system(root), "owner", "Sales");
    CHECK(inserted == "systems:\r\n  - id: a\r\n    name: 'Old'\r\n    owner: Sales\r\n");
    auto appended = edit::append_item(text, root, "systems", "id: b\nname: B");
    CHECK(appended == "systems:\r\n  - id: a\r\n    name: 'Old'\r\n  - id: b\r\n    name: B\r\n");
}

TEST_CASE("a file without a final line break keeps ending without one", "[yaml_edit]") {
    std::string text = "systems:\n  - id: a\n    name: A";
    auto root = parse(text);
    CHECK(edit::set_scalar(text, first_system(root), "name", "B") == "systems:\n  - id: a\n    name: B");
    CHECK(edit::set_scalar(text, first_system(root), "owner", "Sales") ==
          "systems:\n  - id: a\n    name: A\n    owner: Sales");
    CHECK(edit::append_item(text, root, "systems", "id: b") == "systems:\n  - id: a\n    name: A\n  - id: b");
}

TEST_CASE("append_item adds to an existing list without touching what follows", "[yaml_edit]") {
    std::string text =
        "# register\n"
        "recipients:\n"
        "- id: a   # first\n"
        "  name: A\n"
        "\n"
        "cookies: []\n";
    auto root = parse(text);
    auto out = edit::append_item(text, root, "recipients", "id: b\nname: B");
    CHECK(out ==
          "# register\n"
          "recipients:\n"
          "- id: a   # first\n"
          "  name: A\n"
          "- id: b\n"
          "  name: B\n"
          "\n"
          "cookies: []\n");
    auto cookies = edit::append_item(text, root, "cookies", "name: _ga");
    CHECK(cookies ==
          "# register\n"
          "recipients:\n"
          "- id: a   # first\n"
          "  name: A\n"
          "\n"
          "cookies:\n"
          "  - name: _ga\n");
    CHECK(parse(cookies).find("cookies")->items.size() == 1);
}

TEST_CASE("append_item creates a missing list or fills an empty one", "[yaml_edit]") {
    std::string text = "# only a comment\n";
    CHECK(edit::append_item(text, yaml::Node{}, "cookies", "name: x\nexpiry: session") ==
          "# only a comment\ncookies:\n  - name: x\n    expiry: session\n");
    std::string empty = "cookies:   # the table\nrecipients: []\n";
    auto root = parse(empty);
    CHECK(edit::append_item(empty, root, "cookies", "name: x") ==
          "cookies:   # the table\n  - name: x\nrecipients: []\n");
    std::string flow = "cookies: [{name: a}]\n";
    CHECK_THROWS_AS(edit::append_item(flow, parse(flow), "cookies", "name: x"), UsageError);
}

TEST_CASE("remove_item removes exactly one entry", "[yaml_edit]") {
    std::string text =
        "cookies:\n"
        "  - name: a\n"
        "    expiry: P1Y\n"
        "  # b is ours\n"
        "  - name: b\n"
        "    expiry: session\n"
        "  - name: c\n"
        "    expiry: P1D\n"
        "other: 1\n";
    auto root = parse(text);
    const auto& list = *root.find("cookies");
    CHECK(edit::remove_item(text, list, 0) ==
          "cookies:\n  # b is ours\n  - name: b\n    expiry: session\n  - name: c\n    expiry: P1D\nother: 1\n");
    CHECK(edit::remove_item(text, list, 1) ==
          "cookies:\n  - name: a\n    expiry: P1Y\n  # b is ours\n  - name: c\n    expiry: P1D\nother: 1\n");
    CHECK(edit::remove_item(text, list, 2) ==
          "cookies:\n  - name: a\n    expiry: P1Y\n  # b is ours\n  - name: b\n    expiry: session\nother: 1\n");
    std::string single = "cookies:\n  - name: a";
    auto removed = edit::remove_item(single, *parse(single).find("cookies"), 0);
    CHECK(removed == "cookies:");
    CHECK(parse(removed).find("cookies")->is_null());
}

TEST_CASE("render_scalar quotes what plain style would change", "[yaml_edit]") {
    CHECK(edit::render_scalar("Information Security Officer") == "Information Security Officer");
    CHECK(edit::render_scalar("2026-01-01") == "2026-01-01");
    CHECK(edit::render_scalar("yes") == "\"yes\"");
    CHECK(edit::render_scalar("") == "\"\"");
    CHECK(edit::render_scalar("a #b") == "\"a #b\"");
    CHECK(edit::render_scalar("- x") == "\"- x\"");
    CHECK(edit::render_scalar("x, y") == "\"x, y\"");
    CHECK(edit::render_scalar("line\nbreak") == "\"line\\nbreak\"");
    CHECK(edit::render_scalar("it's", edit::QuoteStyle::single) == "'it''s'");
}

TEST_CASE("multi-line scalars are refused rather than damaged", "[yaml_edit]") {
    std::string text = "description: |\n  two\n  lines\nname: plain\n  continued\n";
    auto root = parse(text);
    CHECK_THROWS_AS(edit::replace_scalar(text, *root.find("description"), "x"), UsageError);
    CHECK_THROWS_AS(edit::replace_scalar(text, *root.find("name"), "x"), UsageError);
}

TEST_CASE("set_scalar fills a key that has no value", "[yaml_edit]") {
    std::string text = "a:\nb: ~   # later\nc:   # soon\nd: 1\n";
    auto root = parse(text);
    auto out = edit::set_scalar(text, root, "a", "x");
    CHECK(out == "a: x\nb: ~   # later\nc:   # soon\nd: 1\n");
    CHECK(edit::set_scalar(text, root, "b", "y") == "a:\nb: y   # later\nc:   # soon\nd: 1\n");
    CHECK(edit::set_scalar(text, root, "c", "z") == "a:\nb: ~   # later\nc: z  # soon\nd: 1\n");
    CHECK(parse(out).find("a")->value == "x");
}

TEST_CASE("append_item refuses a layout that would swallow the new item", "[yaml_edit]") {
    // Found by fuzz_yaml_edit: the last line continues a plain scalar and has no line break, so
    // lines added after it would read as part of that scalar, or not at all.
    std::string text = "systems:\n  - id: a\n    data: [x]\n    more words ";
    diag::Sink sink;
    auto parsed = yaml::parse(text, "test.yaml", sink);
    REQUIRE(parsed.ok);
    REQUIRE(parsed.documents.size() == 1);
    CHECK_THROWS_AS(edit::append_item(text, parsed.documents.front(), "systems", "id: b"), UsageError);
}

TEST_CASE("set_scalar refuses a layout that would turn the new key into a syntax error", "[yaml_edit]") {
    // Found by fuzz_yaml_edit: a plain scalar continued on the file's last line, at the indentation
    // of its map's keys; a key inserted after it makes the file unreadable.
    std::string text = "systems:\n  - id: crm\n    purposes:\n      - id: service\n        description: Words\n"
                       "        more";
    diag::Sink sink;
    auto parsed = yaml::parse(text, "test.yaml", sink);
    REQUIRE(parsed.ok);
    REQUIRE(parsed.documents.size() == 1);
    CHECK_THROWS_AS(edit::set_scalar(text, first_system(parsed.documents.front()), "name", "CRM"), UsageError);
}
