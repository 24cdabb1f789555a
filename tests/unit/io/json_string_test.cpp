#include "io/json_string.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace gdprctl;
using io::JsonStringError;

namespace {

struct Decoded {
    JsonStringError error;
    std::string value;
    std::size_t pos;
};

// Decodes the JSON string at the start of `text`.
Decoded decode(std::string_view text) {
    Decoded d{JsonStringError::none, {}, 0};
    d.error = io::decode_json_string(text, d.pos, d.value);
    return d;
}

}  // namespace

TEST_CASE("decode_json_string decodes every escape JSON defines") {
    auto d = decode(R"("a\"b\\c\/d\be\ff\ng\rh\ti\u0041\u00e9\u20AC" tail)");
    REQUIRE(d.error == JsonStringError::none);
    CHECK(d.value == "a\"b\\c/d\be\ff\ng\rh\tiA\xC3\xA9\xE2\x82\xAC");
    CHECK(d.pos == std::string_view(R"("a\"b\\c\/d\be\ff\ng\rh\ti\u0041\u00e9\u20AC")").size());
}

TEST_CASE("decode_json_string keeps UTF-8 and stops at the first closing quote") {
    auto d = decode("\"gr\xC3\xBC\xC3\x9F\" , \"next\"");
    REQUIRE(d.error == JsonStringError::none);
    CHECK(d.value == "gr\xC3\xBC\xC3\x9F");
    CHECK(d.pos == 8);
    CHECK(decode(R"("")").value.empty());
}

TEST_CASE("decode_json_string combines a surrogate pair into one code point") {
    auto d = decode(R"("\uD83D\uDE00!")");
    REQUIRE(d.error == JsonStringError::none);
    CHECK(d.value == "\xF0\x9F\x98\x80!");
    CHECK(decode(R"("\udbff\udfff")").value == "\xF4\x8F\xBF\xBF");
}

TEST_CASE("decode_json_string refuses lone surrogates") {
    SECTION("a high surrogate followed by text") {
        auto d = decode(R"("x\uD83Dy")");
        CHECK(d.error == JsonStringError::lone_surrogate);
        CHECK(d.pos == 2);  // the backslash
    }
    SECTION("a high surrogate followed by another escape") {
        CHECK(decode(R"("\uD83D\n")").error == JsonStringError::lone_surrogate);
        CHECK(decode(R"("\uD83D\u0041")").error == JsonStringError::lone_surrogate);
        CHECK(decode(R"("\uD83D\uD83D")").error == JsonStringError::lone_surrogate);
    }
    SECTION("a high surrogate before the closing quote") {
        CHECK(decode(R"("\uD83D")").error == JsonStringError::lone_surrogate);
    }
    SECTION("a low surrogate alone") {
        auto d = decode(R"("ab\uDE00")");
        CHECK(d.error == JsonStringError::lone_surrogate);
        CHECK(d.pos == 3);
    }
}

TEST_CASE("decode_json_string reports truncated input") {
    CHECK(decode(R"("\u12)").error == JsonStringError::truncated_escape);
    CHECK(decode(R"("\u)").error == JsonStringError::truncated_escape);
    CHECK(decode(R"("\)").error == JsonStringError::truncated_escape);
    CHECK(decode(R"("\uD83D)").error == JsonStringError::truncated_escape);
    CHECK(decode(R"("\uD83D\)").error == JsonStringError::truncated_escape);
    CHECK(decode(R"("\uD83D\uDE)").error == JsonStringError::truncated_escape);
    auto d = decode(R"("abc)");
    CHECK(d.error == JsonStringError::unterminated);
    CHECK(d.pos == 4);
    CHECK(decode("").error == JsonStringError::unterminated);
}

TEST_CASE("decode_json_string refuses invalid escapes, bad hex and control characters") {
    auto d = decode(R"("ok\x")");
    CHECK(d.error == JsonStringError::invalid_escape);
    CHECK(d.pos == 3);
    CHECK(decode(R"("\U0041")").error == JsonStringError::invalid_escape);
    CHECK(decode(R"("\'")").error == JsonStringError::invalid_escape);
    CHECK(decode(R"("\u00G1")").error == JsonStringError::bad_hex);
    CHECK(decode(R"("\u0")").error == JsonStringError::bad_hex);  // the quote is not a digit
    CHECK(decode(R"("\uD83D\uZZZZ")").error == JsonStringError::bad_hex);
    auto c = decode("\"a\tb\"");
    CHECK(c.error == JsonStringError::control_character);
    CHECK(c.pos == 2);
}

TEST_CASE("decode_json_escape leaves its arguments alone on error") {
    std::string out = "kept";
    std::size_t pos = 1;
    CHECK(io::decode_json_escape(R"(x\q)", pos, out) == JsonStringError::invalid_escape);
    CHECK(pos == 1);
    CHECK(out == "kept");
    CHECK(io::decode_json_escape(R"(x\uD800\u0041)", pos, out) == JsonStringError::lone_surrogate);
    CHECK(pos == 1);
    CHECK(out == "kept");
    CHECK(io::decode_json_escape(R"(x\u00e9z)", pos, out) == JsonStringError::none);
    CHECK(pos == 7);
    CHECK(out == "kept\xC3\xA9");
}

TEST_CASE("every JsonStringError has a sentence") {
    for (auto e : {JsonStringError::unterminated, JsonStringError::control_character, JsonStringError::truncated_escape,
                   JsonStringError::invalid_escape, JsonStringError::bad_hex, JsonStringError::lone_surrogate})
        CHECK_FALSE(io::describe(e).empty());
    CHECK(io::describe(JsonStringError::none).empty());
}
