#include "store/pg_store.hpp"

#include "errors.hpp"
#include "store/change_time.hpp"
#include "store/embedded_sql.hpp"
#include "store/location.hpp"
#include "store/pg_connection.hpp"
#include "store/pg_rows.hpp"
#include "store/sql_session.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include <stdexcept>

namespace gdprctl::store {
namespace {

// PostgreSQL's side of the shared session (store/sql_session.hpp).
struct PgDb {
    using Handle = pg::Connection*;
    using Statement = pg::Statement;
    static std::int64_t changes(pg::Connection* connection) { return connection->changes(); }
    // An import's rows go to the server many at a time (pg::Connection::defer_insert): one round
    // trip per row was most of an import's time.
    static void bulk_run(pg::Connection*, Statement& insert) { insert.run_deferred(); }
    // Through a cursor, a few thousand rows at a time: a list of a million requests is never held
    // in memory at once (libpq would otherwise receive the whole result before the first row).
    static void stream(Statement& query) { query.stream(); }
    static void expect_bulk_insert(pg::Connection*) {}
};
using PgSession = detail::SqlSession<PgDb>;

// Every write transaction and every migration step takes this transaction-scoped advisory lock
// first ("GDPR" in ASCII, as SQLite's application_id): writers run one at a time, as under
// SQLite's BEGIN IMMEDIATE, so that request and breach numbers (MAX + 1) never collide and the
// audit chain stays one chain. An advisory lock needs no privilege on any table, so an application
// role that may only append to the audit trail can still take it.
constexpr std::string_view writer_lock = "SELECT pg_advisory_xact_lock(1195658322)";

// The store's identity and schema version, the counterpart of SQLite's application_id and
// user_version; created with the first migration, in the same transaction.
constexpr std::string_view create_meta =
    "CREATE TABLE gdprctl_meta (\n"
    "    singleton      INTEGER PRIMARY KEY CHECK (singleton = 1),\n"
    "    application    TEXT NOT NULL,\n"
    "    schema_version INTEGER NOT NULL\n"
    ");\n";

// Attempts of a write transaction that fails with a serialization failure or a deadlock (another
// client's doing): the user never sees one of those unless every attempt failed.
constexpr int write_attempts = 8;

class PgStore final : public Store {
public:
    PgStore(const std::string& uri, const PgOptions& options) : audit_key_(options.audit_key) {
        pg::require_no_password(uri);
        const std::string shown = pg::redacted(uri);
        bool missing = false;
        connection_ = std::make_unique<pg::Connection>(uri, shown, &missing);
        if (missing) {
            if (options.read_only) throw_no_store(shown);
            throw EnvironmentError(fmt::format("the PostgreSQL database of {} does not exist", shown),
                                   "create it first (createdb, or CREATE DATABASE as its owner); gdprctl then "
                                   "creates its tables on the first change");
        }
        const int version = check_identity();
        if (version == 0 && options.read_only) throw_no_store(shown);
        if (version < latest_pg_schema_version()) migrate();
    }

    void read(const std::function<void(StoreReader&)>& body) override {
        pg::Transaction transaction(*connection_, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        PgSession session(connection_.get(), nullptr);
        body(session);
        transaction.commit();
    }

    void write(const ChangeStamp& stamp, const std::function<void(StoreWriter&)>& body) override {
        pg::with_retries(write_attempts, [&] {
            // READ COMMITTED: once the lock is held, every statement sees what the writers before
            // this one committed.
            pg::Transaction transaction(*connection_, "BEGIN ISOLATION LEVEL READ COMMITTED");
            connection_->execute(std::string(writer_lock), "waiting for the other writers");
            const auto changes_before = connection_->total_changes();
            // Checked under the write lock, against the newest event another writer may just have added.
            const ChangeStamp checked =
                checked_stamp(stamp_under_lock(stamp), PgSession(connection_.get(), nullptr).newest_audit_time());
            PgSession session(connection_.get(), &checked, audit_key_);
            body(session);
            connection_->flush();
            if (connection_->total_changes() != changes_before && !session.audited())
                throw std::logic_error("a change to the store without an audit event");
            session.link_records();
            transaction.commit();
        });
    }

    // An erased value stays in the database's files after the commit: PostgreSQL keeps the old
    // version of a changed or deleted row until VACUUM, and VACUUM frees that space without
    // overwriting it; ANALYZE may also have copied the value into the column statistics
    // (pg_statistic). Measured on PostgreSQL 15 (tests/cli/store.sh greps the database's files
    // after a CHECKPOINT): after `subject erase` and VACUUM the subject's identifier was still in
    // the heap file of requests and in its index's file; after VACUUM (FULL, ANALYZE) of the
    // tables it was only in pg_statistic's file, and after VACUUM (FULL) pg_statistic in none.
    // VACUUM FULL rewrites a table and its indexes into new files and truncates the old ones when
    // it commits; it cannot run inside a transaction, so it runs here, after the erasure's commit,
    // one table at a time (each locked while it is rewritten). PostgreSQL lets only a table's
    // owner, the database's owner or a superuser run it: for the application role of `store
    // setup-roles` the purge is left pending, and the report names the statements its owner runs.
    PurgeReport purge_after_erasure() override {
        constexpr std::string_view may_vacuum =
            "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user) OR "
            "pg_has_role(current_user, (SELECT datdba FROM pg_database WHERE datname = current_database()), 'USAGE')";
        const auto tables = connection_->execute(
            fmt::format("SELECT c.relname, pg_has_role(current_user, c.relowner, 'USAGE') OR {} "
                        "FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' "
                        "AND c.relname IN ('requests', 'tasks', 'consent_events', 'consent_tasks', 'breaches', "
                        "'breach_notifications') ORDER BY c.relname",
                        may_vacuum),
            "finding the tables to purge");
        std::vector<std::string> rewrite;
        std::vector<std::string> left;
        for (int row = 0; row < tables.rows(); ++row)
            (tables.text(row, 1) == "t" ? rewrite : left).push_back(tables.text(row, 0));
        // VACUUM FULL copies every row version that a running transaction may still see, so a
        // transaction that began before the erasure's commit (a reader, an ANALYZE sampling the
        // table, a pg_dump) would keep the erased rows in the rewritten files; it also holds a
        // lock the rewrite must wait for. Wait for such sessions to end, within a bound; past it
        // nothing is rewritten and the purge is reported pending, naming the sessions.
        const std::string blockers = wait_for_older_transactions(std::chrono::seconds(15));
        PurgeReport report;
        report.remains =
            "PostgreSQL's write-ahead log (pg_wal) until its segments are recycled, and WAL archives, "
            "base backups, dumps and replicas' WAL until they rotate out (docs/deployment.md)";
        if (!blockers.empty()) {
            std::vector<std::string> all = rewrite;
            all.insert(all.end(), left.begin(), left.end());
            std::sort(all.begin(), all.end());
            report.complete = false;
            report.remains = fmt::format(
                "the database's files (old row versions that sessions {} could still read: they began before the "
                "erasure and were still running 15 s later) until those sessions end and the database's owner runs "
                "`VACUUM (FULL, ANALYZE) {}; VACUUM (FULL) pg_statistic`; and {}",
                blockers, fmt::join(all, ", "), report.remains);
            return report;
        }
        std::vector<std::string> pending;
        if (!rewrite.empty())
            connection_->execute(fmt::format("VACUUM (FULL, ANALYZE) {}", fmt::join(rewrite, ", ")),
                                 "rewriting the tables without the erased rows (VACUUM FULL)");
        if (!left.empty()) pending.push_back(fmt::format("VACUUM (FULL, ANALYZE) {}", fmt::join(left, ", ")));
        // After the ANALYZE: the statistics it replaced are the old versions to remove. A session
        // that began before the ANALYZE may still read them: the same wait, and a short one (the
        // sessions older than the erasure are gone by now).
        constexpr std::string_view statistics = "VACUUM (FULL) pg_statistic";
        if (connection_->execute(fmt::format("SELECT {}", may_vacuum), "finding the tables to purge").text(0, 0) == "t" &&
            wait_for_older_transactions(std::chrono::seconds(15)).empty())
            connection_->execute(std::string(statistics), "rewriting the column statistics (VACUUM FULL)");
        else
            pending.emplace_back(statistics);
        if (!pending.empty()) {
            report.complete = false;
            report.remains = fmt::format(
                "the database's files (old row versions, column statistics) until the database's owner runs `{}` "
                "(PostgreSQL lets only a table's owner rewrite it); and {}",
                fmt::join(pending, "; "), report.remains);
        }
        return report;
    }

    // Waits until no other session (in any database: the horizon VACUUM uses is not always the
    // database's own) holds a snapshot or a transaction id older than now, that is than the
    // erasure that just committed. Returns the pids still doing so at the deadline ("" if none).
    // A session whose details PostgreSQL hides from this role (another role's, without
    // pg_read_all_stats) cannot be waited for; docs/deployment.md says to grant that role.
    std::string wait_for_older_transactions(std::chrono::milliseconds bound) {
        const std::string now = connection_->execute(
            "SELECT (pg_snapshot_xmax(pg_current_snapshot())::text::bigint % 4294967296)::text",
            "reading the current transaction id").text(0, 0);
        const auto deadline = std::chrono::steady_clock::now() + bound;
        while (true) {
            auto older = connection_->execute(
                "SELECT coalesce(string_agg(pid::text, ', ' ORDER BY pid), '') FROM pg_stat_activity "
                "WHERE pid <> pg_backend_pid() AND (age(backend_xmin) >= age($1::xid) OR age(backend_xid) >= age($1::xid))",
                std::vector<std::optional<std::string>>{now});
            std::string pids = older.text(0, 0);
            if (pids.empty() || std::chrono::steady_clock::now() >= deadline) return pids;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }

    void read_rows(const std::function<void(StoreReader&, RowSource&)>& body) override {
        pg::Transaction transaction(*connection_, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        PgSession session(connection_.get(), nullptr);
        auto rows = pg_row_source(*connection_);
        body(session, *rows);
        transaction.commit();
    }

    void load_rows(const std::function<void(StoreReader&, RowSource&, RowLoader&)>& body) override {
        pg::Transaction transaction(*connection_, "BEGIN ISOLATION LEVEL READ COMMITTED");
        connection_->execute(std::string(writer_lock), "waiting for the other writers");
        PgSession session(connection_.get(), nullptr);
        auto rows = pg_row_source(*connection_);
        refuse_rows_in(*rows, connection_->shown());
        auto loader = pg_row_loader(*connection_);
        body(session, *rows, *loader);
        advance_pg_sequences(*connection_);
        transaction.commit();
    }

private:
    [[noreturn]] static void throw_no_store(const std::string& shown) {
        throw NoStoreError(fmt::format("no store at {}", shown),
                               "check --db (or GDPRCTL_DB); a store is created by the first change, e.g. "
                               "`gdprctl request open`");
    }

    // The schema version of the store (0: an empty database that becomes one). Refuses a database
    // that holds anything else, and a store written by a newer gdprctl.
    int check_identity() {
        const auto& shown = connection_->shown();
        const auto [has_meta, relations] = schema_contents();
        if (!has_meta) {
            if (relations != 0) throw_foreign(shown);
            return 0;
        }
        const auto meta =
            connection_->execute("SELECT application, schema_version FROM gdprctl_meta WHERE singleton = 1",
                                 "reading the schema version");
        if (meta.rows() != 1 || meta.text(0, 0) != pg_application_name) throw_foreign(shown);
        const int version = std::stoi(meta.text(0, 1));
        if (version > latest_pg_schema_version())
            throw EnvironmentError(
                fmt::format("the store {} was written by a newer gdprctl (schema version {}; this gdprctl knows up "
                            "to version {})",
                            shown, version, latest_pg_schema_version()),
                "upgrade gdprctl to open it; this one will not change a store it does not understand");
        return version;
    }

    [[noreturn]] static void throw_foreign(const std::string& shown) {
        throw EnvironmentError(fmt::format("{} is a PostgreSQL database but not a gdprctl store", shown),
                               "point --db (or GDPRCTL_DB) at a gdprctl store, or at a new, empty database");
    }

    // Whether the schema holds gdprctl_meta, and how many tables, views and sequences in all, from
    // one snapshot of the catalog: another client may be creating the store at this moment. (Not
    // to_regclass(): its cached answer may predate that client's commit.)
    std::pair<bool, long> schema_contents() {
        const auto found = connection_->execute(
            "SELECT count(*) FILTER (WHERE c.relname = 'gdprctl_meta'), count(*) FROM pg_catalog.pg_class c "
            "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')",
            "reading the schema");
        return {found.text(0, 0) != "0", std::stol(found.text(0, 1))};
    }

    int current_version() {
        if (!schema_contents().first) return 0;
        const auto meta = connection_->execute("SELECT schema_version FROM gdprctl_meta WHERE singleton = 1",
                                               "reading the schema version");
        return meta.rows() == 1 ? std::stoi(meta.text(0, 0)) : 0;
    }

    // One migration per transaction, under the writers' lock; the version is read again once the
    // lock is held, because another client may have migrated meanwhile.
    void migrate() {
        const auto files = pg_sql::embedded_files();
        while (true) {
            pg::Transaction transaction(*connection_, "BEGIN ISOLATION LEVEL READ COMMITTED");
            connection_->execute(std::string(writer_lock), "waiting for the other writers");
            const int version = current_version();
            if (version >= latest_pg_schema_version()) break;
            if (version == 0) {
                connection_->execute(std::string(create_meta), "creating the store");
                connection_->execute(
                    fmt::format("INSERT INTO gdprctl_meta VALUES (1, '{}', 0)", pg_application_name),
                    "creating the store");
            }
            const auto& [name, sql] = files[static_cast<std::size_t>(version)];
            connection_->execute(std::string(sql), fmt::format("migrating the store ({})", name));
            connection_->execute(fmt::format("UPDATE gdprctl_meta SET schema_version = {}", version + 1),
                                 "migrating the store");
            transaction.commit();
        }
    }

    AuditKey audit_key_;
    std::unique_ptr<pg::Connection> connection_;
};

}  // namespace

int latest_pg_schema_version() { return static_cast<int>(pg_sql::embedded_files().size()); }

std::unique_ptr<Store> open_pg_store(const std::string& uri, const PgOptions& options) {
    return std::make_unique<PgStore>(uri, options);
}

}  // namespace gdprctl::store
