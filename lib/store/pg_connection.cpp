#include "store/pg_connection.hpp"

#include "store/location.hpp"

#include <dlfcn.h>
#include <fmt/format.h>
#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <thread>

namespace gdprctl::store::pg {
namespace {

// The libpq functions gdprctl calls, resolved once from libpq.so.5 (its soname: the ABI Debian
// and every other distribution ship).
struct Api {
    decltype(&PQconnectdbParams) connectdb_params = nullptr;
    decltype(&PQstatus) status = nullptr;
    decltype(&PQerrorMessage) error_message = nullptr;
    decltype(&PQfinish) finish = nullptr;
    decltype(&PQsetNoticeProcessor) set_notice_processor = nullptr;
    decltype(&PQexec) exec = nullptr;
    decltype(&PQexecParams) exec_params = nullptr;
    decltype(&PQresultStatus) result_status = nullptr;
    decltype(&PQresultErrorField) result_error_field = nullptr;
    decltype(&PQresultErrorMessage) result_error_message = nullptr;
    decltype(&PQclear) clear = nullptr;
    decltype(&PQntuples) ntuples = nullptr;
    decltype(&PQgetisnull) getisnull = nullptr;
    decltype(&PQgetvalue) getvalue = nullptr;
    decltype(&PQgetlength) getlength = nullptr;
    decltype(&PQcmdStatus) cmd_status = nullptr;
    decltype(&PQcmdTuples) cmd_tuples = nullptr;
    decltype(&PQconninfoParse) conninfo_parse = nullptr;
    decltype(&PQconninfoFree) conninfo_free = nullptr;
    decltype(&PQfreemem) freemem = nullptr;
};

template <typename F>
void resolve(void* library, F& function, const char* name) {
    function = reinterpret_cast<F>(::dlsym(library, name));
    if (!function)
        throw EnvironmentError(fmt::format("the PostgreSQL client library libpq.so.5 lacks {}", name),
                               "install Debian's libpq5 package (apt-get install libpq5)");
}

const Api& api() {
    static const Api loaded = [] {
        void* library = ::dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
        if (!library) {
            const char* why = ::dlerror();
            throw EnvironmentError(
                fmt::format("cannot load the PostgreSQL client library libpq.so.5: {}", why ? why : "not found"),
                "install Debian's libpq5 package (apt-get install libpq5) to use a postgresql:// store");
        }
        Api a;
        resolve(library, a.connectdb_params, "PQconnectdbParams");
        resolve(library, a.status, "PQstatus");
        resolve(library, a.error_message, "PQerrorMessage");
        resolve(library, a.finish, "PQfinish");
        resolve(library, a.set_notice_processor, "PQsetNoticeProcessor");
        resolve(library, a.exec, "PQexec");
        resolve(library, a.exec_params, "PQexecParams");
        resolve(library, a.result_status, "PQresultStatus");
        resolve(library, a.result_error_field, "PQresultErrorField");
        resolve(library, a.result_error_message, "PQresultErrorMessage");
        resolve(library, a.clear, "PQclear");
        resolve(library, a.ntuples, "PQntuples");
        resolve(library, a.getisnull, "PQgetisnull");
        resolve(library, a.getvalue, "PQgetvalue");
        resolve(library, a.getlength, "PQgetlength");
        resolve(library, a.cmd_status, "PQcmdStatus");
        resolve(library, a.cmd_tuples, "PQcmdTuples");
        resolve(library, a.conninfo_parse, "PQconninfoParse");
        resolve(library, a.conninfo_free, "PQconninfoFree");
        resolve(library, a.freemem, "PQfreemem");
        return a;
    }();
    return loaded;
}

// libpq's messages end in a newline and may run over several lines ("FATAL: ...\nDETAIL: ...").
std::string first_line(const char* message) {
    std::string text = message ? message : "";
    if (const auto end = text.find('\n'); end != std::string::npos) text.resize(end);
    return text;
}

// Notices (e.g. "relation already exists, skipping") are not for the user of a CLI.
void ignore_notice(void*, const char*) {}

std::string hint_for(const std::string& sqlstate) {
    if (sqlstate == "42501")
        return "the PostgreSQL role lacks a privilege this command needs; ask the database owner (see "
               "docs/deployment.md)";
    if (sqlstate == "55P03") return "another gdprctl holds the store; try again when it is done";
    if (sqlstate == "25006") return "this PostgreSQL connection is read-only; use a role that may write";
    if (sqlstate.rfind("08", 0) == 0 || sqlstate.rfind("57P", 0) == 0)
        return "the connection to the PostgreSQL server was lost; check that it is running and try again";
    return {};
}

}  // namespace

void with_retries(int attempts, const std::function<void()>& attempt) {
    for (int tried = 1;; ++tried) {
        try {
            attempt();
            return;
        } catch (const PgError& error) {
            if (!error.transient() || tried >= attempts) throw;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5 * tried * tried));
    }
}

namespace {

bool conninfo_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// "host=/run/postgresql password='a b' dbname=gdpr": the pairs but the password's, as libpq reads
// them (a value is quoted with '...' or runs to the next space; a backslash escapes one character).
std::string redacted_keyword_value(std::string_view text) {
    std::string shown;
    std::size_t at = 0;
    while (at < text.size()) {
        while (at < text.size() && conninfo_space(text[at])) ++at;
        if (at >= text.size()) break;
        const std::size_t start = at;
        while (at < text.size() && text[at] != '=' && !conninfo_space(text[at])) ++at;
        const auto keyword = text.substr(start, at - start);
        while (at < text.size() && conninfo_space(text[at])) ++at;
        if (at < text.size() && text[at] == '=') ++at;
        while (at < text.size() && conninfo_space(text[at])) ++at;
        if (at < text.size() && text[at] == '\'') {
            for (++at; at < text.size() && text[at] != '\''; ++at)
                if (text[at] == '\\') ++at;
            if (at < text.size()) ++at;
        } else {
            for (; at < text.size() && !conninfo_space(text[at]); ++at)
                if (text[at] == '\\') ++at;
        }
        if (keyword == "password") continue;
        if (!shown.empty()) shown += ' ';
        shown += text.substr(start, std::min(at, text.size()) - start);
    }
    return shown;
}

}  // namespace

std::string redacted(std::string_view location) {
    if (is_keyword_value_string(location)) return redacted_keyword_value(location);
    std::string text(location);
    // postgresql://user:password@host/...: drop ":password".
    if (const auto start = text.find("://"); start != std::string::npos) {
        const auto authority = start + 3;
        const auto end = text.find_first_of("/?", authority);
        const auto at = text.rfind('@', end == std::string::npos ? text.size() : end);
        if (at != std::string::npos && at >= authority) {
            const auto colon = text.find(':', authority);
            if (colon != std::string::npos && colon < at) text.erase(colon, at - colon);
        }
    }
    // ...?password=secret&...: drop the parameter.
    for (auto query = text.find('?'); query != std::string::npos;) {
        auto found = text.find("password=", query);
        if (found == std::string::npos) break;
        if (text[found - 1] != '?' && text[found - 1] != '&') {
            query = found + 1;
            continue;
        }
        auto end = text.find('&', found);
        text.erase(found, end == std::string::npos ? std::string::npos : end - found + 1);
        if (!text.empty() && (text.back() == '&' || text.back() == '?')) text.pop_back();
        query = found - 1;
    }
    return text;
}

void require_no_password(std::string_view location) {
    const std::string conninfo(location);
    char* message = nullptr;
    PQconninfoOption* options = api().conninfo_parse(conninfo.c_str(), &message);
    if (!options) {
        const std::string why = first_line(message);
        if (message) api().freemem(message);
        throw EnvironmentError(
            fmt::format("{} is not a PostgreSQL connection string libpq accepts: {}", redacted(location), why),
            "write postgresql://[USER@]HOST[:PORT]/DATABASE[?PARAM=VALUE...] or "
            "'host=HOST dbname=DATABASE [KEYWORD=VALUE...]'");
    }
    bool has_password = false;
    for (auto* option = options; option->keyword; ++option)
        if (std::string_view(option->keyword) == "password" && option->val && *option->val) has_password = true;
    api().conninfo_free(options);
    if (has_password)
        throw EnvironmentError(
            fmt::format("the store location {} carries a password; gdprctl never takes one from --db, GDPRCTL_DB "
                        "or gdpr.yaml",
                        redacted(location)),
            "remove it from the connection string and put it in ~/.pgpass (mode 0600: "
            "HOST:PORT:DATABASE:USER:PASSWORD), a service file (PGSERVICEFILE) or PGPASSWORD");
}

Result::~Result() {
    if (result_) api().clear(result_);
}

Result& Result::operator=(Result&& other) noexcept {
    if (this != &other) {
        if (result_) api().clear(result_);
        result_ = other.release();
    }
    return *this;
}

int Result::rows() const { return result_ ? api().ntuples(result_) : 0; }

bool Result::is_null(int row, int column) const { return api().getisnull(result_, row, column) != 0; }

std::string Result::text(int row, int column) const {
    const char* value = api().getvalue(result_, row, column);
    return std::string(value, static_cast<std::size_t>(api().getlength(result_, row, column)));
}

Connection::Connection(const std::string& conninfo, std::string shown, bool* missing_database)
    : shown_(std::move(shown)) {
    const Api& pq = api();
    // Defaults first: the connection string (expanded from dbname) overrides them. A server that
    // does not answer is given up after 10 seconds rather than TCP's minutes.
    const char* keywords[] = {"connect_timeout", "application_name", "dbname", nullptr};
    const char* values[] = {"10", "gdprctl", conninfo.c_str(), nullptr};
    conn_ = pq.connectdb_params(keywords, values, 1);
    if (!conn_) throw EnvironmentError(fmt::format("cannot connect to the PostgreSQL store {}: out of memory", shown_));
    if (pq.status(conn_) != CONNECTION_OK) {
        std::string why = first_line(pq.error_message(conn_));
        pq.finish(conn_);
        conn_ = nullptr;
        // "FATAL:  database "x" does not exist" (SQLSTATE 3D000; libpq keeps no code for a failed
        // connection, so its English message is matched).
        if (missing_database && why.find("database") != std::string::npos &&
            why.find("does not exist") != std::string::npos) {
            *missing_database = true;
            return;
        }
        throw EnvironmentError(
            fmt::format("cannot connect to the PostgreSQL store {}: {}", shown_, why),
            "check that the server is running and that --db (or GDPRCTL_DB, settings.store) names it; the password "
            "comes from PGPASSWORD, ~/.pgpass or a service file");
    }
    pq.set_notice_processor(conn_, ignore_notice, nullptr);
    // Waits for another writer's lock as SQLite's busy_timeout does, then says so.
    execute("SET lock_timeout = '15s'", "configuring the connection");
}

Connection::~Connection() {
    if (conn_) api().finish(conn_);
}

Result Connection::check(pg_result* raw, std::string_view doing) {
    const Api& pq = api();
    Result result(raw);
    if (!raw) throw PgError(fmt::format("database error while {}: {}", doing, first_line(pq.error_message(conn_))), "");
    const auto status = pq.result_status(raw);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) {
        const std::string_view command = pq.cmd_status(raw);
        changes_ = 0;
        for (std::string_view verb : {"INSERT", "UPDATE", "DELETE"})
            if (command.substr(0, verb.size()) == verb) {
                const std::string_view count = pq.cmd_tuples(raw);
                std::from_chars(count.data(), count.data() + count.size(), changes_);
            }
        total_changes_ += changes_;
        return result;
    }
    const char* state = pq.result_error_field(raw, PG_DIAG_SQLSTATE);
    const char* primary = pq.result_error_field(raw, PG_DIAG_MESSAGE_PRIMARY);
    const std::string sqlstate = state ? state : "";
    std::string message = primary ? primary : first_line(pq.result_error_message(raw));
    if (pq.status(conn_) != CONNECTION_OK)
        message = fmt::format("the connection to {} was lost ({})", shown_, first_line(pq.error_message(conn_)));
    throw PgError(fmt::format("database error while {}: {}", doing, message), sqlstate, hint_for(sqlstate));
}

Result Connection::execute(const std::string& sql, std::string_view doing) {
    flush();
    return check(api().exec(conn_, sql.c_str()), doing);
}

Result Connection::execute(const std::string& sql, const std::vector<std::optional<std::string>>& parameters) {
    flush();
    return send(sql, parameters);
}

Result Connection::send(const std::string& sql, const std::vector<std::optional<std::string>>& parameters) {
    std::vector<const char*> values;
    values.reserve(parameters.size());
    for (const auto& parameter : parameters) values.push_back(parameter ? parameter->c_str() : nullptr);
    return check(api().exec_params(conn_, sql.c_str(), static_cast<int>(parameters.size()), nullptr, values.data(),
                                   nullptr, nullptr, 0),
                 "running a statement");
}

// Parameters of one multi-row INSERT: PostgreSQL takes at most 65,535 per statement.
constexpr std::size_t max_deferred_parameters = 30000;

void Connection::defer_insert(const std::string& sql, std::vector<std::optional<std::string>> parameters) {
    // Only `INSERT ... VALUES ($1, ..., $N)` with every parameter once, in order, can be repeated
    // as more rows; anything else runs at once.
    std::string tuple = "(";
    for (std::size_t i = 1; i <= parameters.size(); ++i) tuple += fmt::format("{}${}", i > 1 ? ", " : "", i);
    tuple += ")";
    const auto values = sql.rfind(" VALUES ");
    if (parameters.empty() || values == std::string::npos || sql.compare(values + 8, std::string::npos, tuple) != 0) {
        execute(sql, parameters);
        return;
    }
    // Rows are sent in the order they came (a task after the event it refers to): consecutive
    // rows of one statement make one run, sent as one multi-row INSERT.
    if (deferred_.empty() || deferred_.back().sql != sql) deferred_.push_back(Deferred{sql, parameters.size(), {}});
    deferred_parameters_ += parameters.size();
    for (auto& parameter : parameters) deferred_.back().values.push_back(std::move(parameter));
    // A statement's worth: sent now, so that a large import does not pile up in memory.
    if (deferred_parameters_ >= max_deferred_parameters) flush();
}

void Connection::flush() {
    if (deferred_.empty()) return;
    auto queues = std::move(deferred_);
    deferred_.clear();
    deferred_parameters_ = 0;
    std::int64_t changed = 0;
    for (const auto& queue : queues) {
        const std::string head = queue.sql.substr(0, queue.sql.rfind(" VALUES ") + 8);
        const std::size_t per_statement = std::max<std::size_t>(1, max_deferred_parameters / queue.columns);
        const std::size_t rows = queue.values.size() / queue.columns;
        for (std::size_t first = 0; first < rows; first += per_statement) {
            const std::size_t count = std::min(per_statement, rows - first);
            std::string sql = head;
            for (std::size_t row = 0; row < count; ++row) {
                sql += row ? ", (" : "(";
                for (std::size_t column = 0; column < queue.columns; ++column)
                    sql += fmt::format("{}${}", column ? ", " : "", row * queue.columns + column + 1);
                sql += ")";
            }
            const auto begin = queue.values.begin() + static_cast<std::ptrdiff_t>(first * queue.columns);
            send(sql, {begin, begin + static_cast<std::ptrdiff_t>(count * queue.columns)});
            changed += changes_;
        }
    }
    changes_ = changed;
}

std::string numbered_parameters(std::string_view sql) {
    std::string out;
    out.reserve(sql.size());
    char quote = 0;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        const char c = sql[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '?' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
            out += '$';
            continue;
        }
        out += c;
    }
    return out;
}

Statement::Statement(Connection* connection, std::string_view sql)
    : connection_(connection), sql_(numbered_parameters(sql)) {}

Statement& Statement::bind(int index, std::string_view text) {
    if (index < 1) throw std::logic_error("statement parameters count from 1");
    if (parameters_.size() < static_cast<std::size_t>(index)) parameters_.resize(static_cast<std::size_t>(index));
    parameters_[static_cast<std::size_t>(index - 1)] = std::string(text);
    return *this;
}

Statement& Statement::bind(int index, std::int64_t number) { return bind(index, std::to_string(number)); }

Statement& Statement::bind_null(int index) {
    bind(index, std::string_view());
    parameters_[static_cast<std::size_t>(index - 1)].reset();
    return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& text) {
    return text ? bind(index, std::string_view(*text)) : bind_null(index);
}

bool Statement::step() {
    if (batch_ > 0) {
        if (!executed_) {
            // Closed with the transaction that opened it.
            static int counter = 0;
            cursor_ = fmt::format("gdprctl_rows_{}", ++counter);
            connection_->execute(fmt::format("DECLARE {} NO SCROLL CURSOR FOR {}", cursor_, sql_), parameters_);
            executed_ = true;
        } else if (row_ + 1 < result_.rows() || result_.rows() < batch_) {
            return ++row_ < result_.rows();
        }
        result_ = connection_->execute(fmt::format("FETCH {} FROM {}", batch_, cursor_), "reading rows");
        row_ = 0;
        return row_ < result_.rows();
    }
    if (!executed_) {
        result_ = connection_->execute(sql_, parameters_);
        executed_ = true;
        row_ = -1;
    }
    return ++row_ < result_.rows();
}

void Statement::run() {
    while (step()) {
    }
    reset();
}

void Statement::run_deferred() {
    connection_->defer_insert(sql_, std::move(parameters_));
    reset();
}

void Statement::reset() {
    result_ = Result();
    executed_ = false;
    row_ = -1;
    parameters_.clear();
}

bool Statement::is_null(int column) const { return result_.is_null(row_, column); }

std::string Statement::text(int column) const { return result_.text(row_, column); }

std::optional<std::string> Statement::optional_text(int column) const {
    if (is_null(column)) return std::nullopt;
    return text(column);
}

std::int64_t Statement::integer(int column) const {
    if (is_null(column)) return 0;
    const std::string value = text(column);
    std::int64_t number = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (error != std::errc() || end != value.data() + value.size())
        throw EnvironmentError(fmt::format("the store holds `{}` where a number belongs", value));
    return number;
}

Transaction::Transaction(Connection& connection, const std::string& begin) : connection_(connection) {
    connection_.execute(begin, "starting a transaction");
}

Transaction::~Transaction() {
    if (!open_) return;
    // A destructor must not throw; a failed ROLLBACK (a lost connection) ends the transaction anyway.
    connection_.drop_deferred();
    try {
        connection_.execute("ROLLBACK", "rolling back");
    } catch (...) {
    }
}

void Transaction::commit() {
    connection_.execute("COMMIT", "committing");
    open_ = false;
}

}  // namespace gdprctl::store::pg
