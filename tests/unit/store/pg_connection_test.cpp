#include "store/pg_connection.hpp"

#include "support/pg_scratch.hpp"

#include <catch2/catch.hpp>

using namespace gdprctl;
using namespace gdprctl::store;

TEST_CASE("a location is printed without its password", "[store][pg]") {
    auto [location, shown] = GENERATE(table<const char*, const char*>({
        {"postgresql://officer:s3cret@db.example:5432/gdpr", "postgresql://officer@db.example:5432/gdpr"},
        {"postgresql://officer@db.example/gdpr", "postgresql://officer@db.example/gdpr"},
        {"postgresql://db.example/gdpr?password=s3cret", "postgresql://db.example/gdpr"},
        {"postgresql://db.example/gdpr?sslmode=require&password=s3cret&user=x",
         "postgresql://db.example/gdpr?sslmode=require&user=x"},
        {"postgresql:///gdpr?host=/run/postgresql", "postgresql:///gdpr?host=/run/postgresql"},
        {"host=/tmp/x dbname=y", "host=/tmp/x dbname=y"},
        {"host=/tmp/x password=s3cret dbname=y", "host=/tmp/x dbname=y"},
        {"password = 's3 cr\\'et' dbname=y", "dbname=y"},
        {"dbname=y  password=s3\\ cret", "dbname=y"},
        {"user='a b' dbname=y", "user='a b' dbname=y"},
    }));
    CHECK(pg::redacted(location) == shown);
}

TEST_CASE("a location that carries a password is refused without printing it", "[store][pg]") {
    const std::string location =
        GENERATE("postgresql://officer:s3cret@db.example/gdpr", "postgresql://db.example/gdpr?password=s3cret",
                 "host=/tmp/x password=s3cret dbname=y", "host=/tmp/x dbname=y password='s3cret'");
    try {
        pg::require_no_password(location);
        FAIL("accepted a password in the URI");
    } catch (const EnvironmentError& error) {
        CHECK(std::string(error.what()).find("s3cret") == std::string::npos);
        CHECK(std::string(error.what()).find("carries a password") != std::string::npos);
        CHECK(error.hint().find("~/.pgpass") != std::string::npos);
    }
    CHECK_NOTHROW(pg::require_no_password("postgresql://officer@db.example/gdpr?sslmode=require"));
    CHECK_NOTHROW(pg::require_no_password("host=/tmp/x dbname=y"));
}

TEST_CASE("statements keep SQLite's ?N parameters, as PostgreSQL's $N", "[store][pg]") {
    CHECK(pg::numbered_parameters("SELECT a FROM t WHERE b = ?1 AND c = ?12") ==
          "SELECT a FROM t WHERE b = $1 AND c = $12");
    CHECK(pg::numbered_parameters("SELECT '?1', \"x?2\" WHERE y = ?3") == "SELECT '?1', \"x?2\" WHERE y = $3");
}

TEST_CASE("a serialization failure or deadlock is retried, any other failure is not", "[store][pg]") {
    int calls = 0;
    SECTION("transient failures, then success") {
        pg::with_retries(5, [&] {
            if (++calls < 3) throw pg::PgError("could not serialize access", calls == 1 ? "40001" : "40P01");
        });
        CHECK(calls == 3);
    }
    SECTION("a bounded number of attempts") {
        CHECK_THROWS_AS(pg::with_retries(4, [&] {
                            ++calls;
                            throw pg::PgError("could not serialize access", "40001");
                        }),
                        pg::PgError);
        CHECK(calls == 4);
    }
    SECTION("other errors at once") {
        CHECK_THROWS_AS(pg::with_retries(4, [&] {
                            ++calls;
                            throw pg::PgError("duplicate key", "23505");
                        }),
                        pg::PgError);
        CHECK(calls == 1);
    }
}

TEST_CASE("parameters are bound, never spliced into the SQL", "[store][pg]") {
    test::PgScratchDatabase database;
    auto connection = database.connect();
    connection->execute("CREATE TABLE t (id BIGINT, name TEXT)");
    const std::string hostile = "x'); DROP TABLE t; --";
    pg::Statement insert(connection.get(), "INSERT INTO t (id, name) VALUES (?1, ?2)");
    insert.bind(1, std::int64_t{42}).bind(2, hostile);
    insert.run();
    CHECK(connection->changes() == 1);
    pg::Statement null_name(connection.get(), "INSERT INTO t (id, name) VALUES (?1, ?2)");
    null_name.bind(1, 7).bind_null(2);
    null_name.run();
    pg::Statement select(connection.get(), "SELECT id, name FROM t ORDER BY id");
    REQUIRE(select.step());
    CHECK(select.integer(0) == 7);
    CHECK_FALSE(select.optional_text(1).has_value());
    REQUIRE(select.step());
    CHECK(select.integer(0) == 42);
    CHECK(select.text(1) == hostile);
    CHECK_FALSE(select.step());
}

TEST_CASE("a server error is an environment error with its SQLSTATE", "[store][pg]") {
    test::PgScratchDatabase database;
    auto connection = database.connect();
    try {
        connection->execute("SELECT * FROM no_such_table");
        FAIL("no error");
    } catch (const pg::PgError& error) {
        CHECK(error.sqlstate() == "42P01");
        CHECK(error.exit_code() == 2);
    }
}

TEST_CASE("deferred inserts go in order, in multi-row batches, and not at all after a rollback", "[store][pg]") {
    test::PgScratchDatabase database;
    auto connection = database.connect();
    connection->execute("CREATE TABLE parent (id BIGINT PRIMARY KEY)");
    connection->execute("CREATE TABLE child (parent BIGINT NOT NULL REFERENCES parent (id), n BIGINT)");
    auto count = [&](const char* table) {
        return connection->execute(std::string("SELECT count(*) FROM ") + table).text(0, 0);
    };
    SECTION("children after the parent they refer to, whatever the runs") {
        pg::Transaction transaction(*connection, "BEGIN");
        // More rows than one statement may carry parameters for (30,000): sent in several batches.
        for (int p = 1; p <= 9000; ++p) {
            pg::Statement parent(connection.get(), "INSERT INTO parent (id) VALUES (?1)");
            parent.bind(1, p);
            parent.run_deferred();
            if (p % 10 == 0)
                for (int n = 0; n < 4; ++n) {
                    pg::Statement child(connection.get(), "INSERT INTO child (parent, n) VALUES (?1, ?2)");
                    child.bind(1, p).bind(2, n);
                    child.run_deferred();
                }
        }
        CHECK(count("parent") == "9000");  // any other statement sends the queue first
        CHECK(count("child") == "3600");
        transaction.commit();
    }
    SECTION("a rollback forgets what was queued") {
        {
            pg::Transaction transaction(*connection, "BEGIN");
            pg::Statement parent(connection.get(), "INSERT INTO parent (id) VALUES (?1)");
            parent.bind(1, 1);
            parent.run_deferred();
        }
        CHECK(count("parent") == "0");
    }
}

TEST_CASE("a streamed query reads its rows through a cursor, a batch at a time", "[store][pg]") {
    test::PgScratchDatabase database;
    auto connection = database.connect();
    pg::Transaction transaction(*connection, "BEGIN");
    const auto rows = GENERATE(0, 2, 3, 10);
    pg::Statement query(connection.get(), "SELECT n FROM generate_series(1, ?1) AS n WHERE n > ?2 ORDER BY n");
    query.bind(1, rows).bind(2, 0);
    query.stream(3);
    std::vector<std::int64_t> seen;
    while (query.step()) {
        seen.push_back(query.integer(0));
        // Another statement between two rows, as a visitor may run one.
        CHECK(connection->execute("SELECT 1").rows() == 1);
    }
    CHECK_FALSE(query.step());
    std::vector<std::int64_t> expected;
    for (int n = 1; n <= rows; ++n) expected.push_back(n);
    CHECK(seen == expected);
}
