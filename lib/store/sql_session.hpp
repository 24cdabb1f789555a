#pragma once

// What the SQLite and PostgreSQL backends share: the column lists, the conversion of rows to the
// store's value types and back, and the session that runs one transaction's reads and writes. Both
// speak the same SQL (tables and columns are identical, parameters numbered ?N); each backend
// supplies a Statement with the same interface (store/statement.hpp, store/pg_connection.hpp).
// Internal to lib/store.
#include "errors.hpp"
#include "model/vocabulary.hpp"
#include "store/audit.hpp"
#include "store/store.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace gdprctl::store::detail {

// Column list shared by every request query; read_request() follows this order.
// Written by bind_request; audit_seq is set by the record links at commit (link_records).
#define GDPRCTL_REQUEST_FIELDS                                                                                   \
    "id, year, number, type, subject, subject_kind, received, due, channel, note, status, opened_at, opened_by, " \
    "extended_on, extension_reason, subject_informed_on, outcome, close_reason, closed_at, erased_at, informed_via, " \
    "identity_asked_on, identity_verified_on, refusal_ground, fee, remedies_told"
inline constexpr std::string_view written_request_columns = GDPRCTL_REQUEST_FIELDS;
inline constexpr std::string_view request_columns = GDPRCTL_REQUEST_FIELDS ", audit_seq";
#undef GDPRCTL_REQUEST_FIELDS

// Migration 1 allows only fulfilled, refused and partial in `outcome`; the two Art. 12(5)
// outcomes are stored as `refused` with their ground in `refusal_ground` (migration 2).
inline std::string_view refusal_ground(Outcome outcome) {
    switch (outcome) {
        case Outcome::manifestly_unfounded: return "manifestly-unfounded";
        case Outcome::excessive: return "excessive";
        default: return "";
    }
}

inline std::string_view stored_outcome(Outcome outcome) {
    return refusal_ground(outcome).empty() ? to_string(outcome) : to_string(Outcome::refused);
}

template <typename Row>
inline time::Date date_column(const Row& row, int column) {
    auto parsed = time::parse_date(row.text(column));
    if (!parsed) throw EnvironmentError(fmt::format("the store holds a malformed date `{}`", row.text(column)));
    return *parsed;
}

template <typename Row>
inline std::optional<time::Date> optional_date(const Row& row, int column) {
    if (row.is_null(column)) return std::nullopt;
    return date_column(row, column);
}

template <typename Row>
inline time::DateTime instant_column(const Row& row, int column) {
    auto parsed = time::parse_datetime(row.text(column));
    if (!parsed) throw EnvironmentError(fmt::format("the store holds a malformed time `{}`", row.text(column)));
    return *parsed;
}

template <typename Row>
inline std::optional<time::DateTime> optional_instant(const Row& row, int column) {
    if (row.is_null(column)) return std::nullopt;
    return instant_column(row, column);
}

// Never write what cannot be read back: every date stored passes through here.
inline void require_storable(time::Date date) {
    if (!time::in_range(date))
        throw UsageError(fmt::format("the date {} is outside 0001-01-01..9999-12-31 and cannot be stored", date.to_string()),
                         "check --as-of and the fact dates (--received, --at); nothing was changed");
}

inline std::optional<std::string> text_of(const std::optional<time::Date>& date) {
    if (!date) return std::nullopt;
    require_storable(*date);
    return date->to_string();
}

inline std::optional<std::string> text_of(const std::optional<time::DateTime>& instant) {
    if (!instant) return std::nullopt;
    require_storable(instant->date());
    return instant->to_string();
}

template <typename T>
T checked(std::optional<T> value, const std::string& raw) {
    if (!value) throw EnvironmentError(fmt::format("the store holds an unknown value `{}`", raw));
    return *value;
}

template <typename Row>
inline Request read_request(const Row& row) {
    Request request;
    request.id = row.text(0);
    request.year = row.integer32(1);
    request.number = row.integer32(2);
    request.type = checked(parse<model::Right>(row.text(3)), row.text(3));
    request.subject = row.optional_text(4);
    request.subject_kind = row.text(5);
    request.received = date_column(row, 6);
    request.due = date_column(row, 7);
    request.channel = row.text(8);
    request.note = row.text(9);
    request.status = checked(parse<RequestStatus>(row.text(10)), row.text(10));
    request.opened_at = instant_column(row, 11);
    request.opened_by = row.text(12);
    request.extended_on = optional_date(row, 13);
    request.extension_reason = row.text(14);
    request.subject_informed_on = optional_date(row, 15);
    if (!row.is_null(16)) {
        const std::string ground = row.text(23);
        const std::string& stored = ground.empty() ? row.text(16) : ground;
        request.outcome = checked(parse<Outcome>(stored), stored);
    }
    request.close_reason = row.text(17);
    request.closed_at = optional_instant(row, 18);
    request.erased_at = optional_instant(row, 19);
    request.informed_via = row.text(20);
    request.identity_asked_on = optional_date(row, 21);
    request.identity_verified_on = optional_date(row, 22);
    request.fee = row.text(24);
    request.remedies_told = row.integer(25) != 0;
    if (!row.is_null(26)) request.audit_seq = row.integer(26);
    return request;
}

template <typename Row>
inline Task read_task(const Row& row) {
    Task task;
    task.request_id = row.text(0);
    task.kind = checked(parse<TaskKind>(row.text(1)), row.text(1));
    task.target = row.text(2);
    task.via = row.text(3);
    task.done_at = optional_instant(row, 4);
    task.done_by = row.optional_text(5).value_or("");
    task.note = row.text(6);
    task.resolution = checked(parse<TaskResolution>(row.text(7)), row.text(7));
    task.grounds = row.text(8);
    return task;
}

template <typename Row>
inline AuditEvent read_event(const Row& row) {
    AuditEvent event;
    event.seq = row.integer(0);
    event.at = instant_column(row, 1);
    event.actor = row.text(2);
    event.action = row.text(3);
    event.target = row.text(4);
    event.details = row.text(5);
    event.prev_hash = row.text(6);
    event.hash = row.text(7);
    event.recorded_at = optional_instant(row, 8);
    event.backdate_reason = row.text(9);
    event.records = row.text(10);
    return event;
}

inline constexpr std::string_view consent_columns =
    "id, subject, purpose, action, at, evidence, method, notice_version, source, channel, recorded_at, recorded_by, "
    "erased_at";

template <typename Row>
inline ConsentEvent read_consent(const Row& row) {
    ConsentEvent event;
    event.id = row.integer(0);
    event.subject = row.optional_text(1);
    event.purpose = row.text(2);
    event.action = checked(parse<ConsentAction>(row.text(3)), row.text(3));
    event.at = instant_column(row, 4);
    event.evidence = row.text(5);
    event.method = row.text(6);
    event.notice_version = row.text(7);
    event.source = row.text(8);
    event.channel = row.text(9);
    event.recorded_at = instant_column(row, 10);
    event.recorded_by = row.text(11);
    event.erased_at = optional_instant(row, 12);
    return event;
}

inline constexpr std::string_view breach_columns =
    "id, year, number, summary, aware_at, occurred_at, deadline, nature, data, systems, subjects_approx, "
    "records_approx, risk, consequences, measures, exemption, assessed_at, status, opened_at, opened_by, closed_at";

inline std::vector<std::string> split_commas(const std::string& text) {
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start < text.size()) {
        auto comma = text.find(',', start);
        if (comma == std::string::npos) comma = text.size();
        items.push_back(text.substr(start, comma - start));
        start = comma + 1;
    }
    return items;
}

inline std::string join_commas(const std::vector<std::string>& items) {
    std::string text;
    for (const auto& item : items) text += (text.empty() ? "" : ",") + item;
    return text;
}

template <typename Row>
inline std::optional<std::int64_t> optional_integer(const Row& row, int column) {
    if (row.is_null(column)) return std::nullopt;
    return row.integer(column);
}

template <typename Row>
inline Breach read_breach(const Row& row) {
    Breach b;
    b.id = row.text(0);
    b.year = row.integer32(1);
    b.number = row.integer32(2);
    b.summary = row.text(3);
    b.aware_at = instant_column(row, 4);
    b.occurred_at = optional_instant(row, 5);
    b.deadline = instant_column(row, 6);
    b.nature = split_commas(row.text(7));
    b.data = split_commas(row.text(8));
    b.systems = split_commas(row.text(9));
    b.subjects_approx = optional_integer(row, 10);
    b.records_approx = optional_integer(row, 11);
    if (!row.is_null(12)) b.risk = checked(parse<BreachRisk>(row.text(12)), row.text(12));
    b.consequences = row.text(13);
    b.measures = row.text(14);
    if (!row.is_null(15)) b.exemption = checked(parse<BreachExemption>(row.text(15)), row.text(15));
    b.assessed_at = optional_instant(row, 16);
    b.status = checked(parse<BreachStatus>(row.text(17)), row.text(17));
    b.opened_at = instant_column(row, 18);
    b.opened_by = row.text(19);
    b.closed_at = optional_instant(row, 20);
    return b;
}

template <typename Stmt>
inline void bind_breach(Stmt& s, const Breach& b) {
    auto name = [](auto value) { return std::optional<std::string>(std::string(to_string(value))); };
    s.bind(1, b.id).bind(2, b.year).bind(3, b.number).bind(4, b.summary).bind(5, b.aware_at.to_string());
    s.bind(6, text_of(b.occurred_at)).bind(7, b.deadline.to_string()).bind(8, join_commas(b.nature));
    s.bind(9, join_commas(b.data)).bind(10, join_commas(b.systems));
    if (b.subjects_approx) s.bind(11, *b.subjects_approx); else s.bind_null(11);
    if (b.records_approx) s.bind(12, *b.records_approx); else s.bind_null(12);
    s.bind(13, b.risk ? name(*b.risk) : std::nullopt).bind(14, b.consequences).bind(15, b.measures);
    s.bind(16, b.exemption ? name(*b.exemption) : std::nullopt).bind(17, text_of(b.assessed_at));
    s.bind(18, to_string(b.status)).bind(19, b.opened_at.to_string()).bind(20, b.opened_by);
    s.bind(21, text_of(b.closed_at));
}

inline constexpr std::string_view event_columns =
    "seq, at, actor, action, target, details, prev_hash, hash, recorded_at, backdate_reason, records";
inline constexpr std::string_view task_columns = "request_id, kind, target, via, done_at, done_by, note, resolution, grounds";

// The session both reads and writes; Store::read hands it out as a StoreReader only. `Db` is a
// backend's traits: Handle, Statement (numbered parameters ?N, 1-based), changes(handle) (rows of
// the last statement), bulk_run(handle, statement) (runs an INSERT of a bulk import, perhaps
// batched with the next ones until any other statement runs), stream(statement) (a query whose
// rows a visitor takes one at a time: need not be held in memory at once) and
// expect_bulk_insert(handle).
template <typename Db>
class SqlSession final : public StoreWriter {
    using Statement = typename Db::Statement;

public:
    SqlSession(typename Db::Handle db, const ChangeStamp* stamp, const AuditKey& key = {}, std::string purge_marker = {})
        : db_(db), stamp_(stamp), key_(key), purge_marker_(std::move(purge_marker)) {}

    bool audited() const { return audited_; }

    // Record links, at the end of a write transaction: the transaction's last event records the
    // digest of every request it changed (with its tasks) and those requests point back at it.
    // The event's hash (and the head) are computed again to cover the records.
    void link_records() {
        if (touched_.empty() || !last_event_) return;
        AuditEvent& event = *last_event_;
        event.records.clear();
        for (const auto& id : touched_) {
            auto request = find_request(id);
            if (!request) continue;
            event.records += fmt::format("{}={}\n", id, record_digest(*request, tasks_of(id)));
        }
        event.hash = chain_hash(event, key_);
        Statement update(db_, "UPDATE audit_events SET records = ?2, hash = ?3 WHERE seq = ?1");
        update.bind(1, event.seq).bind(2, event.records).bind(3, event.hash);
        update.run();
        Statement head(db_, "UPDATE audit_head SET hash = ?2 WHERE singleton = 1 AND seq = ?1");
        head.bind(1, event.seq).bind(2, event.hash);
        head.run();
        for (const auto& id : touched_) {
            Statement link(db_, "UPDATE requests SET audit_seq = ?2 WHERE id = ?1");
            link.bind(1, id).bind(2, event.seq);
            link.run();
        }
    }

    std::optional<Request> find_request(std::string_view id) override {
        Statement statement(db_, fmt::format("SELECT {} FROM requests WHERE id = ?1", request_columns));
        statement.bind(1, id);
        if (!statement.step()) return std::nullopt;
        return read_request(statement);
    }

    std::vector<Task> tasks_of(std::string_view request_id) override {
        Statement statement(
            db_, fmt::format("SELECT {} FROM tasks WHERE request_id = ?1 ORDER BY kind DESC, target", task_columns));
        statement.bind(1, request_id);
        std::vector<Task> tasks;
        while (statement.step()) tasks.push_back(read_task(statement));
        return tasks;
    }

    void for_each_request(const RequestFilter& filter, const std::function<bool(const Request&)>& visit) override {
        // Literal status values (not parameters) so that the planner can use the partial index
        // on open requests.
        std::string sql = fmt::format("SELECT {} FROM requests WHERE 1 = 1", request_columns);
        const bool by_due = filter.due_from || filter.due_until;
        if (by_due || filter.status == RequestStatus::open)
            sql += " AND status = 'open'";
        else if (filter.status == RequestStatus::closed)
            sql += " AND status = 'closed'";
        // Parameters numbered without gaps: PostgreSQL cannot type a parameter the SQL never uses.
        int parameters = 0;
        if (filter.due_from) sql += fmt::format(" AND due >= ?{}", ++parameters);
        if (filter.due_until) sql += fmt::format(" AND due <= ?{}", ++parameters);
        sql += " ORDER BY due, id";
        Statement statement(db_, sql);
        parameters = 0;
        if (filter.due_from) statement.bind(++parameters, filter.due_from->to_string());
        if (filter.due_until) statement.bind(++parameters, filter.due_until->to_string());
        Db::stream(statement);
        while (statement.step())
            if (!visit(read_request(statement))) break;
    }

    std::vector<Request> requests_of_subject(std::string_view subject) override {
        Statement statement(
            db_, fmt::format("SELECT {} FROM requests WHERE subject = ?1 ORDER BY received, id", request_columns));
        statement.bind(1, subject);
        std::vector<Request> requests;
        while (statement.step()) requests.push_back(read_request(statement));
        return requests;
    }

    std::vector<AuditEvent> audit_events_for(std::string_view target) override {
        Statement statement(db_,
                            fmt::format("SELECT {} FROM audit_events WHERE target = ?1 ORDER BY seq", event_columns));
        statement.bind(1, target);
        std::vector<AuditEvent> events;
        while (statement.step()) events.push_back(read_event(statement));
        return events;
    }

    void for_each_audit_event(std::optional<time::DateTime> since,
                              const std::function<bool(const AuditEvent&)>& visit) override {
        Statement statement(db_, fmt::format("SELECT {} FROM audit_events WHERE at >= ?1 ORDER BY seq", event_columns));
        statement.bind(1, since ? since->to_string() : std::string());
        Db::stream(statement);
        while (statement.step())
            if (!visit(read_event(statement))) break;
    }

    std::optional<time::DateTime> newest_audit_time() override {
        Statement statement(db_, "SELECT at FROM audit_events ORDER BY seq DESC LIMIT 1");
        if (!statement.step()) return std::nullopt;
        return instant_column(statement, 0);
    }

    std::optional<AuditHead> audit_head() override {
        Statement statement(db_, "SELECT seq, hash FROM audit_head WHERE singleton = 1");
        if (!statement.step()) return std::nullopt;
        return AuditHead{statement.integer(0), statement.text(1)};
    }

    int next_request_number(int year) override { return next_number("requests", "request", year); }

    void insert_request(const Request& r) override {
        Statement statement(db_, fmt::format("INSERT INTO requests ({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                                             "?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)",
                                             written_request_columns));
        bind_request(statement, r);
        statement.run();
        touched_.insert(r.id);
    }

    void update_request(const Request& r) override {
        Statement statement(db_,
                            "UPDATE requests SET year = ?2, number = ?3, type = ?4, subject = ?5, "
                            "subject_kind = ?6, received = ?7, due = ?8, channel = ?9, note = ?10, "
                            "status = ?11, opened_at = ?12, opened_by = ?13, extended_on = ?14, "
                            "extension_reason = ?15, subject_informed_on = ?16, outcome = ?17, "
                            "close_reason = ?18, closed_at = ?19, erased_at = ?20, informed_via = ?21, "
                            "identity_asked_on = ?22, identity_verified_on = ?23, refusal_ground = ?24, fee = ?25, "
                            "remedies_told = ?26 WHERE id = ?1");
        bind_request(statement, r);
        statement.run();
        if (Db::changes(db_) != 1) throw std::logic_error("update of a request that is not in the store");
        touched_.insert(r.id);
    }

    void insert_task(const Task& task) override {
        Statement statement(db_, fmt::format("INSERT INTO tasks ({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                             task_columns));
        bind_task(statement, task);
        statement.run();
        touched_.insert(task.request_id);
    }

    void update_task(const Task& task) override {
        Statement statement(db_,
                            "UPDATE tasks SET via = ?4, done_at = ?5, done_by = ?6, note = ?7, resolution = ?8, grounds = ?9 "
                            "WHERE request_id = ?1 AND kind = ?2 AND target = ?3");
        bind_task(statement, task);
        statement.run();
        if (Db::changes(db_) != 1) throw std::logic_error("update of a task that is not in the store");
        touched_.insert(task.request_id);
    }

    RetentionCounts past_retention(const RetentionCut& cut) override {
        Statement count(db_, retention_sql(cut.kind).count);
        bind_cut(count, cut);
        RetentionCounts counts;
        if (count.step()) {
            counts.records = static_cast<std::size_t>(count.integer(0));
            counts.dependents = static_cast<std::size_t>(count.integer(1));
        }
        return counts;
    }

    RetentionCounts delete_past_retention(const RetentionCut& cut) override {
        const auto counts = past_retention(cut);
        if (counts.records == 0) return counts;
        begin_purge();
        const auto& sql = retention_sql(cut.kind);
        // The highest numbers deleted are retired first, while the records still say what they were.
        Statement highest(db_, sql.highest);
        bind_cut(highest, cut);
        std::vector<std::pair<std::int64_t, std::int64_t>> retired;  // year (0 for consent ids), number
        while (highest.step())
            if (!highest.is_null(1)) retired.emplace_back(highest.integer(0), highest.integer(1));
        for (const auto& [year, number] : retired) {
            Statement retire(db_, "INSERT INTO retired_numbers (series, year, last_number) VALUES (?1, ?2, ?3) "
                                  "ON CONFLICT (series, year) DO UPDATE SET last_number = CASE WHEN "
                                  "excluded.last_number > retired_numbers.last_number THEN excluded.last_number "
                                  "ELSE retired_numbers.last_number END");
            retire.bind(1, sql.series).bind(2, year).bind(3, number);
            retire.run();
        }
        // Dependents first (rather than by a foreign key's cascade) so that the counts hold even on a
        // connection without foreign_keys.
        Statement dependents(db_, sql.delete_dependents);
        bind_cut(dependents, cut);
        dependents.run();
        Statement records(db_, sql.delete_records);
        bind_cut(records, cut);
        records.run();
        return counts;
    }

    ErasureCounts erase_subject(std::string_view subject, time::DateTime at) override {
        begin_purge();
        ErasureCounts counts;
        for (const auto& request : requests_of_subject(subject)) {
            counts.request_ids.push_back(request.id);
            touched_.insert(request.id);
        }
        Statement tasks(db_,
                        "UPDATE tasks SET note = '' WHERE note <> '' AND request_id IN "
                        "(SELECT id FROM requests WHERE subject = ?1)");
        tasks.bind(1, subject);
        tasks.run();
        counts.tasks_cleared = static_cast<std::size_t>(Db::changes(db_));
        Statement requests(db_,
                           "UPDATE requests SET subject = NULL, channel = '', note = '', extension_reason = '', "
                           "close_reason = '', informed_via = '', erased_at = ?2 WHERE subject = ?1");
        requests.bind(1, subject).bind(2, at.to_string());
        requests.run();
        return counts;
    }

    std::vector<ConsentEvent> consent_events_of(std::string_view subject) override {
        Statement statement(db_, fmt::format("SELECT {} FROM consent_events WHERE subject = ?1 ORDER BY purpose, at, id",
                                             consent_columns));
        statement.bind(1, subject);
        std::vector<ConsentEvent> events;
        while (statement.step()) events.push_back(read_consent(statement));
        return events;
    }

    void for_each_open_withdrawal_task(time::DateTime at,
                                       const std::function<bool(const OpenWithdrawalTask&)>& visit) override {
        Statement statement(db_,
                            "SELECT t.event_id, t.kind, t.target, t.done_at, t.done_by, e.purpose, e.at "
                            "FROM consent_tasks t JOIN consent_events e ON e.id = t.event_id "
                            "WHERE e.at <= ?1 AND (t.done_at IS NULL OR t.done_at > ?1) "
                            "ORDER BY t.event_id, t.kind, t.target");
        statement.bind(1, at.to_string());
        Db::stream(statement);
        while (statement.step()) {
            OpenWithdrawalTask open;
            open.task.event_id = statement.integer(0);
            open.task.kind = checked(parse<TaskKind>(statement.text(1)), statement.text(1));
            open.task.target = statement.text(2);
            open.purpose = statement.text(5);
            open.withdrawn_at = instant_column(statement, 6);
            if (!visit(open)) break;
        }
    }

    std::vector<std::pair<std::string, std::int64_t>> consents_given_by_purpose(time::DateTime until) override {
        Statement statement(db_,
                            "SELECT purpose, count(*) FROM consent_events WHERE subject IS NOT NULL AND "
                            "action = 'given' AND at <= ?1 GROUP BY purpose ORDER BY purpose");
        statement.bind(1, until.to_string());
        std::vector<std::pair<std::string, std::int64_t>> counts;
        while (statement.step()) counts.emplace_back(statement.text(0), statement.integer(1));
        return counts;
    }

    std::optional<ConsentEvent> find_consent_event(std::int64_t id) override {
        Statement statement(db_, fmt::format("SELECT {} FROM consent_events WHERE id = ?1", consent_columns));
        statement.bind(1, id);
        if (!statement.step()) return std::nullopt;
        return read_consent(statement);
    }

    void for_each_consent_event(std::string_view purpose, time::DateTime until,
                                const std::function<bool(const ConsentEvent&)>& visit) override {
        Statement statement(db_, fmt::format("SELECT {} FROM consent_events WHERE subject IS NOT NULL AND purpose = ?1 "
                                             "AND at <= ?2 ORDER BY subject, at, id",
                                             consent_columns));
        statement.bind(1, purpose).bind(2, until.to_string());
        Db::stream(statement);
        while (statement.step())
            if (!visit(read_consent(statement))) break;
    }

    void for_each_consent_task(bool pending_only, const std::function<bool(const ConsentTask&)>& visit) override {
        Statement statement(db_, pending_only ? "SELECT event_id, kind, target, done_at, done_by FROM consent_tasks "
                                                "WHERE done_at IS NULL ORDER BY event_id, kind DESC, target"
                                              : "SELECT event_id, kind, target, done_at, done_by FROM consent_tasks "
                                                "ORDER BY event_id, kind DESC, target");
        Db::stream(statement);
        while (statement.step()) {
            ConsentTask task;
            task.event_id = statement.integer(0);
            task.kind = checked(parse<TaskKind>(statement.text(1)), statement.text(1));
            task.target = statement.text(2);
            task.done_at = optional_instant(statement, 3);
            task.done_by = statement.optional_text(4).value_or("");
            if (!visit(task)) break;
        }
    }

    std::int64_t insert_consent_event(const ConsentEvent& e) override {
        if (!insert_consent_) {
            insert_consent_ = std::make_unique<Statement>(
                db_, "INSERT INTO consent_events (subject, purpose, action, at, evidence, method, notice_version, "
                     "source, channel, recorded_at, recorded_by, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
                     "?11, ?12)");
            // Ids are assigned here, the highest plus one as SQLite would (the writers' lock is
            // held), so that an insert need not wait for the id it was given: PostgreSQL sends an
            // import's rows in batches. The highest includes the ids the retention sweep deleted:
            // the audit trail still names them, so they are never given again.
            Statement highest(db_, "SELECT COALESCE(MAX(n), 0) FROM (SELECT MAX(id) AS n FROM consent_events "
                                   "UNION ALL SELECT last_number FROM retired_numbers WHERE series = 'consent' "
                                   "AND year = 0) AS ids");
            highest.step();
            last_consent_id_ = highest.integer(0);
        }
        auto& s = *insert_consent_;
        // Bound without copies: `e` and the two time texts outlive run(). An import's events share
        // one recorded_at, formatted once.
        at_text_ = e.at.to_string();
        if (recorded_at_text_.empty() || e.recorded_at != recorded_at_) {
            recorded_at_ = e.recorded_at;
            recorded_at_text_ = e.recorded_at.to_string();
        }
        s.bind_static(1, e.subject).bind_static(2, e.purpose).bind_static(3, to_string(e.action));
        s.bind_static(4, at_text_).bind_static(5, e.evidence).bind_static(6, e.method);
        s.bind_static(7, e.notice_version).bind_static(8, e.source).bind_static(9, e.channel);
        s.bind_static(10, recorded_at_text_).bind_static(11, e.recorded_by).bind(12, ++last_consent_id_);
        Db::bulk_run(db_, s);
        return last_consent_id_;
    }

    void insert_consent_task(const ConsentTask& task) override {
        if (!insert_consent_task_)
            insert_consent_task_ = std::make_unique<Statement>(
                db_, "INSERT INTO consent_tasks (event_id, kind, target, done_at, done_by) VALUES (?1, ?2, ?3, ?4, ?5)");
        auto& s = *insert_consent_task_;
        done_text_ = text_of(task.done_at);
        s.bind(1, task.event_id).bind_static(2, to_string(task.kind)).bind_static(3, task.target);
        s.bind_static(4, done_text_);
        if (task.done_at) s.bind_static(5, task.done_by); else s.bind_null(5);
        Db::bulk_run(db_, s);
    }

    void expect_bulk_insert() override {
        Db::expect_bulk_insert(db_);
    }

    bool complete_consent_task(const ConsentTask& task) override {
        Statement s(db_, "UPDATE consent_tasks SET done_at = ?4, done_by = ?5 WHERE event_id = ?1 AND kind = ?2 "
                         "AND target = ?3 AND done_at IS NULL");
        s.bind(1, task.event_id).bind(2, to_string(task.kind)).bind(3, task.target).bind(4, text_of(task.done_at));
        s.bind(5, task.done_by);
        s.run();
        return Db::changes(db_) == 1;
    }

    ConsentErasure erase_consent_subject(std::string_view subject, bool keep_withdrawal_proof,
                                         time::DateTime at) override {
        ConsentErasure result;
        if (keep_withdrawal_proof) {
            Statement kept(db_, "SELECT id FROM consent_events WHERE subject = ?1 AND action = 'withdrawn' ORDER BY id");
            kept.bind(1, subject);
            while (kept.step()) result.proofs_kept.push_back(kept.integer(0));
            Statement remove(db_, "DELETE FROM consent_events WHERE subject = ?1 AND action <> 'withdrawn'");
            remove.bind(1, subject);
            remove.run();
            result.events_removed = static_cast<std::size_t>(Db::changes(db_));
            Statement strip(db_, "UPDATE consent_events SET subject = NULL, evidence = '', source = '', channel = '', "
                                 "erased_at = ?2 WHERE subject = ?1");
            strip.bind(1, subject).bind(2, at.to_string());
            strip.run();
        } else {
            Statement remove(db_, "DELETE FROM consent_events WHERE subject = ?1");
            remove.bind(1, subject);
            remove.run();
            result.events_removed = static_cast<std::size_t>(Db::changes(db_));
        }
        return result;
    }

    std::optional<Breach> find_breach(std::string_view id) override {
        Statement statement(db_, fmt::format("SELECT {} FROM breaches WHERE id = ?1", breach_columns));
        statement.bind(1, id);
        if (!statement.step()) return std::nullopt;
        return read_breach(statement);
    }

    std::vector<Breach> breaches() override {
        Statement statement(db_, fmt::format("SELECT {} FROM breaches ORDER BY aware_at, id", breach_columns));
        std::vector<Breach> found;
        while (statement.step()) found.push_back(read_breach(statement));
        return found;
    }

    std::vector<BreachNotification> notifications_of(std::string_view breach_id) override {
        Statement statement(db_,
                            "SELECT breach_id, seq, audience, phase, at, reference, delay_reason, recorded_at, "
                            "recorded_by, backdate_reason FROM breach_notifications WHERE breach_id = ?1 ORDER BY seq");
        statement.bind(1, breach_id);
        std::vector<BreachNotification> found;
        while (statement.step()) {
            BreachNotification n;
            n.breach_id = statement.text(0);
            n.seq = statement.integer32(1);
            n.audience = checked(parse<NotificationAudience>(statement.text(2)), statement.text(2));
            n.phase = checked(parse<NotificationPhase>(statement.text(3)), statement.text(3));
            n.at = instant_column(statement, 4);
            n.reference = statement.text(5);
            n.delay_reason = statement.text(6);
            n.recorded_at = instant_column(statement, 7);
            n.recorded_by = statement.text(8);
            n.backdate_reason = statement.text(9);
            found.push_back(std::move(n));
        }
        return found;
    }

    int next_breach_number(int year) override { return next_number("breaches", "breach", year); }

    void insert_breach(const Breach& b) override {
        Statement statement(db_, fmt::format("INSERT INTO breaches ({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                                             "?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
                                             breach_columns));
        bind_breach(statement, b);
        statement.run();
    }

    void update_breach(const Breach& b) override {
        Statement statement(db_,
                            "UPDATE breaches SET year = ?2, number = ?3, summary = ?4, aware_at = ?5, occurred_at = ?6, "
                            "deadline = ?7, nature = ?8, data = ?9, systems = ?10, subjects_approx = ?11, "
                            "records_approx = ?12, risk = ?13, consequences = ?14, measures = ?15, exemption = ?16, "
                            "assessed_at = ?17, status = ?18, opened_at = ?19, opened_by = ?20, closed_at = ?21 "
                            "WHERE id = ?1");
        bind_breach(statement, b);
        statement.run();
        if (Db::changes(db_) != 1) throw std::logic_error("update of a breach that is not in the store");
    }

    void insert_breach_notification(const BreachNotification& n) override {
        Statement statement(db_,
                            "INSERT INTO breach_notifications (breach_id, seq, audience, phase, at, reference, "
                            "delay_reason, recorded_at, recorded_by, backdate_reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
        statement.bind(1, n.breach_id).bind(2, n.seq).bind(3, to_string(n.audience)).bind(4, to_string(n.phase));
        statement.bind(5, n.at.to_string()).bind(6, n.reference).bind(7, n.delay_reason);
        statement.bind(8, n.recorded_at.to_string()).bind(9, n.recorded_by).bind(10, n.backdate_reason);
        statement.run();
    }

    void append_audit(const AuditEntry& entry) override {
        if (!stamp_) throw std::logic_error("audit event outside a write transaction");
        AuditEvent event;
        const auto head = audit_head();
        event.seq = head ? head->seq + 1 : 1;
        event.prev_hash = head ? head->hash : std::string(genesis_hash);
        event.at = stamp_->at;
        event.actor = stamp_->actor;
        event.action = entry.action;
        event.target = entry.target;
        event.details = entry.details;
        event.recorded_at = stamp_->recorded_at;
        event.backdate_reason = stamp_->backdate_reason;
        event.hash = chain_hash(event, key_);
        Statement insert(db_, fmt::format("INSERT INTO audit_events ({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                                          event_columns));
        insert.bind(1, event.seq).bind(2, *text_of(std::optional(event.at))).bind(3, event.actor).bind(4, event.action);
        insert.bind(5, event.target).bind(6, event.details).bind(7, event.prev_hash).bind(8, event.hash);
        insert.bind(9, *text_of(std::optional(*event.recorded_at))).bind(10, event.backdate_reason);
        insert.bind(11, event.records);
        insert.run();
        last_event_ = event;
        Statement move_head(db_,
                            "INSERT INTO audit_head (singleton, seq, hash) VALUES (1, ?1, ?2) "
                            "ON CONFLICT (singleton) DO UPDATE SET seq = excluded.seq, hash = excluded.hash");
        move_head.bind(1, event.seq).bind(2, event.hash);
        move_head.run();
        audited_ = true;
    }

private:
    // Before erased or deleted bytes can reach the write-ahead log: a purge is pending until a
    // checkpoint has copied the change into the main file and emptied the log. A process killed in
    // between leaves the marker, and the next open completes the purge. (No marker: nothing to do.)
    void begin_purge() {
        if (purge_marker_.empty()) return;
        const int fd = ::open(purge_marker_.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
        if (fd < 0)
            throw EnvironmentError(
                fmt::format("cannot record the pending purge {}: {}", purge_marker_, std::strerror(errno)));
        ::fsync(fd);
        ::close(fd);
    }

    // The statements of the retention sweep, per kind. ?1 is the cut's `before`, ?2 its `as_of`:
    // instants are ISO text in UTC (YYYY-MM-DDTHH:MM:SSZ, "C" collation in PostgreSQL), so text
    // order is time order. Both backends run the same SQL.
    struct RetentionSql {
        std::string_view series;        // retired_numbers.series
        std::string count;              // one row: records, dependents
        std::string highest;            // rows: year (0 for consent ids), highest number deleted
        std::string delete_dependents;
        std::string delete_records;
    };

    static const RetentionSql& retention_sql(RetentionKind kind) {
        // Closed before the cut, and so by the moment the sweep judges at.
        static const std::string closed_past = "status = 'closed' AND closed_at < ?1 AND closed_at <= ?2";
        // A withdrawn consent is every event of one person's consent to one purpose whose newest
        // event is a withdrawal made before ?1, when no task of its withdrawals was still open at
        // ?2; a proof of withdrawal kept by `subject erase` (no subject) is a consent of its own.
        static const std::string consents_past = R"sql(
            WITH ranked AS (
                SELECT id, subject, purpose, action, at,
                       row_number() OVER (PARTITION BY subject, purpose ORDER BY at DESC, id DESC) AS newest
                FROM consent_events WHERE subject IS NOT NULL),
            unfinished AS (
                SELECT DISTINCT event_id FROM consent_tasks WHERE done_at IS NULL OR done_at > ?2),
            expired AS (
                SELECT r.subject, r.purpose FROM ranked r
                WHERE r.newest = 1 AND r.action = 'withdrawn' AND r.at < ?1
                  AND NOT EXISTS (SELECT 1 FROM consent_events e JOIN unfinished u ON u.event_id = e.id
                                  WHERE e.subject = r.subject AND e.purpose = r.purpose)),
            doomed AS (
                SELECT e.id FROM consent_events e JOIN expired x ON e.subject = x.subject AND e.purpose = x.purpose
                UNION ALL
                SELECT id FROM consent_events
                WHERE subject IS NULL AND action = 'withdrawn' AND at < ?1
                  AND id NOT IN (SELECT event_id FROM unfinished)))sql";
        static const RetentionSql requests{
            "request",
            fmt::format("SELECT (SELECT count(*) FROM requests WHERE {0}), "
                        "(SELECT count(*) FROM tasks WHERE request_id IN (SELECT id FROM requests WHERE {0}))",
                        closed_past),
            fmt::format("SELECT year, MAX(number) FROM requests WHERE {} GROUP BY year", closed_past),
            fmt::format("DELETE FROM tasks WHERE request_id IN (SELECT id FROM requests WHERE {})", closed_past),
            fmt::format("DELETE FROM requests WHERE {}", closed_past),
        };
        static const RetentionSql consents{
            "consent",
            consents_past + " SELECT (SELECT count(*) FROM doomed), "
                            "(SELECT count(*) FROM consent_tasks WHERE event_id IN (SELECT id FROM doomed))",
            consents_past + " SELECT 0, MAX(id) FROM doomed",
            consents_past + " DELETE FROM consent_tasks WHERE event_id IN (SELECT id FROM doomed)",
            consents_past + " DELETE FROM consent_events WHERE id IN (SELECT id FROM doomed)",
        };
        static const RetentionSql breaches{
            "breach",
            fmt::format("SELECT (SELECT count(*) FROM breaches WHERE {0}), (SELECT count(*) FROM "
                        "breach_notifications WHERE breach_id IN (SELECT id FROM breaches WHERE {0}))",
                        closed_past),
            fmt::format("SELECT year, MAX(number) FROM breaches WHERE {} GROUP BY year", closed_past),
            fmt::format("DELETE FROM breach_notifications WHERE breach_id IN (SELECT id FROM breaches WHERE {})",
                        closed_past),
            fmt::format("DELETE FROM breaches WHERE {}", closed_past),
        };
        switch (kind) {
            case RetentionKind::requests: return requests;
            case RetentionKind::consents: return consents;
            case RetentionKind::breaches: return breaches;
        }
        throw std::logic_error("unknown retention kind");
    }

    static void bind_cut(Statement& statement, const RetentionCut& cut) {
        statement.bind(1, *text_of(std::optional(cut.before))).bind(2, *text_of(std::optional(cut.as_of)));
    }

    // The next number of a series after the numbers the retention sweep retired: a deleted record's
    // id is never given again, because the audit trail still names it.
    int next_number(std::string_view table, std::string_view series, int year) {
        Statement statement(db_, fmt::format("SELECT COALESCE(MAX(n), 0) + 1 FROM (SELECT number AS n FROM {} WHERE "
                                             "year = ?1 UNION ALL SELECT last_number FROM retired_numbers WHERE "
                                             "series = ?2 AND year = ?1) AS numbers",
                                             table));
        statement.bind(1, year).bind(2, series);
        statement.step();
        return statement.integer32(0);
    }

    static void bind_request(Statement& s, const Request& r) {
        s.bind(1, r.id).bind(2, r.year).bind(3, r.number).bind(4, model::to_string(r.type)).bind(5, r.subject);
        s.bind(6, r.subject_kind).bind(7, *text_of(std::optional(r.received))).bind(8, *text_of(std::optional(r.due)));
        s.bind(9, r.channel).bind(10, r.note).bind(11, to_string(r.status));
        s.bind(12, *text_of(std::optional(r.opened_at))).bind(13, r.opened_by);
        s.bind(14, text_of(r.extended_on)).bind(15, r.extension_reason).bind(16, text_of(r.subject_informed_on));
        s.bind(17, r.outcome ? std::optional<std::string>(std::string(stored_outcome(*r.outcome))) : std::nullopt);
        s.bind(18, r.close_reason).bind(19, text_of(r.closed_at)).bind(20, text_of(r.erased_at));
        s.bind(21, r.informed_via).bind(22, text_of(r.identity_asked_on)).bind(23, text_of(r.identity_verified_on));
        s.bind(24, std::string(r.outcome ? refusal_ground(*r.outcome) : "")).bind(25, r.fee);
        s.bind(26, r.remedies_told ? 1 : 0);
    }

    static void bind_task(Statement& s, const Task& task) {
        s.bind(1, task.request_id).bind(2, to_string(task.kind)).bind(3, task.target).bind(4, task.via);
        s.bind(5, text_of(task.done_at));
        s.bind(6, task.done_at ? std::optional<std::string>(task.done_by) : std::nullopt).bind(7, task.note);
        s.bind(8, to_string(task.resolution)).bind(9, task.grounds);
    }

    // Reused for every row of a bulk import (one transaction, one session).
    std::unique_ptr<Statement> insert_consent_;
    std::unique_ptr<Statement> insert_consent_task_;
    std::int64_t last_consent_id_ = 0;  // the id given to this transaction's newest consent event
    std::string at_text_;  // the texts those statements bind, alive until they have run
    time::DateTime recorded_at_;
    std::string recorded_at_text_;
    std::optional<std::string> done_text_;
    typename Db::Handle db_;
    const ChangeStamp* stamp_;
    AuditKey key_;
    std::string purge_marker_;
    bool audited_ = false;
    std::set<std::string> touched_;          // requests this transaction changed
    std::optional<AuditEvent> last_event_;  // this transaction's newest event
};

}  // namespace gdprctl::store::detail
