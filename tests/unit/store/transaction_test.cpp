#include "store/transaction.hpp"

#include "store/statement.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <stdexcept>

using namespace gdprctl;
using store::Transaction;

namespace {

// A scratch database with one table, closed on destruction.
struct Scratch {
    test::TempDir dir;
    sqlite3* db = nullptr;
    Scratch() {
        REQUIRE(sqlite3_open((dir.path() / "t.db").c_str(), &db) == SQLITE_OK);
        store::execute(db, "CREATE TABLE t (x INTEGER)");
    }
    ~Scratch() { sqlite3_close(db); }
    std::int64_t rows() {
        store::Statement count(db, "SELECT COUNT(*) FROM t");
        count.step();
        return count.integer(0);
    }
};

}  // namespace

TEST_CASE("a transaction guard commits only when asked", "[store][transaction]") {
    Scratch scratch;
    const auto mode = GENERATE(Transaction::Mode::deferred, Transaction::Mode::immediate);

    SECTION("commit keeps the change") {
        {
            Transaction transaction(scratch.db, mode);
            store::execute(scratch.db, "INSERT INTO t VALUES (1)");
            transaction.commit();
        }
        CHECK(scratch.rows() == 1);
    }
    SECTION("leaving the scope without commit rolls back") {
        { Transaction transaction(scratch.db, mode); store::execute(scratch.db, "INSERT INTO t VALUES (1)"); }
        CHECK(scratch.rows() == 0);
        CHECK(sqlite3_get_autocommit(scratch.db) != 0);  // no transaction left open
    }
    SECTION("an exception rolls back") {
        CHECK_THROWS_AS(
            [&] {
                Transaction transaction(scratch.db, mode);
                store::execute(scratch.db, "INSERT INTO t VALUES (1)");
                throw std::runtime_error("abort");
            }(),
            std::runtime_error);
        CHECK(scratch.rows() == 0);
        CHECK(sqlite3_get_autocommit(scratch.db) != 0);
    }
}
