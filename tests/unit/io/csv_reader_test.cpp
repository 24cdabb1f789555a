#include "io/csv_reader.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace gdprctl;

namespace {

struct Record {
    std::size_t line;
    std::vector<std::string> fields;
    std::string raw;
    bool operator==(const Record&) const = default;
};

std::vector<Record> read_all(const std::string& text, std::size_t chunk, std::size_t max_record = 1 << 20,
                             io::CsvReader::Status* last = nullptr) {
    io::StringSource source(text, chunk);
    io::CsvReader reader(source, max_record);
    std::vector<Record> records;
    io::CsvReader::Status status;
    while ((status = reader.next()) == io::CsvReader::Status::record) {
        Record record{reader.line(), {}, std::string(reader.raw())};
        for (std::size_t i = 0; i < reader.size(); ++i) record.fields.emplace_back(reader.field(i));
        records.push_back(std::move(record));
    }
    if (last) *last = status;
    return records;
}

}  // namespace

namespace Catch {
template <>
struct StringMaker<Record> {
    static std::string convert(const Record& r) {
        std::string out = std::to_string(r.line) + ":[";
        for (const auto& f : r.fields) out += "<" + f + ">";
        return out + "] raw <" + r.raw + ">";
    }
};
}  // namespace Catch

TEST_CASE("CsvReader reads RFC 4180 records whatever the read size", "[io]") {
    const std::string text = "a,b,c\r\n\"x,1\",\"he said \"\"hi\"\"\",\n\n\"multi\r\nline\",,\"\"\rlast,\"q\"";
    auto chunk = GENERATE(std::size_t{1}, std::size_t{2}, std::size_t{5}, std::size_t{4096});
    auto records = read_all(text, chunk);
    std::vector<Record> want{
        {1, {"a", "b", "c"}, "a,b,c"},
        {2, {"x,1", "he said \"hi\"", ""}, "\"x,1\",\"he said \"\"hi\"\"\","},
        {4, {"multi\r\nline", "", ""}, "\"multi\r\nline\",,\"\""},
        {6, {"last", "q"}, "last,\"q\""},
    };
    CHECK(records == want);
}

TEST_CASE("CsvReader bounds a record: an unterminated quote cannot take all memory", "[io]") {
    std::string text = "id,at\n1,\"" + std::string(5000, 'x') + "\n2,2020-01-01\n";
    io::CsvReader::Status last{};
    auto records = read_all(text, 512, 1024, &last);
    CHECK(records.size() == 1);
    CHECK(last == io::CsvReader::Status::too_long);
}

TEST_CASE("CsvReader: an unterminated quote at the end of input is the rest of the input, flagged", "[io]") {
    io::StringSource source("a,\"bc\nd", 3);
    io::CsvReader reader(source);
    REQUIRE(reader.next() == io::CsvReader::Status::record);
    CHECK(reader.field(1) == "bc\nd");
    CHECK(reader.malformed());
    CHECK(reader.next() == io::CsvReader::Status::end);
}

TEST_CASE("LineReader splits LF and CRLF lines, the last one without a line ending too", "[io]") {
    io::StringSource source("one\r\ntwo\n\nthree", 2);
    io::LineReader reader(source);
    std::vector<std::string> lines;
    while (reader.next() == io::LineReader::Status::line) lines.emplace_back(reader.text());
    CHECK(lines == std::vector<std::string>{"one", "two", "", "three"});
}
