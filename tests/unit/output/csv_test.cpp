#include "output/csv.hpp"

#include <catch2/catch.hpp>

using namespace gdprctl;

TEST_CASE("csv_cell quotes per RFC 4180 and neutralises formulas", "[output]") {
    auto [in, out] = GENERATE(table<const char*, const char*>({
        {"plain", "plain"},
        {"a,b", "\"a,b\""},
        {"say \"hi\"", "\"say \"\"hi\"\"\""},
        {"two\nlines", "\"two\nlines\""},
        {"=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""},
        {"+1", "\"'+1\""},
        {"-2+3", "\"'-2+3\""},
        {"@SUM(A1)", "\"'@SUM(A1)\""},
        {"\tx", "\"'\tx\""},
        {"a, b", "\"a, b\""},
        {"+31 20 123", "\"'+31 20 123\""},
        {"-2", "\"'-2\""},
        {"a=b", "a=b"},
        {"=\"x\"", "\"'=\"\"x\"\"\""},
        {"", ""},
        {"P1Y", "P1Y"},
    }));
    CHECK(output::csv_cell(in) == out);
}

TEST_CASE("csv_row ends records with CRLF", "[output]") {
    CHECK(output::csv_row({"a", "=b", "c,d"}) == "a,\"'=b\",\"c,d\"\r\n");
    CHECK(output::csv_row({"a", "b,c", ""}) == "a,\"b,c\",\r\n");
}
