#include "output/json_writer.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using gdprctl::output::JsonWriter;

TEST_CASE("JSON writer nests, separates and escapes", "[output][json]") {
    std::ostringstream out;
    {
        JsonWriter json(out, false);
        json.begin_object();
        json.field("text", "quote \" backslash \\ newline \n tab \t bell \x07");
        json.field("n", 42).field("yes", true);
        json.key("list").begin_array().value("a").null().begin_object().end_object().end_array();
        json.strings("empty", {});
        json.end_object();
    }
    CHECK(out.str() ==
          R"({"text":"quote \" backslash \\ newline \n tab \t bell \u0007","n":42,"yes":true,"list":["a",null,{}],"empty":[]})");
}

TEST_CASE("pretty JSON is indented and ends with a newline", "[output][json]") {
    std::ostringstream out;
    JsonWriter json(out);
    json.begin_object().field("a", 1).key("b").begin_array().value(2).end_array().end_object();
    CHECK(out.str() == "{\n  \"a\": 1,\n  \"b\": [\n    2\n  ]\n}\n");
}
