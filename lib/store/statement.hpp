#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace gdprctl::store {

// One prepared statement with bound parameters (1-based, as SQLite counts), finalised on
// destruction. Errors become EnvironmentError naming the database problem.
class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, std::int64_t number);
    Statement& bind(int index, int number) { return bind(index, static_cast<std::int64_t>(number)); }
    Statement& bind_null(int index);
    Statement& bind(int index, const std::optional<std::string>& text);
    // Without a copy (SQLITE_STATIC): for a statement run once per row of a bulk insert. The text
    // must stay alive and unchanged until the statement has run.
    Statement& bind_static(int index, std::string_view text);
    Statement& bind_static(int index, const std::string& text) { return bind_static(index, std::string_view(text)); }
    Statement& bind_static(int index, const std::optional<std::string>& text);

    // Next row: true while there is one.
    bool step();
    // Runs a statement that returns no rows.
    void run();
    void reset();

    bool is_null(int column) const;
    std::string text(int column) const;
    std::optional<std::string> optional_text(int column) const;
    std::int64_t integer(int column) const;
    int integer32(int column) const { return static_cast<int>(integer(column)); }
    // The storage class of a column of the current row is INTEGER.
    bool is_integer(int column) const;
    int column_count() const;

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

// Runs SQL without parameters (pragmas, migrations, transaction control).
void execute(sqlite3* db, const std::string& sql);

// Throws EnvironmentError for a failed SQLite call, with SQLite's own message.
[[noreturn]] void throw_sqlite_error(sqlite3* db, std::string_view doing);

}  // namespace gdprctl::store
