#include "register/text_checks.hpp"

#include <catch2/catch.hpp>

using namespace gdprctl;

TEST_CASE("invalid UTF-8 is a finding at its position and is repaired", "[register]") {
    std::string text = "a: 1\nname: caf\xe9 au lait\n";
    diag::Sink sink;
    CHECK(reg::check_register_text(text, "x.yaml", sink));
    REQUIRE(sink.items().size() == 1);
    CHECK(sink.items()[0].rule_id == "invalid-utf8");
    CHECK(sink.items()[0].pos.line == 2);
    CHECK(sink.items()[0].pos.col == 10);
    CHECK(text == "a: 1\nname: caf\xEF\xBF\xBD au lait\n");
}

TEST_CASE("valid UTF-8 is left alone; overlongs and surrogates are not valid", "[register]") {
    std::string ok = "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80";
    CHECK(reg::repair_utf8(ok) == 0);
    std::string overlong = "\xC0\xAF";
    CHECK(reg::repair_utf8(overlong) == 2);
    std::string surrogate = "\xED\xA0\x80";
    CHECK(reg::repair_utf8(surrogate) == 3);
}

TEST_CASE("a NUL byte and CR-only line endings are named", "[register]") {
    std::string nul("a: 1\n\0b: 2\n", 11);
    diag::Sink sink;
    CHECK_FALSE(reg::check_register_text(nul, "x.yaml", sink));
    REQUIRE(sink.items().size() == 1);
    CHECK(sink.items()[0].message.find("NUL byte") != std::string::npos);
    CHECK(sink.items()[0].pos.line == 2);

    std::string cr = "a: 1\rb: 2\r";
    diag::Sink cr_sink;
    CHECK_FALSE(reg::check_register_text(cr, "x.yaml", cr_sink));
    REQUIRE(cr_sink.items().size() == 1);
    CHECK(cr_sink.items()[0].message.find("CR only") != std::string::npos);
}
