#pragma once

#include "io/byte_source.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gdprctl::io {

// A streaming RFC 4180 reader: comma-separated fields, double-quoted fields that may hold commas,
// line breaks and doubled quotes, records ended by LF or CRLF. Memory is one read buffer plus the
// longest record (bounded by `max_record`); fields are views into the buffer, so reading a record
// allocates nothing once the buffers have grown. Blank lines are not records.
class CsvReader {
public:
    enum class Status { record, end, too_long };

    explicit CsvReader(ByteSource& source, std::size_t max_record = std::size_t{1} << 20);

    // Reads the next record. `too_long`: a record (perhaps an unterminated quote) exceeded
    // `max_record` bytes; the reader cannot find the next record boundary after it.
    Status next();

    std::size_t size() const { return fields_.size(); }
    // Field `i` of the current record, unquoted; valid until the next call of next().
    std::string_view field(std::size_t i) const;
    // The record's bytes as they were in the input, without its line ending.
    std::string_view raw() const { return {buffer_.data() + record_begin_, record_end_ - record_begin_}; }
    // The 1-based line on which the current record starts.
    std::size_t line() const { return line_; }
    // Whether a quoted field had text after its closing quote (`"a"b`): read leniently, as RFC 4180
    // does not allow it; callers may report it.
    bool malformed() const { return malformed_; }

private:
    struct Field {
        std::size_t begin;
        std::size_t length;
        bool unescaped;  // in scratch_ (a quoted field with doubled quotes)
    };
    bool fill();  // more input after the current record start; false at the end of input
    // Parses one record at pos_; false when the buffer ends first (and input remains).
    bool parse(bool at_eof);

    ByteSource& source_;
    std::size_t max_record_;
    std::vector<char> buffer_;
    std::size_t pos_ = 0;  // next unread byte
    std::size_t end_ = 0;  // bytes in buffer_
    bool eof_ = false;
    std::size_t record_begin_ = 0, record_end_ = 0;
    std::size_t line_ = 0, next_line_ = 1;
    bool malformed_ = false;
    std::vector<Field> fields_;
    std::string scratch_;
};

// Reads LF-terminated lines (a trailing CR is dropped) with the same buffering and bound.
class LineReader {
public:
    enum class Status { line, end, too_long };
    explicit LineReader(ByteSource& source, std::size_t max_line = std::size_t{1} << 20);
    Status next();
    std::string_view text() const { return text_; }
    std::size_t line() const { return line_; }

private:
    ByteSource& source_;
    std::size_t max_line_;
    std::vector<char> buffer_;
    std::size_t pos_ = 0, end_ = 0;
    bool eof_ = false;
    std::string_view text_;
    std::size_t line_ = 0;
};

}  // namespace gdprctl::io
