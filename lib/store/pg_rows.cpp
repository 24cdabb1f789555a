#include "store/pg_rows.hpp"

#include "store/sql_names.hpp"

#include <fmt/format.h>

#include <charconv>
#include <map>

namespace gdprctl::store {
namespace {

using detail::sql_name;
using detail::sql_names;

// Rows are fetched through a cursor, a batch at a time, so that a copy of millions of consent
// events does not hold them all in memory.
constexpr int fetch_batch = 5000;

class PgRowSource final : public RowSource {
public:
    explicit PgRowSource(pg::Connection& connection) : connection_(connection) {}

    std::vector<std::string> table_names() override {
        // gdprctl_meta is the store's identity and schema version: each store has its own.
        const auto result = connection_.execute(
            "SELECT c.relname FROM pg_catalog.pg_class c WHERE c.relnamespace = current_schema()::regnamespace "
            "AND c.relkind IN ('r', 'p') AND c.relname <> 'gdprctl_meta' ORDER BY c.relname",
            "listing the store's tables");
        std::vector<std::string> names;
        for (int row = 0; row < result.rows(); ++row) names.push_back(result.text(row, 0));
        return names;
    }

    std::vector<std::string> columns_of(std::string_view table) override {
        std::vector<std::string> columns;
        for (const auto& [name, integer] : typed_columns(table)) columns.push_back(name);
        return columns;
    }

    void for_each_row(std::string_view table, const std::vector<std::string>& columns,
                      const std::function<void(const Row&)>& visit) override {
        std::map<std::string, bool> integer;
        for (const auto& [name, is_integer] : typed_columns(table)) integer[name] = is_integer;
        std::vector<bool> as_integer;
        for (const auto& column : columns) as_integer.push_back(integer[column]);
        const auto list = sql_names(columns);
        connection_.execute(fmt::format("DECLARE gdprctl_rows NO SCROLL CURSOR FOR SELECT {} FROM {} ORDER BY {}",
                                        list, sql_name(table), list),
                            "reading the store's rows");
        Row row(columns.size());
        while (true) {
            const auto batch = connection_.execute(fmt::format("FETCH {} FROM gdprctl_rows", fetch_batch),
                                                   "reading the store's rows");
            for (int r = 0; r < batch.rows(); ++r) {
                for (std::size_t i = 0; i < columns.size(); ++i) {
                    const int column = static_cast<int>(i);
                    if (batch.is_null(r, column)) {
                        row[i] = std::monostate{};
                    } else if (as_integer[i]) {
                        const auto text = batch.text(r, column);
                        std::int64_t number = 0;
                        std::from_chars(text.data(), text.data() + text.size(), number);
                        row[i] = number;
                    } else {
                        row[i] = batch.text(r, column);
                    }
                }
                visit(row);
            }
            if (batch.rows() < fetch_batch) break;
        }
        connection_.execute("CLOSE gdprctl_rows", "reading the store's rows");
    }

private:
    // Column name and whether it holds integers, in declared order.
    std::vector<std::pair<std::string, bool>> typed_columns(std::string_view table) {
        const auto result = connection_.execute(
            "SELECT column_name, data_type IN ('smallint', 'integer', 'bigint') FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
            std::vector<std::optional<std::string>>{std::string(table)});
        std::vector<std::pair<std::string, bool>> columns;
        for (int row = 0; row < result.rows(); ++row)
            columns.emplace_back(result.text(row, 0), result.text(row, 1) == "t");
        return columns;
    }

    pg::Connection& connection_;
};

// Rows go to the server in multi-row INSERTs (Connection::defer_insert); the server converts each
// text parameter to its column's type.
class PgRowLoader final : public RowLoader {
public:
    explicit PgRowLoader(pg::Connection& connection) : connection_(connection) {}

    void insert_row(std::string_view table, const std::vector<std::string>& columns, const Row& row) override {
        if (table != table_ || columns != columns_) {
            std::string marks;
            for (std::size_t i = 1; i <= columns.size(); ++i) marks += fmt::format("{}${}", i > 1 ? ", " : "", i);
            sql_ = fmt::format("INSERT INTO {} ({}) VALUES ({})", sql_name(table), sql_names(columns), marks);
            table_ = table;
            columns_ = columns;
        }
        std::vector<std::optional<std::string>> parameters;
        parameters.reserve(row.size());
        for (const auto& cell : row) {
            if (const auto* number = std::get_if<std::int64_t>(&cell))
                parameters.emplace_back(std::to_string(*number));
            else if (const auto* text = std::get_if<std::string>(&cell))
                parameters.emplace_back(*text);
            else
                parameters.emplace_back(std::nullopt);
        }
        connection_.defer_insert(sql_, std::move(parameters));
    }

private:
    pg::Connection& connection_;
    std::string table_;
    std::vector<std::string> columns_;
    std::string sql_;
};

}  // namespace

std::unique_ptr<RowSource> pg_row_source(pg::Connection& connection) {
    return std::make_unique<PgRowSource>(connection);
}

std::unique_ptr<RowLoader> pg_row_loader(pg::Connection& connection) {
    return std::make_unique<PgRowLoader>(connection);
}

void advance_pg_sequences(pg::Connection& connection) {
    connection.execute(
        "DO $$ DECLARE c record; top bigint; BEGIN "
        "FOR c IN SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%') LOOP "
        "EXECUTE format('SELECT max(%I) FROM %I', c.column_name, c.table_name) INTO top; "
        "IF top IS NOT NULL THEN "
        "PERFORM setval(pg_get_serial_sequence(format('%I', c.table_name), c.column_name), top); "
        "END IF; END LOOP; END $$",
        "moving the id sequences past the copied ids");
}

}  // namespace gdprctl::store
