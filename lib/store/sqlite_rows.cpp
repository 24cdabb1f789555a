#include "store/sqlite_rows.hpp"

#include "store/sql_names.hpp"
#include "store/statement.hpp"

#include <fmt/format.h>

namespace gdprctl::store {
namespace {

using detail::sql_name;
using detail::sql_names;

class SqliteRowSource final : public RowSource {
public:
    explicit SqliteRowSource(sqlite3* db) : db_(db) {}

    std::vector<std::string> table_names() override {
        Statement statement(db_, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
                                 "ESCAPE '\\' ORDER BY name");
        std::vector<std::string> names;
        while (statement.step()) names.push_back(statement.text(0));
        return names;
    }

    std::vector<std::string> columns_of(std::string_view table) override {
        Statement statement(db_, "SELECT name FROM pragma_table_info(?1) ORDER BY cid");
        statement.bind(1, table);
        std::vector<std::string> columns;
        while (statement.step()) columns.push_back(statement.text(0));
        return columns;
    }

    void for_each_row(std::string_view table, const std::vector<std::string>& columns,
                      const std::function<void(const Row&)>& visit) override {
        const auto list = sql_names(columns);
        Statement statement(db_, fmt::format("SELECT {} FROM {} ORDER BY {}", list, sql_name(table), list));
        Row row(columns.size());
        while (statement.step()) {
            for (std::size_t i = 0; i < columns.size(); ++i) {
                const int column = static_cast<int>(i);
                if (statement.is_null(column))
                    row[i] = std::monostate{};
                else if (statement.is_integer(column))
                    row[i] = statement.integer(column);
                else
                    row[i] = statement.text(column);
            }
            visit(row);
        }
    }

private:
    sqlite3* db_;
};

// One prepared INSERT per table, reused for its rows.
class SqliteRowLoader final : public RowLoader {
public:
    explicit SqliteRowLoader(sqlite3* db) : db_(db) {}

    void insert_row(std::string_view table, const std::vector<std::string>& columns, const Row& row) override {
        if (!insert_ || table != table_ || columns != columns_) {
            std::string marks;
            for (std::size_t i = 1; i <= columns.size(); ++i) marks += fmt::format("{}?{}", i > 1 ? ", " : "", i);
            insert_ = std::make_unique<Statement>(
                db_, fmt::format("INSERT INTO {} ({}) VALUES ({})", sql_name(table), sql_names(columns), marks));
            table_ = table;
            columns_ = columns;
        }
        for (std::size_t i = 0; i < row.size(); ++i) {
            const int index = static_cast<int>(i) + 1;
            if (const auto* number = std::get_if<std::int64_t>(&row[i]))
                insert_->bind(index, *number);
            else if (const auto* text = std::get_if<std::string>(&row[i]))
                insert_->bind(index, *text);
            else
                insert_->bind_null(index);
        }
        insert_->run();
    }

private:
    sqlite3* db_;
    std::string table_;
    std::vector<std::string> columns_;
    std::unique_ptr<Statement> insert_;
};

}  // namespace

std::unique_ptr<RowSource> sqlite_row_source(sqlite3* db) { return std::make_unique<SqliteRowSource>(db); }
std::unique_ptr<RowLoader> sqlite_row_loader(sqlite3* db) { return std::make_unique<SqliteRowLoader>(db); }

}  // namespace gdprctl::store
