#include "io/csv_reader.hpp"

#include <algorithm>
#include <cstring>

namespace gdprctl::io {
namespace {

constexpr std::size_t read_size = std::size_t{1} << 20;

}  // namespace

CsvReader::CsvReader(ByteSource& source, std::size_t max_record)
    : source_(source), max_record_(max_record), buffer_(read_size + max_record + 1) {}

std::string_view CsvReader::field(std::size_t i) const {
    const auto& f = fields_[i];
    return f.unescaped ? std::string_view(scratch_.data() + f.begin, f.length)
                       : std::string_view(buffer_.data() + f.begin, f.length);
}

bool CsvReader::fill() {
    // Keep the unfinished record: move it to the front, then read behind it.
    if (record_begin_ > 0) {
        std::memmove(buffer_.data(), buffer_.data() + record_begin_, end_ - record_begin_);
        end_ -= record_begin_;
        pos_ -= record_begin_;
        record_begin_ = 0;
    }
    if (eof_) return false;
    std::size_t room = buffer_.size() - end_;
    if (room == 0) return false;
    auto got = source_.read(buffer_.data() + end_, std::min(room, read_size));
    if (got == 0) {
        eof_ = true;
        return false;
    }
    end_ += got;
    return true;
}

bool CsvReader::parse(bool at_eof) {
    fields_.clear();
    scratch_.clear();
    malformed_ = false;
    std::size_t newlines = 0;
    std::size_t i = record_begin_;
    const char* data = buffer_.data();
    auto count_newlines = [&](std::size_t from, std::size_t to) {
        newlines += static_cast<std::size_t>(std::count(data + from, data + to, '\n'));
    };
    for (;;) {
        if (i < end_ && data[i] == '"') {
            std::size_t start = ++i;
            std::size_t content_end = 0;
            bool doubled = false;
            std::size_t scratch_start = scratch_.size();
            for (;;) {
                const void* q = i < end_ ? std::memchr(data + i, '"', end_ - i) : nullptr;
                if (!q) {
                    if (!at_eof) return false;
                    malformed_ = true;  // unterminated quote: the rest of the input is the field
                    count_newlines(i, end_);
                    if (doubled) scratch_.append(data + i, end_ - i);
                    content_end = i = end_;
                    break;
                }
                auto qi = static_cast<std::size_t>(static_cast<const char*>(q) - data);
                if (qi + 1 >= end_ && !at_eof) return false;  // a doubled quote or the closing one?
                count_newlines(i, qi);
                if (qi + 1 < end_ && data[qi + 1] == '"') {
                    scratch_.append(data + (doubled ? i : start), qi + 1 - (doubled ? i : start));
                    doubled = true;
                    i = qi + 2;
                    continue;
                }
                if (doubled) scratch_.append(data + i, qi - i);
                content_end = qi;
                i = qi + 1;
                break;
            }
            if (doubled)
                fields_.push_back({scratch_start, scratch_.size() - scratch_start, true});
            else
                fields_.push_back({start, content_end - start, false});
            // Text between a closing quote and the next separator is not RFC 4180: dropped, flagged.
            while (i < end_ && data[i] != ',' && data[i] != '\n' && data[i] != '\r') {
                malformed_ = true;
                ++i;
            }
        } else {
            std::size_t start = i;
            while (i < end_) {
                char c = data[i];
                if (c == ',' || c == '\n' || c == '\r') break;
                ++i;
            }
            fields_.push_back({start, i - start, false});
        }
        if (i >= end_) {
            if (!at_eof) return false;
            record_end_ = pos_ = end_;
            break;
        }
        char c = data[i];
        if (c == ',') {
            ++i;
            continue;
        }
        // The record ends with LF, CRLF or a lone CR.
        record_end_ = i;
        if (c == '\r') {
            if (i + 1 >= end_ && !at_eof) return false;
            ++i;
            if (i < end_ && data[i] == '\n') ++i;
        } else {
            ++i;
        }
        ++newlines;
        pos_ = i;
        break;
    }
    line_ = next_line_;
    next_line_ += newlines;
    return true;
}

CsvReader::Status CsvReader::next() {
    for (;;) {
        record_begin_ = pos_;
        if (pos_ >= end_) {
            if (eof_ || !fill()) {
                if (pos_ >= end_) return Status::end;
            }
            continue;
        }
        while (!parse(eof_)) {
            if (end_ - record_begin_ > max_record_) return Status::too_long;
            if (!fill() && !eof_) return Status::too_long;
        }
        if (fields_.size() == 1 && record_end_ == record_begin_) continue;  // a blank line
        return Status::record;
    }
}

LineReader::LineReader(ByteSource& source, std::size_t max_line)
    : source_(source), max_line_(max_line), buffer_(read_size + max_line + 1) {}

LineReader::Status LineReader::next() {
    std::size_t scanned = pos_;
    for (;;) {
        const void* nl = scanned < end_ ? std::memchr(buffer_.data() + scanned, '\n', end_ - scanned) : nullptr;
        if (nl || (eof_ && pos_ < end_)) {
            auto stop = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - buffer_.data()) : end_;
            auto length = stop - pos_;
            if (length > 0 && buffer_[pos_ + length - 1] == '\r') --length;
            text_ = std::string_view(buffer_.data() + pos_, length);
            pos_ = nl ? stop + 1 : end_;
            ++line_;
            return Status::line;
        }
        if (eof_) return Status::end;
        if (end_ - pos_ > max_line_) return Status::too_long;
        if (pos_ > 0) {
            std::memmove(buffer_.data(), buffer_.data() + pos_, end_ - pos_);
            end_ -= pos_;
            pos_ = 0;
        }
        scanned = end_;
        auto got = source_.read(buffer_.data() + end_, std::min(buffer_.size() - end_, read_size));
        if (got == 0) eof_ = true;
        end_ += got;
    }
}

}  // namespace gdprctl::io
