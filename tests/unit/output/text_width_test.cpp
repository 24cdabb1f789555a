#include "output/text_width.hpp"

#include <catch2/catch.hpp>

using gdprctl::output::display_width;

TEST_CASE("display width counts terminal columns, not bytes", "[output]") {
    auto [text, width] = GENERATE(table<std::string, std::size_t>({
        {"", 0},
        {"crm", 3},
        {"Müller", 6},            // 7 bytes
        {"e\xCC\x81", 1},         // e + combining acute accent
        {"東京", 4},              // two wide characters
        {"\xF0\x9F\x98\x80", 2},  // an emoji
        {"\xFF", 1},              // a stray byte counts as one column, never crashes
    }));
    CAPTURE(text);
    CHECK(display_width(text) == width);
}
