#pragma once

#include "errors.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// libpq behind a small RAII wrapper: a connection, a result, a statement with the interface of the
// SQLite one (store/statement.hpp: numbered parameters ?N, always bound, never spliced into SQL) and
// a transaction guard. libpq is loaded on first use (dlopen of libpq.so.5), so that the many
// shared libraries it pulls in (Kerberos, LDAP, GnuTLS...) cost nothing to a run that never
// opens a PostgreSQL store: start-up time has a budget (design.md §6).
struct pg_conn;
struct pg_result;

namespace gdprctl::store::pg {

// A failure reported by the server or by libpq, with the server's SQLSTATE when there is one.
class PgError : public EnvironmentError {
public:
    PgError(const std::string& message, std::string sqlstate, std::string hint = {})
        : EnvironmentError(message, std::move(hint)), sqlstate_(std::move(sqlstate)) {}
    const std::string& sqlstate() const { return sqlstate_; }
    // A serialization failure (40001) or a deadlock (40P01): running the transaction again may work.
    bool transient() const { return sqlstate_ == "40001" || sqlstate_ == "40P01"; }

private:
    std::string sqlstate_;
};

// Runs `attempt` again while it fails with a transient PgError, at most `attempts` times in all,
// with a short growing pause between tries; the last failure is thrown as it is.
void with_retries(int attempts, const std::function<void()>& attempt);

// The location as it may be printed: a URI without the password of its user part or its query, a
// keyword/value string without its password=... pair.
std::string redacted(std::string_view location);

// Refuses (EnvironmentError) a connection string that carries a password, or that libpq cannot
// parse: passwords come from PGPASSWORD, ~/.pgpass or a service file, never from --db or gdpr.yaml.
void require_no_password(std::string_view location);

// One result of a statement; cleared on destruction.
class Result {
public:
    Result() = default;
    explicit Result(pg_result* result) : result_(result) {}
    ~Result();
    Result(Result&& other) noexcept : result_(other.release()) {}
    Result& operator=(Result&& other) noexcept;
    Result(const Result&) = delete;
    Result& operator=(const Result&) = delete;

    int rows() const;
    bool is_null(int row, int column) const;
    std::string text(int row, int column) const;

private:
    pg_result* release() {
        auto* result = result_;
        result_ = nullptr;
        return result;
    }
    pg_result* result_ = nullptr;
};

class Connection {
public:
    // Connects with the libpq connection string `conninfo`; `shown` is how messages name the store
    // (redacted). Throws EnvironmentError when the server cannot be reached or refuses us; with
    // `missing_database` set, a database that does not exist yet is reported as that (not thrown).
    Connection(const std::string& conninfo, std::string shown, bool* missing_database = nullptr);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    bool connected() const { return conn_ != nullptr; }
    const std::string& shown() const { return shown_; }

    // SQL without parameters; may hold several statements (a migration file).
    Result execute(const std::string& sql, std::string_view doing = "running a statement");
    // One statement with text parameters (nullopt: NULL), types inferred by the server.
    Result execute(const std::string& sql, const std::vector<std::optional<std::string>>& parameters);

    // Queues an INSERT of one row (`sql` ends in VALUES ($1, ..., $N) in order) to be sent with the
    // next rows of the same statement as one multi-row INSERT, before any other statement runs (or
    // by flush()). Rows are sent in the order they were queued, so a row may refer to one queued
    // before it. Its errors surface from the statement that sends it.
    void defer_insert(const std::string& sql, std::vector<std::optional<std::string>> parameters);
    // Sends every queued row; drop_deferred() forgets them (before a rollback).
    void flush();
    void drop_deferred() {
        deferred_.clear();
        deferred_parameters_ = 0;
    }

    // Rows inserted, updated or deleted by the last statement, and by this connection in all.
    std::int64_t changes() const { return changes_; }
    std::int64_t total_changes() const { return total_changes_; }

private:
    Result check(pg_result* result, std::string_view doing);
    Result send(const std::string& sql, const std::vector<std::optional<std::string>>& parameters);

    struct Deferred {
        std::string sql;
        std::size_t columns = 0;
        std::vector<std::optional<std::string>> values;  // row after row
    };
    std::vector<Deferred> deferred_;  // runs of consecutive rows of one statement, in order
    std::size_t deferred_parameters_ = 0;

    pg_conn* conn_ = nullptr;
    std::string shown_;
    std::int64_t changes_ = 0;
    std::int64_t total_changes_ = 0;
};

// The same interface as store::Statement, so that the shared session (store/sql_session.hpp) runs
// on either backend. The SQL's ?N parameters become PostgreSQL's $N.
class Statement {
public:
    Statement(Connection* connection, std::string_view sql);

    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, std::int64_t number);
    Statement& bind(int index, int number) { return bind(index, static_cast<std::int64_t>(number)); }
    Statement& bind_null(int index);
    Statement& bind(int index, const std::optional<std::string>& text);
    // libpq copies parameters when it sends them: the same as bind().
    Statement& bind_static(int index, std::string_view text) { return bind(index, text); }
    Statement& bind_static(int index, const std::string& text) { return bind(index, std::string_view(text)); }
    Statement& bind_static(int index, const std::optional<std::string>& text) { return bind(index, text); }

    // The rows of this SELECT are fetched through a cursor, `batch` at a time (valid inside a
    // transaction, as every store session is); call before the first step().
    void stream(int batch = 2000) { batch_ = batch; }

    bool step();
    void run();
    // An INSERT of one row, queued with the next ones (Connection::defer_insert).
    void run_deferred();
    void reset();

    bool is_null(int column) const;
    std::string text(int column) const;
    std::optional<std::string> optional_text(int column) const;
    std::int64_t integer(int column) const;
    int integer32(int column) const { return static_cast<int>(integer(column)); }

private:
    Connection* connection_;
    std::string sql_;
    std::vector<std::optional<std::string>> parameters_;
    Result result_;
    bool executed_ = false;
    int row_ = -1;
    int batch_ = 0;  // rows per FETCH; 0: the whole result at once
    std::string cursor_;
};

// ?N (outside quoted text) as $N: the SQLite backend's SQL for PostgreSQL.
std::string numbered_parameters(std::string_view sql);

// One transaction held by scope: `begin` on construction, ROLLBACK on destruction unless commit()
// ran.
class Transaction {
public:
    Transaction(Connection& connection, const std::string& begin);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Connection& connection_;
    bool open_ = true;
};

}  // namespace gdprctl::store::pg
