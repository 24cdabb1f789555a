#include "output/json_writer.hpp"

#include <fmt/format.h>

namespace gdprctl::output {
namespace {

void append_json_string(std::string& out, std::string_view text) {
    out += '"';
    // Runs of characters that need no escape are appended in one go.
    std::size_t run_start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(text.data() + run_start, i - run_start);
        run_start = i + 1;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default: out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        }
    }
    out.append(text.data() + run_start, text.size() - run_start);
    out += '"';
}

// Output is gathered in a string and handed to the stream in blocks: one ostream call per
// token would cost more than producing large listings.
constexpr std::size_t flush_threshold = 1 << 16;

}  // namespace

void write_json_string(std::ostream& out, std::string_view text) {
    std::string quoted;
    append_json_string(quoted, text);
    out << quoted;
}

JsonWriter::~JsonWriter() {
    flush();
    if (pretty_ && stack_.empty()) out_.flush();
}

void JsonWriter::flush() {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
}

// A complete top-level value goes to the stream at once, so that callers may write to the same
// stream between documents.
void JsonWriter::after_value() {
    if (stack_.empty() || buffer_.size() >= flush_threshold) flush();
}

void JsonWriter::newline() {
    if (!pretty_) return;
    buffer_ += '\n';
    buffer_.append(stack_.size() * 2, ' ');
}

void JsonWriter::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (stack_.empty()) return;
    auto& level = stack_.back();
    if (!level.empty) buffer_ += ',';
    level.empty = false;
    newline();
}

JsonWriter& JsonWriter::begin_object() {
    before_value();
    buffer_ += '{';
    stack_.push_back({true});
    return *this;
}

JsonWriter& JsonWriter::end_object() {
    bool empty = stack_.back().empty;
    stack_.pop_back();
    if (!empty) newline();
    buffer_ += '}';
    if (stack_.empty() && pretty_) buffer_ += '\n';
    after_value();
    return *this;
}

JsonWriter& JsonWriter::begin_array() {
    before_value();
    buffer_ += '[';
    stack_.push_back({false});
    return *this;
}

JsonWriter& JsonWriter::end_array() {
    bool empty = stack_.back().empty;
    stack_.pop_back();
    if (!empty) newline();
    buffer_ += ']';
    if (stack_.empty() && pretty_) buffer_ += '\n';
    after_value();
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
    before_value();
    append_json_string(buffer_, name);
    buffer_ += pretty_ ? ": " : ":";
    after_key_ = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
    before_value();
    append_json_string(buffer_, text);
    after_value();
    return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number) {
    before_value();
    buffer_ += std::to_string(number);
    after_value();
    return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
    before_value();
    buffer_ += flag ? "true" : "false";
    after_value();
    return *this;
}

JsonWriter& JsonWriter::null() {
    before_value();
    buffer_ += "null";
    after_value();
    return *this;
}

JsonWriter& JsonWriter::strings(std::string_view name, const std::vector<std::string>& items) {
    key(name);
    begin_array();
    for (const auto& item : items) value(item);
    return end_array();
}

}  // namespace gdprctl::output
