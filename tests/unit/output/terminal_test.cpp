#include "output/terminal.hpp"

#include <catch2/catch.hpp>

using namespace gdprctl;

TEST_CASE("terminal_escape makes control and bidi characters visible", "[output]") {
    CHECK(output::terminal_escape("plain caf\xC3\xA9") == "plain caf\xC3\xA9");
    CHECK(output::terminal_escape("a\x1b]0;x\x07") == "a\\x1b]0;x\\x07");
    CHECK(output::terminal_escape("one\ntwo\r") == "one\\ntwo\\r");
    CHECK(output::terminal_escape("a\xE2\x80\xAE" "b") == "a\\u202eb");
    CHECK(output::terminal_escape("\xC2\x9B" "31m") == "\\u009b31m");
    CHECK(output::terminal_escape("a\tb") == "a\\tb");
    CHECK(output::terminal_escape("a\tb", true) == "a\tb");
}
