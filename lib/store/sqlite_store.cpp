#include "store/sqlite_store.hpp"

#include "errors.hpp"
#include "store/audit.hpp"
#include "store/change_time.hpp"
#include "store/embedded_sql.hpp"
#include "store/location.hpp"
#include "store/sql_session.hpp"
#include "store/sqlite_rows.hpp"
#include "store/statement.hpp"
#include "store/transaction.hpp"
#include "model/vocabulary.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>
#include <stdexcept>
#include <thread>

namespace gdprctl::store {
namespace {

namespace fs = std::filesystem;

std::int64_t pragma_integer(sqlite3* db, const char* name) {
    Statement statement(db, fmt::format("PRAGMA {}", name));
    return statement.step() ? statement.integer(0) : 0;
}

// SQLite's side of the shared session (store/sql_session.hpp).
struct SqliteDb {
    using Handle = sqlite3*;
    using Statement = store::Statement;
    static std::int64_t changes(sqlite3* db) { return sqlite3_changes(db); }
    static void bulk_run(sqlite3*, Statement& insert) { insert.run(); }
    static void stream(Statement&) {}  // SQLite steps through its rows as they are read
    static void expect_bulk_insert(sqlite3* db) {
        // The index on (subject, purpose, at) takes an import's rows in random order. In SQLite's
        // default 2 MB page cache a large import spilled index pages to the write-ahead log and
        // read them back (85,000 pwrite and 75,000 pread calls per 100,000 rows); 256 MiB keeps
        // them until the commit. Pages are allocated as they are used.
        execute(db, "PRAGMA cache_size = -262144");
    }
};
using SqliteSession = detail::SqlSession<SqliteDb>;

// Before the first connection: the allocator's statistics are never read, so SQLite need not
// keep them under a global mutex (with the connection mutexes, a tenth of an import's
// instructions under callgrind).
void configure_library_once() {
    static const int configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)configured;
}

class SqliteStore final : public Store {
public:
    SqliteStore(const fs::path& path, const SqliteOptions& options) : path_(path), audit_key_(options.audit_key) {
        if (options.read_only) {
            open_for_reading(options);
            return;
        }
        prepare_location();
        open_connection(SQLITE_OPEN_READWRITE);
        try {
            // Identity before anything that writes (the switch to WAL included): another
            // application's database is refused untouched.
            execute(db_, fmt::format("PRAGMA busy_timeout = {}", options.busy_timeout.count()));
            check_identity();
            configure(options);
            migrate();
            complete_pending_purge();
        } catch (...) {
            sqlite3_close(db_);
            db_ = nullptr;
            throw;
        }
    }

    ~SqliteStore() override { sqlite3_close(db_); }

    void read(const std::function<void(StoreReader&)>& body) override {
        Transaction transaction(db_, Transaction::Mode::deferred);
        SqliteSession session(db_, nullptr);
        body(session);
        transaction.commit();
    }

    void write(const ChangeStamp& stamp, const std::function<void(StoreWriter&)>& body) override {
        Transaction transaction(db_, Transaction::Mode::immediate);
        const auto changes_before = sqlite3_total_changes64(db_);
        // Checked under the write lock, against the newest event another writer may just have added.
        const ChangeStamp checked =
            checked_stamp(stamp_under_lock(stamp), SqliteSession(db_, nullptr).newest_audit_time());
        SqliteSession session(db_, &checked, audit_key_, purge_marker());
        body(session);
        if (sqlite3_total_changes64(db_) != changes_before && !session.audited())
            throw std::logic_error("a change to the store without an audit event");
        session.link_records();
        transaction.commit();
    }

    // secure_delete has overwritten the freed pages; the checkpoint copies them into the main file
    // and truncates the write-ahead log, so that no earlier page image survives in either file.
    PurgeReport purge_after_erasure() override {
        Statement checkpoint(db_, "PRAGMA wal_checkpoint(TRUNCATE)");
        PurgeReport report;
        report.complete = checkpoint.step() && checkpoint.integer(0) == 0;
        if (report.complete)
            ::unlink(purge_marker().c_str());
        else
            report.remains = fmt::format("the store's write-ahead log ({}-wal), because another process kept it open; "
                                         "the next gdprctl command that changes the store completes the purge",
                                         path_.string());
        return report;
    }

    void read_rows(const std::function<void(StoreReader&, RowSource&)>& body) override {
        Transaction transaction(db_, Transaction::Mode::deferred);
        SqliteSession session(db_, nullptr);
        auto rows = sqlite_row_source(db_);
        body(session, *rows);
        transaction.commit();
    }

    void load_rows(const std::function<void(StoreReader&, RowSource&, RowLoader&)>& body) override {
        Transaction transaction(db_, Transaction::Mode::immediate);
        SqliteSession session(db_, nullptr);
        auto rows = sqlite_row_source(db_);
        refuse_rows_in(*rows, path_.string());
        auto loader = sqlite_row_loader(db_);
        body(session, *rows, *loader);
        transaction.commit();
    }

private:
    std::string purge_marker() const { return path_.string() + "-purge-pending"; }

    // An erasure whose write-ahead log was not emptied (killed after its commit, or blocked by a
    // reader): complete it now, before anything else.
    void complete_pending_purge() {
        std::error_code error;
        if (!fs::exists(purge_marker(), error)) return;
        purge_after_erasure();
    }

    void open_connection(int flags, const std::string& name = {}) {
        const std::string target = name.empty() ? path_.string() : name;
        configure_library_once();
        // NOMUTEX: a store and its connection are used by one thread at a time.
        if (sqlite3_open_v2(target.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
            std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            db_ = nullptr;
            throw EnvironmentError(fmt::format("cannot open the store {}: {}", path_.string(), message));
        }
    }

    // Read commands never create a store, never change its mode and open it read-only, so that a
    // store the user may only read can still be listed and verified. Only a store of an older
    // schema is opened for writing, to migrate it.
    void open_for_reading(const SqliteOptions& options) {
        std::error_code error;
        if (!fs::exists(path_, error))
            throw NoStoreError(fmt::format("no store at {}", path_.string()),
                                   "check --db (or GDPRCTL_DB); a store is created by the first change, e.g. "
                                   "`gdprctl request open`");
        if (!fs::is_regular_file(path_, error))
            throw EnvironmentError(fmt::format("{} is not a regular file, so not a gdprctl store", path_.string()),
                                   "point --db (or GDPRCTL_DB) at a gdprctl store");
        try {
            open_connection(SQLITE_OPEN_READONLY);
            execute(db_, fmt::format("PRAGMA busy_timeout = {}", options.busy_timeout.count()));
            if (!readable()) {
                // A WAL store in a folder we may not write (no -shm can be made): read the file as
                // it stands.
                sqlite3_close(db_);
                db_ = nullptr;
                open_connection(SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
                                "file:" + uri_path(fs::absolute(path_).string()) + "?immutable=1");
            }
            check_identity();
            if (pragma_integer(db_, "user_version") < latest_schema_version()) {
                sqlite3_close(db_);
                db_ = nullptr;
                open_connection(SQLITE_OPEN_READWRITE);
                execute(db_, fmt::format("PRAGMA busy_timeout = {}", options.busy_timeout.count()));
                configure(options);
                migrate();
            }
        } catch (...) {
            sqlite3_close(db_);
            db_ = nullptr;
            throw;
        }
    }

    bool readable() {
        return sqlite3_exec(db_, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr) == SQLITE_OK;
    }

    static std::string uri_path(const std::string& path) {
        std::string out;
        for (char c : path) {
            if (c == '%' || c == '?' || c == '#')
                out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
            else
                out += c;
        }
        return out;
    }

    void prepare_location() {
        const fs::path folder = path_.has_parent_path() ? path_.parent_path() : fs::path(".");
        std::error_code error;
        if (!fs::exists(folder, error)) {
            if (folder.has_parent_path()) fs::create_directories(folder.parent_path(), error);
            if (::mkdir(folder.c_str(), 0700) != 0 && errno != EEXIST)
                throw EnvironmentError(
                    fmt::format("cannot create the folder {} for the store: {}", folder.string(), std::strerror(errno)),
                    "pass --db FILE (or set GDPRCTL_DB) to a writable place");
        } else if (folder.filename() == ".gdprctl" && !fs::exists(path_, error)) {
            // The workspace's own state folder (perhaps made by `init` under the umask): the
            // store is about to hold personal data, so only its owner may enter.
            ::chmod(folder.c_str(), 0700);
        }
        if (folder.filename() == ".gdprctl") keep_out_of_git(folder);
        // Created here rather than by SQLite so that the mode is 0600 from the first byte;
        // SQLite gives the -wal and -shm files the same mode. Never through a FIFO or device
        // (O_NONBLOCK, fstat), and an existing file readable by others is made 0600 before
        // personal data goes in, or refused.
        const int fd = ::open(path_.c_str(), O_RDWR | O_CREAT | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0600);
        if (fd < 0)
            throw EnvironmentError(fmt::format("cannot open the store {}: {}", path_.string(), std::strerror(errno)),
                                   "pass --db FILE (or set GDPRCTL_DB) to a writable place");
        struct stat info {};
        const bool stat_ok = ::fstat(fd, &info) == 0;
        if (!stat_ok || !S_ISREG(info.st_mode)) {
            ::close(fd);
            throw EnvironmentError(fmt::format("{} is not a regular file, so not a gdprctl store", path_.string()),
                                   "point --db (or GDPRCTL_DB) at a gdprctl store, or at a new file");
        }
        if ((info.st_mode & 077) != 0 && ::fchmod(fd, 0600) != 0) {
            const std::string reason = std::strerror(errno);
            ::close(fd);
            throw EnvironmentError(
                fmt::format("the store {} can be read by others (mode {:o}) and its mode cannot be set to 0600: {}",
                            path_.string(), info.st_mode & 0777, reason),
                "run `chmod 600` on it as its owner, or use another --db");
        }
        ::close(fd);
    }

    // A workspace made by hand (not by `gdprctl init`) has no .gitignore in its state folder yet;
    // the store holds personal data, so `git add -A` must never pick it up.
    static void keep_out_of_git(const fs::path& folder) {
        const fs::path ignore = folder / ".gitignore";
        const int fd = ::open(ignore.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0) return;  // already there (or not writable: the store itself will say so)
        static constexpr std::string_view text = "# The operational store holds personal data: it never goes into git.\n*\n";
        [[maybe_unused]] auto written = ::write(fd, text.data(), text.size());
        ::close(fd);
    }

    // busy_timeout is set first by the caller: every later pragma may wait on another process's lock.
    void configure(const SqliteOptions& options) {
        // Switching a fresh file to WAL needs an exclusive lock that the busy handler does not
        // always wait for; retry within the same timeout.
        const auto deadline = std::chrono::steady_clock::now() + options.busy_timeout;
        while (true) {
            const int rc = sqlite3_exec(db_, "PRAGMA journal_mode = WAL", nullptr, nullptr, nullptr);
            if (rc == SQLITE_OK) break;
            if ((rc & 0xff) != SQLITE_BUSY || std::chrono::steady_clock::now() > deadline) {
                const std::string message = sqlite3_errmsg(db_);
                throw EnvironmentError(
                    fmt::format("cannot use {} as a gdprctl store: {}", path_.string(), message),
                    (rc & 0xff) == SQLITE_NOTADB ? "this file is not a SQLite database; check --db" : "");
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        execute(db_, "PRAGMA foreign_keys = ON");
        execute(db_, "PRAGMA synchronous = FULL");
        execute(db_, "PRAGMA secure_delete = ON");
    }

    void check_identity() {
        if (!readable()) {
            const int code = sqlite3_extended_errcode(db_);
            throw EnvironmentError(fmt::format("cannot use {} as a gdprctl store: {}", path_.string(), sqlite3_errmsg(db_)),
                                   (code & 0xff) == SQLITE_NOTADB ? "this file is not a SQLite database; check --db" : "");
        }
        const auto app = pragma_integer(db_, "application_id");
        const auto version = pragma_integer(db_, "user_version");
        // An empty database (a new file) becomes a store; one that holds another application's
        // tables does not, even when it has set neither application_id nor user_version.
        bool foreign = (app != 0 && app != application_id) || (app == 0 && version != 0);
        if (app == 0 && version == 0) {
            Statement objects(db_, "SELECT count(*) FROM sqlite_master");
            foreign = objects.step() && objects.integer(0) > 0;
        }
        if (foreign)
            throw EnvironmentError(fmt::format("{} is a SQLite database but not a gdprctl store", path_.string()),
                                   "point --db (or GDPRCTL_DB) at a gdprctl store, or at a new file");
        if (version > latest_schema_version())
            throw EnvironmentError(
                fmt::format("the store {} was written by a newer gdprctl (schema version {}; this gdprctl knows up "
                            "to version {})",
                            path_.string(), version, latest_schema_version()),
                "upgrade gdprctl to open it; this one will not change a store it does not understand");
    }

    // One migration per transaction; the version is re-read under the write lock because
    // another process may have migrated meanwhile.
    void migrate() {
        const auto files = sql::embedded_files();
        while (pragma_integer(db_, "user_version") < latest_schema_version()) {
            Transaction transaction(db_, Transaction::Mode::immediate);
            const auto version = pragma_integer(db_, "user_version");
            if (version < latest_schema_version()) {
                execute(db_, std::string(files[static_cast<std::size_t>(version)].second));
                execute(db_, fmt::format("PRAGMA application_id = {}", application_id));
                execute(db_, fmt::format("PRAGMA user_version = {}", version + 1));
            }
            transaction.commit();
        }
    }

    fs::path path_;
    AuditKey audit_key_;
    sqlite3* db_ = nullptr;
};

}  // namespace

int latest_schema_version() {
    return static_cast<int>(sql::embedded_files().size());
}

std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& path, const SqliteOptions& options) {
    return std::make_unique<SqliteStore>(path, options);
}

}  // namespace gdprctl::store

