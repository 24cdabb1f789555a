#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace gdprctl::output {

// A small streaming JSON writer: objects, arrays, strings with full escaping, numbers, booleans.
// Indented with two spaces when `pretty`. Misuse (a key outside an object) is a programming error.
class JsonWriter {
public:
    explicit JsonWriter(std::ostream& out, bool pretty = true) : out_(out), pretty_(pretty) {}
    ~JsonWriter();

    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view name);

    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
    JsonWriter& value(std::int64_t number);
    JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
    JsonWriter& value(std::size_t number) { return value(static_cast<std::int64_t>(number)); }
    JsonWriter& value(bool flag);
    JsonWriter& null();

    // key + value in one call
    template <typename T>
    JsonWriter& field(std::string_view name, const T& v) {
        key(name);
        return value(v);
    }
    // An array of strings.
    JsonWriter& strings(std::string_view name, const std::vector<std::string>& items);

private:
    void before_value();
    void after_value();
    void newline();
    void flush();

    struct Level {
        bool is_object;
        bool empty = true;
    };
    std::ostream& out_;
    bool pretty_;
    bool after_key_ = false;
    std::vector<Level> stack_;
    std::string buffer_;
};

// Writes `text` as a JSON string literal (with quotes).
void write_json_string(std::ostream& out, std::string_view text);

}  // namespace gdprctl::output
