#include "output/json_writer.hpp"

#include <fmt/format.h>

namespace gdprctl::output {

void write_json_string(std::ostream& out, std::string_view text) {
    out.put('"');
    // Runs of characters that need no escape go out in one write: per-character puts dominate
    // the cost of large listings.
    std::size_t run_start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.write(text.data() + run_start, static_cast<std::streamsize>(i - run_start));
        run_start = i + 1;
        switch (c) {
            case '"': out << "\\\""; break;
            case '\\': out << "\\\\"; break;
            case '\n': out << "\\n"; break;
            case '\r': out << "\\r"; break;
            case '\t': out << "\\t"; break;
            case '\b': out << "\\b"; break;
            case '\f': out << "\\f"; break;
            default: out << fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        }
    }
    out.write(text.data() + run_start, static_cast<std::streamsize>(text.size() - run_start));
    out.put('"');
}

JsonWriter::~JsonWriter() {
    if (pretty_ && stack_.empty()) out_.flush();
}

void JsonWriter::newline() {
    if (!pretty_) return;
    out_.put('\n');
    for (std::size_t i = 0; i < stack_.size(); ++i) out_ << "  ";
}

void JsonWriter::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (stack_.empty()) return;
    auto& level = stack_.back();
    if (!level.empty) out_.put(',');
    level.empty = false;
    newline();
}

JsonWriter& JsonWriter::begin_object() {
    before_value();
    out_.put('{');
    stack_.push_back({true});
    return *this;
}

JsonWriter& JsonWriter::end_object() {
    bool empty = stack_.back().empty;
    stack_.pop_back();
    if (!empty) newline();
    out_.put('}');
    if (stack_.empty() && pretty_) out_.put('\n');
    return *this;
}

JsonWriter& JsonWriter::begin_array() {
    before_value();
    out_.put('[');
    stack_.push_back({false});
    return *this;
}

JsonWriter& JsonWriter::end_array() {
    bool empty = stack_.back().empty;
    stack_.pop_back();
    if (!empty) newline();
    out_.put(']');
    if (stack_.empty() && pretty_) out_.put('\n');
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
    before_value();
    write_json_string(out_, name);
    out_ << (pretty_ ? ": " : ":");
    after_key_ = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
    before_value();
    write_json_string(out_, text);
    return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number) {
    before_value();
    out_ << number;
    return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
    before_value();
    out_ << (flag ? "true" : "false");
    return *this;
}

JsonWriter& JsonWriter::null() {
    before_value();
    out_ << "null";
    return *this;
}

JsonWriter& JsonWriter::strings(std::string_view name, const std::vector<std::string>& items) {
    key(name);
    begin_array();
    for (const auto& item : items) value(item);
    return end_array();
}

}  // namespace gdprctl::output
