#pragma once

#include "model/vocabulary.hpp"
#include "time/date.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

// The operational store behind an interface: commands and domain logic speak in these value
// types and never in SQL, so that a PostgreSQL backend can implement the same classes later.
namespace gdprctl::store {

// The store's vocabularies use the register's table machinery (model/vocabulary_table.hpp):
// store::to_string, store::parse<E> and store::names<E> work on them as on the register's enums.
using model::names;
using model::parse;
using model::to_string;

enum class RequestStatus { open, closed };
// refused: Art. 12(4); manifestly_unfounded and excessive: Art. 12(5), each an outcome of its own.
enum class Outcome { fulfilled, refused, partial, manifestly_unfounded, excessive };
// What a task asks for: act on the right; restrict instead of erasing (Art. 17(3)); nothing,
// because the right does not apply to the system's processing (Art. 20(1), 21).
enum class TaskResolution { act, restrict, not_applicable };
enum class TaskKind { system, notify };

// The consent ledger (Art. 7) and the breach register (Art. 33, 34).
enum class ConsentAction { given, withdrawn };
enum class BreachRisk { none, risk, high };
enum class BreachExemption { encrypted, mitigated, disproportionate };
enum class NotificationAudience { authority, subjects, public_communication };
enum class NotificationPhase { initial, additional, final };
enum class BreachStatus { open, closed };

}  // namespace gdprctl::store

namespace gdprctl::model {

template <>
struct Vocabulary<store::RequestStatus> {
    using E = store::RequestStatus;
    static constexpr std::array<VocabularyEntry<E>, 2> entries{{
        {E::open, "open", "Open", ""},
        {E::closed, "closed", "Closed", ""},
    }};
    static_assert(is_complete(entries, E::closed));
};

// Art. 12(4): a refusal (or a partial answer) states its reasons; Art. 12(5): a manifestly unfounded
// or excessive request may be refused or charged for.
template <>
struct Vocabulary<store::Outcome> {
    using E = store::Outcome;
    static constexpr std::array<VocabularyEntry<E>, 5> entries{{
        {E::fulfilled, "fulfilled", "Fulfilled", "GDPR Art. 12(3)"},
        {E::refused, "refused", "Refused", "GDPR Art. 12(4)"},
        {E::partial, "partial", "Partly fulfilled", "GDPR Art. 12(4)"},
        {E::manifestly_unfounded, "manifestly-unfounded", "Manifestly unfounded", "GDPR Art. 12(5)"},
        {E::excessive, "excessive", "Excessive", "GDPR Art. 12(5)"},
    }};
    static_assert(is_complete(entries, E::excessive));
};

template <>
struct Vocabulary<store::TaskResolution> {
    using E = store::TaskResolution;
    static constexpr std::array<VocabularyEntry<E>, 3> entries{{
        {E::act, "act", "Act on the right", ""},
        {E::restrict, "restrict", "Restrict, do not erase", "GDPR Art. 17(3)"},
        {E::not_applicable, "not-applicable", "Not applicable", "GDPR Art. 20(1), Art. 21"},
    }};
    static_assert(is_complete(entries, E::not_applicable));
};

// A task is work in one system, or an Art. 19 notice to a recipient.
template <>
struct Vocabulary<store::TaskKind> {
    using E = store::TaskKind;
    static constexpr std::array<VocabularyEntry<E>, 2> entries{{
        {E::system, "system", "System", ""},
        {E::notify, "notify", "Notify recipient", "GDPR Art. 19"},
    }};
    static_assert(is_complete(entries, E::notify));
};

// The consent ledger's and the breach register's vocabularies, as the requests' above.
template <>
struct Vocabulary<store::ConsentAction> {
    using E = store::ConsentAction;
    static constexpr std::array<VocabularyEntry<E>, 2> entries{{
        {E::given, "given", "Consent given", "GDPR Art. 7(1)"},
        {E::withdrawn, "withdrawn", "Consent withdrawn", "GDPR Art. 7(3)"},
    }};
    static_assert(is_complete(entries, E::withdrawn));
};

template <>
struct Vocabulary<store::BreachRisk> {
    using E = store::BreachRisk;
    static constexpr std::array<VocabularyEntry<E>, 3> entries{{
        {E::none, "none", "Unlikely to result in a risk", "GDPR Art. 33(1), 33(5)"},
        {E::risk, "risk", "A risk to people's rights and freedoms", "GDPR Art. 33(1)"},
        {E::high, "high", "A high risk", "GDPR Art. 34(1)"},
    }};
    static_assert(is_complete(entries, E::high));
};

template <>
struct Vocabulary<store::BreachExemption> {
    using E = store::BreachExemption;
    static constexpr std::array<VocabularyEntry<E>, 3> entries{{
        {E::encrypted, "encrypted", "Data unintelligible to others (e.g. encrypted)", "GDPR Art. 34(3)(a)"},
        {E::mitigated, "mitigated", "High risk no longer likely after measures", "GDPR Art. 34(3)(b)"},
        {E::disproportionate, "disproportionate", "Disproportionate effort: a public communication instead",
         "GDPR Art. 34(3)(c)"},
    }};
    static_assert(is_complete(entries, E::disproportionate));
};

template <>
struct Vocabulary<store::NotificationAudience> {
    using E = store::NotificationAudience;
    static constexpr std::array<VocabularyEntry<E>, 3> entries{{
        {E::authority, "authority", "Supervisory authority", "GDPR Art. 33(1)"},
        {E::subjects, "subjects", "People affected", "GDPR Art. 34(1)"},
        {E::public_communication, "public", "Public communication", "GDPR Art. 34(3)(c)"},
    }};
    static_assert(is_complete(entries, E::public_communication));
};

template <>
struct Vocabulary<store::NotificationPhase> {
    using E = store::NotificationPhase;
    static constexpr std::array<VocabularyEntry<E>, 3> entries{{
        {E::initial, "initial", "Initial", "GDPR Art. 33(4)"},
        {E::additional, "additional", "Additional", "GDPR Art. 33(4)"},
        {E::final, "final", "Final", "GDPR Art. 33(4)"},
    }};
    static_assert(is_complete(entries, E::final));
};

template <>
struct Vocabulary<store::BreachStatus> {
    using E = store::BreachStatus;
    static constexpr std::array<VocabularyEntry<E>, 2> entries{{
        {E::open, "open", "Open", ""},
        {E::closed, "closed", "Closed", ""},
    }};
    static_assert(is_complete(entries, E::closed));
};

}  // namespace gdprctl::model

namespace gdprctl::store {

struct Request {
    std::string id;  // REQ-<year>-<number>
    int year = 0;
    int number = 0;
    model::Right type = model::Right::access;  // the right the request exercises (Art. 15-21)
    std::optional<std::string> subject;  // nullopt once the subject has been erased
    std::string subject_kind;
    time::Date received;
    time::Date due;
    std::string channel;
    std::string note;
    RequestStatus status = RequestStatus::open;
    time::DateTime opened_at;
    std::string opened_by;
    std::optional<time::Date> extended_on;
    std::string extension_reason;
    std::optional<time::Date> subject_informed_on;  // of the extension (Art. 12(3))
    std::string informed_via;                       // how the subject was told of it
    std::optional<time::Date> identity_asked_on;     // Art. 12(6): additional information requested
    std::optional<time::Date> identity_verified_on;  // and received
    std::optional<Outcome> outcome;
    std::string close_reason;
    bool remedies_told = false;  // told of the complaint (Art. 77) and judicial remedy (Art. 79)
    std::string fee;             // Art. 12(5)(a): a reasonable fee charged
    std::optional<time::DateTime> closed_at;
    std::optional<time::DateTime> erased_at;
    // The audit event that created or last changed this request or one of its tasks (record links).
    std::optional<std::int64_t> audit_seq;
};

struct Task {
    std::string request_id;
    TaskKind kind = TaskKind::system;
    std::string target;  // system id, or recipient id for an Art. 19 notification
    std::string via;     // notifications: comma-separated systems that disclose to the recipient
    std::optional<time::DateTime> done_at;
    std::string done_by;
    std::string note;
    TaskResolution resolution = TaskResolution::act;
    std::string grounds = {};  // why restrict or not applicable, citing the law and the register
    bool done() const { return done_at.has_value(); }
    // Still to be worked on before the request is fulfilled.
    bool pending() const { return !done() && resolution != TaskResolution::not_applicable; }
};

// ---- consent ledger (Art. 7) ---------------------------------------------------------------

// One event of the append-only ledger: a person gave or withdrew consent to one purpose.
struct ConsentEvent {
    std::int64_t id = 0;                 // shown as CON-<id>; assigned by the store
    std::optional<std::string> subject;  // nullopt once erased (a kept proof of withdrawal)
    std::string purpose;                 // SYSTEM/PURPOSE
    ConsentAction action = ConsentAction::given;
    time::DateTime at;                   // when the person acted
    std::string evidence;
    std::string method;
    std::string notice_version;
    std::string source;
    std::string channel;
    time::DateTime recorded_at;
    std::string recorded_by;
    std::optional<time::DateTime> erased_at;
};

// A withdrawal's propagation to one system (stop using it) or one recipient (tell it).
struct ConsentTask {
    std::int64_t event_id = 0;
    TaskKind kind = TaskKind::system;
    std::string target;
    std::optional<time::DateTime> done_at;
    std::string done_by;
};

// A propagation task still open at some time, with the withdrawal it carries out.
struct OpenWithdrawalTask {
    ConsentTask task;
    std::string purpose;
    time::DateTime withdrawn_at;
};

struct ConsentErasure {
    std::size_t events_removed = 0;
    std::vector<std::int64_t> proofs_kept;  // withdrawal events kept without the identifier
};

// ---- breach register (Art. 33, 34) ------------------------------------------------------------

struct Breach {
    std::string id;  // BR-<year>-<number>
    int year = 0;
    int number = 0;
    std::string summary;
    time::DateTime aware_at;
    std::optional<time::DateTime> occurred_at;
    time::DateTime deadline;              // aware_at + 72 clock hours (Art. 33(1))
    std::vector<std::string> nature;      // confidentiality, integrity, availability
    std::vector<std::string> data;        // data categories
    std::vector<std::string> systems;
    std::optional<std::int64_t> subjects_approx;
    std::optional<std::int64_t> records_approx;
    std::optional<BreachRisk> risk;       // nullopt until assessed
    std::string consequences;
    std::string measures;
    std::optional<BreachExemption> exemption;
    std::optional<time::DateTime> assessed_at;
    BreachStatus status = BreachStatus::open;
    time::DateTime opened_at;
    std::string opened_by;
    std::optional<time::DateTime> closed_at;
};

struct BreachNotification {
    std::string breach_id;
    int seq = 0;
    NotificationAudience audience = NotificationAudience::authority;
    NotificationPhase phase = NotificationPhase::initial;
    time::DateTime at;
    std::string reference;
    std::string delay_reason;
    time::DateTime recorded_at;  // the real time it was recorded
    std::string recorded_by;
    std::string backdate_reason;  // why a filing dated on time was recorded after the deadline
};

// What a change says about itself in the audit trail. `target` is a request id or another
// non-identifying reference; never a data subject's identifier.
struct AuditEntry {
    std::string action;
    std::string target;
    std::string details;
};

struct AuditEvent {
    std::int64_t seq = 0;
    time::DateTime at;  // effective time: what the change is dated (--as-of, or the clock)
    // The real time the change was written; nullopt for events written before it was recorded.
    std::optional<time::DateTime> recorded_at;
    std::string backdate_reason;  // set when `at` is before the trail's newest event or the clock allowed
    std::string actor;
    std::string action;
    std::string target;
    std::string details;
    // "id=digest\n" per request this event's transaction changed (record_digest after it); empty
    // for events written before record links existed.
    std::string records;
    std::string prev_hash;
    std::string hash;
};

struct AuditHead {
    std::int64_t seq = 0;
    std::string hash;
};

struct RequestFilter {
    std::optional<RequestStatus> status;  // nullopt: all
    // Due-date bounds, both inclusive; either one set restricts the list to open requests.
    std::optional<time::Date> due_from;
    std::optional<time::Date> due_until;
};

// Erasure result, in counts, so that callers can say what was removed and what was kept.
struct ErasureCounts {
    std::vector<std::string> request_ids;  // kept pseudonymously (no identifier)
    std::size_t tasks_cleared = 0;         // task notes removed; the task rows stay for accountability
};

// ---- the store's own retention (`retention sweep`) ---------------------------------------------

// The kinds of finished record the sweep deletes once their period has run.
enum class RetentionKind {
    requests,  // closed requests, with their tasks; dated by closing
    consents,  // withdrawn consents: every event of the consent and the withdrawals' tasks; dated by the withdrawal
    breaches,  // closed breaches, with their notifications; dated by closing
};

// Which records of a kind are past their retention: those dated before `before`, the start of the
// day after the period's last day in the workspace's time zone. `as_of` is the moment the sweep
// judges at: a withdrawal whose propagation tasks were not all done by then is still being carried
// out (Art. 7(3)) and is kept whatever its age.
struct RetentionCut {
    RetentionKind kind = RetentionKind::requests;
    time::DateTime before;
    time::DateTime as_of;
};

// What the sweep deletes (or, in a dry run, would delete): counts only, never which.
struct RetentionCounts {
    std::size_t records = 0;     // requests, consent events, breaches
    std::size_t dependents = 0;  // their tasks, tasks, notifications
};

// What an erasure leaves behind once its transaction has committed (Store::purge_after_erasure).
struct PurgeReport {
    // False: the erased data is still in the store's own files and a purge is pending (SQLite:
    // another process kept the write-ahead log from being emptied; the next change completes it).
    bool complete = true;
    // Where copies of the erased data remain after the purge, in one sentence for the user (e.g.
    // PostgreSQL's WAL archives and backups); empty when the store's files were all that held it.
    std::string remains;
};

// ---- whole-store copy (`store copy`) ---------------------------------------------------------
// A stored value as both backends hold it: NULL, an integer or a text. A copy moves rows in this
// form, so that every column (hashes and record links included) arrives exactly as it was.
using Cell = std::variant<std::monostate, std::int64_t, std::string>;
using Row = std::vector<Cell>;

// Reads; valid inside Store::read or Store::write.
class StoreReader {
public:
    virtual ~StoreReader() = default;
    virtual std::optional<Request> find_request(std::string_view id) = 0;
    virtual std::vector<Task> tasks_of(std::string_view request_id) = 0;
    // Calls `visit` for each match in due order (then id); stops when `visit` returns false.
    virtual void for_each_request(const RequestFilter& filter, const std::function<bool(const Request&)>& visit) = 0;
    virtual std::vector<Request> requests_of_subject(std::string_view subject) = 0;
    virtual std::vector<AuditEvent> audit_events_for(std::string_view target) = 0;
    // In sequence order; `since` filters on the event time.
    virtual void for_each_audit_event(std::optional<time::DateTime> since,
                                      const std::function<bool(const AuditEvent&)>& visit) = 0;
    virtual std::optional<AuditHead> audit_head() = 0;
    // The effective time of the newest event (highest sequence number), if any.
    virtual std::optional<time::DateTime> newest_audit_time() = 0;

    // Consent events of one subject, in (purpose, at, id) order.
    virtual std::vector<ConsentEvent> consent_events_of(std::string_view subject) = 0;
    virtual std::optional<ConsentEvent> find_consent_event(std::int64_t id) = 0;
    // Events of `purpose` at or before `until`, of identified subjects, in (subject, at, id)
    // order, so that a caller can fold each subject's events as they stream past.
    virtual void for_each_consent_event(std::string_view purpose, time::DateTime until,
                                        const std::function<bool(const ConsentEvent&)>& visit) = 0;
    // Propagation tasks in (event, kind, target) order; only the ones not done when `pending_only`.
    virtual void for_each_consent_task(bool pending_only, const std::function<bool(const ConsentTask&)>& visit) = 0;
    // Tasks of withdrawals made at or before `at` that were not done by then, in (event, kind,
    // target) order.
    virtual void for_each_open_withdrawal_task(time::DateTime at,
                                               const std::function<bool(const OpenWithdrawalTask&)>& visit) = 0;
    // How many consents (`given` events of identified subjects) were recorded per purpose at or
    // before `until`, by purpose.
    virtual std::vector<std::pair<std::string, std::int64_t>> consents_given_by_purpose(time::DateTime until) = 0;

    virtual std::optional<Breach> find_breach(std::string_view id) = 0;
    // Every breach, in order of awareness.
    virtual std::vector<Breach> breaches() = 0;
    virtual std::vector<BreachNotification> notifications_of(std::string_view breach_id) = 0;
    // The records `cut` finds past their retention, with their dependents: what
    // delete_past_retention would delete.
    virtual RetentionCounts past_retention(const RetentionCut& cut) = 0;


};

// Rows as stored, for `store copy`: valid inside Store::read_rows or Store::load_rows.
class RowSource {
public:
    virtual ~RowSource() = default;
    // The store's own tables by name (a backend's bookkeeping, such as PostgreSQL's schema
    // identity table, excluded), and the columns of one of them in their declared order.
    virtual std::vector<std::string> table_names() = 0;
    virtual std::vector<std::string> columns_of(std::string_view table) = 0;
    // Every row of `table` as stored, `columns` in that order, sorted by those columns.
    virtual void for_each_row(std::string_view table, const std::vector<std::string>& columns,
                              const std::function<void(const Row&)>& visit) = 0;
};

// Inserts rows as they are, outside the audited write path: only `store copy` uses it, into a
// store that holds no row (Store::load_rows).
class RowLoader {
public:
    virtual ~RowLoader() = default;
    virtual void insert_row(std::string_view table, const std::vector<std::string>& columns, const Row& row) = 0;
};

// Writes; valid only inside Store::write, whose single transaction holds them all together
// with their audit events.
class StoreWriter : public StoreReader {
public:
    // The next free number for `year`, reserved for this transaction.
    virtual int next_request_number(int year) = 0;
    virtual void insert_request(const Request& request) = 0;
    virtual void update_request(const Request& request) = 0;
    virtual void insert_task(const Task& task) = 0;
    virtual void update_task(const Task& task) = 0;
    // Removes the identifier and free text of every request of `subject`.
    virtual ErasureCounts erase_subject(std::string_view subject, time::DateTime at) = 0;
    // Appends one consent event and returns its id. Prepared once per transaction, so that a bulk
    // import pays for parsing the SQL only once.
    virtual std::int64_t insert_consent_event(const ConsentEvent& event) = 0;
    virtual void insert_consent_task(const ConsentTask& task) = 0;
    // A hint before many inserts in this transaction (a bulk import): the backend may enlarge its
    // caches for the rest of the session.
    virtual void expect_bulk_insert() {}
    // Marks a propagation task done; false when there is no such task still pending.
    virtual bool complete_consent_task(const ConsentTask& task) = 0;
    // Removes the subject's consent events; with `keep_withdrawal_proof`, withdrawals stay without
    // the identifier and free text (evidence, source, channel).
    virtual ConsentErasure erase_consent_subject(std::string_view subject, bool keep_withdrawal_proof,
                                                 time::DateTime at) = 0;

    // The next free breach number for `year`, reserved for this transaction.
    virtual int next_breach_number(int year) = 0;
    virtual void insert_breach(const Breach& breach) = 0;
    virtual void update_breach(const Breach& breach) = 0;
    virtual void insert_breach_notification(const BreachNotification& notification) = 0;

    // Deletes what past_retention(cut) counts, overwriting the freed bytes (secure_delete), and keeps
    // the deleted records' numbers (REQ-, BR-, CON-) from being given again: the audit trail still
    // names them. Like an erasure, it leaves a purge pending until Store::purge_after_erasure.
    virtual RetentionCounts delete_past_retention(const RetentionCut& cut) = 0;
    // Appends to the hash chain, stamped with the transaction's actor and time.
    virtual void append_audit(const AuditEntry& entry) = 0;
};

// Who makes a change and when: every audit event of one transaction carries it.
struct ChangeStamp {
    std::string actor;
    time::DateTime at;           // effective time
    time::DateTime recorded_at;  // the real clock
    std::string backdate_reason;  // --backdate: required when `at` lies in the past (see change_time.hpp)
    // The date of `at` in the workspace's time zone (settings.timezone); its UTC date when unset.
    std::optional<time::Date> local_date = {};
    // Set where recorded_at (and, without --as-of, `at`) were read from the clock: the store reads
    // the clock again once it holds its write lock (stamp_under_lock), so a writer that waited for
    // another never records an earlier time than the event it follows (Art. 5(2)).
    bool recorded_from_clock = false;
    bool at_from_clock = false;

    time::Date date() const { return local_date.value_or(at.date()); }
};

class Store {
public:
    virtual ~Store() = default;
    // One read snapshot.
    virtual void read(const std::function<void(StoreReader&)>& body) = 0;
    // One write transaction: all of `body` or nothing. A change without an audit event is a
    // programming error and rolls back.
    virtual void write(const ChangeStamp& stamp, const std::function<void(StoreWriter&)>& body) = 0;
    // After an erasure (or a deletion past retention) has committed: each backend removes what its
    // own files still hold of the erased rows, and says what remains elsewhere. SQLite checkpoints
    // the write-ahead log into the main file and truncates it (secure_delete has overwritten the
    // freed pages); PostgreSQL rewrites the tables that hold personal data (VACUUM FULL: a plain
    // VACUUM leaves the bytes in the files). The one hook every erasing command calls, after its
    // transaction.
    virtual PurgeReport purge_after_erasure() = 0;
    // Loads a whole store's rows verbatim (`store copy`): one transaction holding the write lock,
    // refused (refuse_rows_in) when any table already holds a row. `body` may read what it loaded
    // (to verify the audit chain) before the commit; all of it or nothing. Counters such as a
    // PostgreSQL sequence are moved past the loaded ids before the commit.
    virtual void load_rows(const std::function<void(StoreReader&, RowSource&, RowLoader&)>& body) = 0;
    // One read snapshot, as read(), with the rows as stored beside it: a copy's source.
    virtual void read_rows(const std::function<void(StoreReader&, RowSource&)>& body) = 0;
};

// The one place that chooses a backend from a store location (--db, GDPRCTL_DB, settings.store or
// the workspace's default path): a postgres:// or postgresql:// URI is a PostgreSQL database
// (store/pg_store.hpp), anything else a SQLite file (store/sqlite_store.hpp).
struct OpenOptions {
    // Read commands: a missing store is "no store at PATH" (never created), an existing one is
    // opened read-only.
    bool read_only = false;
    // The key of a keyed audit chain (store/audit.hpp); empty for a plain SHA-256 chain.
    std::string audit_key;
};
std::unique_ptr<Store> open_store(const std::string& location, const OpenOptions& options = {});

// A copy goes only into an empty store: throws Refusal naming the first table of `rows` that holds
// a row. `shown` names the store (a redacted URI, or the file).
void refuse_rows_in(RowSource& rows, const std::string& shown);

}  // namespace gdprctl::store
