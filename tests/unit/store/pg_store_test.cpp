// What is particular to the PostgreSQL backend; the contract every backend keeps is store_test.cpp.
#include "store/pg_store.hpp"

#include "errors.hpp"
#include "store/audit.hpp"
#include "store/embedded_sql.hpp"
#include "store/location.hpp"
#include "store/pg_connection.hpp"
#include "store/sqlite_store.hpp"
#include "support/pg_scratch.hpp"
#include "support/string_makers.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <map>
#include <set>
#include <thread>

using namespace gdprctl;
using namespace gdprctl::store;

namespace {

using Columns = std::map<std::string, std::vector<std::string>>;

Columns sqlite_columns(const std::filesystem::path& path) {
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    Columns columns;
    sqlite3_stmt* tables = nullptr;
    sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", -1, &tables, nullptr);
    while (sqlite3_step(tables) == SQLITE_ROW) {
        const std::string table = reinterpret_cast<const char*>(sqlite3_column_text(tables, 0));
        sqlite3_stmt* info = nullptr;
        sqlite3_prepare_v2(db, ("PRAGMA table_info(" + table + ")").c_str(), -1, &info, nullptr);
        while (sqlite3_step(info) == SQLITE_ROW)
            columns[table].push_back(reinterpret_cast<const char*>(sqlite3_column_text(info, 1)));
        sqlite3_finalize(info);
    }
    sqlite3_finalize(tables);
    sqlite3_close(db);
    return columns;
}

Columns pg_columns(pg::Connection& connection) {
    const auto rows = connection.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() "
        "ORDER BY table_name, ordinal_position");
    Columns columns;
    for (int row = 0; row < rows.rows(); ++row) columns[rows.text(row, 0)].push_back(rows.text(row, 1));
    return columns;
}

ChangeStamp now_stamp() {
    const auto now = time::DateTime::now();
    ChangeStamp stamp{"tester", now, now, ""};
    stamp.recorded_from_clock = true;
    stamp.at_from_clock = true;
    return stamp;
}

std::string error_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const EnvironmentError& error) {
        return error.what();
    }
    return "(no error)";
}

}  // namespace

TEST_CASE("the PostgreSQL migrations are the SQLite ones, table for table and column for column", "[store][pg]") {
    const auto sqlite = sql::embedded_files();
    const auto postgres = pg_sql::embedded_files();
    REQUIRE(postgres.size() == sqlite.size());
    for (std::size_t i = 0; i < sqlite.size(); ++i) CHECK(postgres[i].first == sqlite[i].first);
    CHECK(latest_pg_schema_version() == latest_schema_version());

    test::TempDir dir;
    { auto file = open_sqlite_store(dir.path() / "state.db"); }
    test::PgScratchDatabase database;
    { auto server = open_pg_store(database.uri()); }
    auto connection = database.connect();
    auto pg = pg_columns(*connection);
    REQUIRE(pg.count("gdprctl_meta") == 1);
    pg.erase("gdprctl_meta");  // PostgreSQL's application_id and user_version
    CHECK(pg == sqlite_columns(dir.path() / "state.db"));
}

TEST_CASE("a new PostgreSQL store is marked with its application and schema version", "[store][pg]") {
    test::PgScratchDatabase database;
    { auto store = open_pg_store(database.uri()); }
    auto connection = database.connect();
    auto meta = connection->execute("SELECT application, schema_version FROM gdprctl_meta");
    REQUIRE(meta.rows() == 1);
    CHECK(meta.text(0, 0) == "gdprctl");
    CHECK(meta.text(0, 1) == std::to_string(latest_pg_schema_version()));

    SECTION("reopening keeps it, and the store works") {
        auto store = open_pg_store(database.uri());
        store->write(now_stamp(), [](StoreWriter& writer) { writer.append_audit({"test", "T-1", ""}); });
        CHECK(verify_chain(*store).events_checked == 1);
    }
    SECTION("a newer schema is refused") {
        connection->execute("UPDATE gdprctl_meta SET schema_version = 99");
        CHECK(error_of([&] { open_pg_store(database.uri()); }).find("newer gdprctl (schema version 99") !=
              std::string::npos);
    }
    SECTION("another application's metadata is refused") {
        connection->execute("UPDATE gdprctl_meta SET application = 'other'");
        CHECK(error_of([&] { open_pg_store(database.uri()); }).find("not a gdprctl store") != std::string::npos);
    }
}

TEST_CASE("a database that holds other tables is refused and left as it was", "[store][pg]") {
    test::PgScratchDatabase database;
    auto connection = database.connect();
    connection->execute("CREATE TABLE invoices (id INTEGER)");
    CHECK(error_of([&] { open_pg_store(database.uri()); }).find("is a PostgreSQL database but not a gdprctl store") !=
          std::string::npos);
    CHECK(connection->execute("SELECT to_regclass('gdprctl_meta') IS NULL").text(0, 0) == "t");
    CHECK(connection->execute("SELECT to_regclass('requests') IS NULL").text(0, 0) == "t");
}

TEST_CASE("reading a PostgreSQL store that is not there is 'no store', and creates nothing", "[store][pg]") {
    PgOptions read_only;
    read_only.read_only = true;
    SECTION("an empty database") {
        test::PgScratchDatabase database;
        CHECK(error_of([&] { open_pg_store(database.uri(), read_only); }).rfind("no store at postgresql:///", 0) == 0);
        CHECK_THROWS_AS(open_pg_store(database.uri(), read_only), NoStoreError);
        auto connection = database.connect();
        CHECK(connection->execute("SELECT to_regclass('gdprctl_meta') IS NULL").text(0, 0) == "t");
    }
    SECTION("a database that does not exist") {
        const auto uri = test::pg_test_uri("gdprctl_no_such_database");
        CHECK(error_of([&] { open_pg_store(uri, read_only); }).rfind("no store at postgresql:///", 0) == 0);
        CHECK(error_of([&] { open_pg_store(uri); }).find("does not exist") != std::string::npos);
    }
}

TEST_CASE("a server that cannot be reached is an environment error naming the URI without its password", "[store][pg]") {
    // A socket folder with no server in it: refused at once, no network involved.
    test::TempDir dir;
    const std::string uri = "postgresql:///gdpr?host=" + dir.path().string() + "&user=officer";
    const auto message = error_of([&] { open_store(uri); });
    CHECK(message.rfind("cannot connect to the PostgreSQL store " + uri, 0) == 0);
    CHECK(error_of([&] { open_store("postgresql://officer:s3cret@localhost/gdpr"); }).find("s3cret") ==
          std::string::npos);
}

TEST_CASE("parallel writers never share a number and keep one audit chain", "[store][pg]") {
    test::PgScratchDatabase database;
    { auto store = open_pg_store(database.uri()); }
    constexpr int writers = 8;
    constexpr int each = 10;
    std::vector<std::vector<std::string>> ids(writers);
    std::vector<std::string> failures(writers);
    std::vector<std::thread> threads;
    for (int w = 0; w < writers; ++w)
        threads.emplace_back([&, w] {
            try {
                auto store = open_pg_store(database.uri());
                for (int i = 0; i < each; ++i)
                    store->write(now_stamp(), [&](StoreWriter& writer) {
                        Request r;
                        r.year = 2026;
                        r.number = writer.next_request_number(2026);
                        r.id = "REQ-2026-" + std::to_string(r.number);
                        r.subject = "C-" + std::to_string(w);
                        r.received = r.due = time::Date::from_ymd(2026, 5, 4);
                        r.opened_at = time::DateTime::now();
                        r.opened_by = "tester";
                        writer.insert_request(r);
                        writer.append_audit({"request.open", r.id, ""});
                        const int breach = writer.next_breach_number(2026);
                        writer.append_audit({"breach.number", "BR-2026-" + std::to_string(breach), ""});
                        ids[static_cast<std::size_t>(w)].push_back(r.id);
                    });
            } catch (const std::exception& error) {
                failures[static_cast<std::size_t>(w)] = error.what();
            }
        });
    for (auto& thread : threads) thread.join();
    std::set<std::string> distinct;
    for (int w = 0; w < writers; ++w) {
        CHECK(failures[static_cast<std::size_t>(w)].empty());
        distinct.insert(ids[static_cast<std::size_t>(w)].begin(), ids[static_cast<std::size_t>(w)].end());
    }
    CHECK(distinct.size() == writers * each);
    auto store = open_pg_store(database.uri());
    const auto verified = verify_chain(*store);
    CHECK(verified.ok);
    CHECK(verified.problem == "");
    CHECK(verified.events_checked == 2 * writers * each);
}

TEST_CASE("a failed write leaves the PostgreSQL store as it was", "[store][pg]") {
    test::PgScratchDatabase database;
    auto store = open_pg_store(database.uri());
    store->write(now_stamp(), [](StoreWriter& writer) { writer.append_audit({"test", "T-1", ""}); });
    CHECK_THROWS_AS(store->write(now_stamp(),
                                 [](StoreWriter& writer) {
                                     writer.append_audit({"test", "T-2", ""});
                                     throw Refusal("refused half-way");
                                 }),
                    Refusal);
    // A change without its audit event is a programming error, and rolls back.
    CHECK_THROWS_AS(store->write(now_stamp(),
                                 [](StoreWriter& writer) {
                                     Breach b;
                                     b.id = "BR-2026-1";
                                     b.year = 2026;
                                     b.number = 1;
                                     b.summary = "unaudited";
                                     b.aware_at = b.deadline = b.opened_at = time::DateTime::now();
                                     b.opened_by = "tester";
                                     writer.insert_breach(b);
                                 }),
                    std::logic_error);
    store->read([](StoreReader& reader) { CHECK(reader.breaches().empty()); });
    const auto head = read_audit_head(*store);
    REQUIRE(head);
    CHECK(head->seq == 1);
    CHECK(verify_chain(*store).ok);
}
