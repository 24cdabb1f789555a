#include "store/sqlite_store.hpp"

#include "errors.hpp"
#include "store/embedded_sql.hpp"
#include "support/string_makers.hpp"
#include "support/temp_dir.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <string>
#include <sys/stat.h>

using namespace gdprctl;

namespace {

std::int64_t pragma(const std::filesystem::path& path, const char* name) {
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, (std::string("PRAGMA ") + name).c_str(), -1, &statement, nullptr);
    std::int64_t value = sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int64(statement, 0) : -1;
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return value;
}

void set_pragma(const std::filesystem::path& path, const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    sqlite3_close(db);
}

unsigned mode_of(const std::filesystem::path& path) {
    struct stat info {};
    stat(path.c_str(), &info);
    return info.st_mode & 0777u;
}

}  // namespace

TEST_CASE("the migrations are embedded in order", "[store]") {
    const auto files = store::sql::embedded_files();
    REQUIRE(files.size() >= 1);
    CHECK(files[0].first == "0001_requests.sql");
    CHECK(store::latest_schema_version() == static_cast<int>(files.size()));
    // Migration N is file NNNN_: a number taken twice or skipped (two branches landing) shows here.
    for (std::size_t i = 0; i < files.size(); ++i) {
        const auto number = std::to_string(i + 1);
        const auto prefix = std::string(4 - std::min<std::size_t>(4, number.size()), '0') + number + "_";
        CHECK(files[i].first.rfind(prefix, 0) == 0);
    }
}

TEST_CASE("a new store is created private, migrated and marked", "[store]") {
    test::TempDir dir;
    const auto path = dir.path() / "state" / "state.db";
    { auto store = store::open_sqlite_store(path); }
    CHECK(mode_of(path) == 0600u);
    CHECK(mode_of(path.parent_path()) == 0700u);
    CHECK(pragma(path, "user_version") == store::latest_schema_version());
    CHECK(pragma(path, "application_id") == store::application_id);

    SECTION("reopening keeps the version") {
        { auto store = store::open_sqlite_store(path); }
        CHECK(pragma(path, "user_version") == store::latest_schema_version());
    }
    SECTION("a store from a newer gdprctl is refused") {
        set_pragma(path, "PRAGMA user_version = 99");
        CHECK_THROWS_AS(store::open_sqlite_store(path), EnvironmentError);
        CHECK(pragma(path, "user_version") == 99);
    }
    SECTION("another application's database is refused") {
        set_pragma(path, "PRAGMA application_id = 7");
        CHECK_THROWS_AS(store::open_sqlite_store(path), EnvironmentError);
    }
}

TEST_CASE("a file that is not a database is refused", "[store]") {
    test::TempDir dir;
    const auto path = dir.path() / "state.db";
    {
        std::FILE* file = std::fopen(path.c_str(), "w");
        std::fputs("this is not a database, just some text long enough to be a header....................", file);
        std::fclose(file);
    }
    CHECK_THROWS_AS(store::open_sqlite_store(path), EnvironmentError);
}

TEST_CASE("the WAL checkpoint after an erasure leaves no write-ahead log behind", "[store]") {
    test::TempDir dir;
    const auto path = dir.path() / "state.db";
    auto store = store::open_sqlite_store(path);
    const auto at = time::DateTime::start_of(time::Date::from_ymd(2026, 5, 4));
    store->write({"tester", at, at, ""},
                 [&](store::StoreWriter& writer) { writer.append_audit({"test", "T-1", ""}); });
    const auto wal = std::filesystem::path(path.string() + "-wal");
    REQUIRE(std::filesystem::file_size(wal) > 0);
    CHECK(store->purge_after_erasure().complete);
    CHECK(std::filesystem::file_size(wal) == 0);
}
