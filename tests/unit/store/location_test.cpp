#include "store/location.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

using namespace gdprctl;

// Opening a store and asking whether one exists read --db through these: they cannot disagree.
TEST_CASE("a --db value names a database server or a SQLite file", "[store]") {
    auto [location, scheme] = GENERATE(table<const char*, const char*>({
        {"postgres://db.example/gdpr", "postgres://"},
        {"postgresql://db.example/gdpr", "postgresql://"},
        {"state.db", ""},
        {".gdprctl/postgres://x", ""},
        {"postgres:/missing-slash", ""},
    }));
    CHECK(store::server_scheme(location) == scheme);
}

// libpq takes a keyword/value string as well as a URI: `--db 'host=/run/postgresql dbname=gdpr'` is a
// PostgreSQL database, not a file of that name.
TEST_CASE("a --db value of libpq keywords names a database server", "[store]") {
    auto [location, server] = GENERATE(table<const char*, bool>({
        {"host=/tmp/x dbname=y", true},
        {"dbname=gdpr", true},
        {"  service = gdpr", true},
        {"user=officer host=db.example sslmode=require", true},
        {"postgresql://db.example/gdpr", true},
        {"state.db", false},
        {"state=1.db", false},  // not a libpq keyword
        {"./host=x", false},    // a path
        {"Host=x", false},      // libpq's keywords are lower-case
        {"backups/dbname=y.db", false},
        {"", false},
    }));
    CAPTURE(location);
    CHECK(store::is_server_location(location) == server);
    CHECK(store::is_keyword_value_string(location) == (server && store::server_scheme(location).empty()));
}

TEST_CASE("a store exists when its file does; a server is asked when opened", "[store]") {
    const auto folder =
        std::filesystem::temp_directory_path() / ("gdprctl-location-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder);
    const auto file = folder / "state.db";
    std::filesystem::remove(file);
    CHECK_FALSE(store::store_exists(file.string()));
    std::ofstream(file) << "";
    CHECK(store::store_exists(file.string()));
    std::filesystem::remove_all(folder);
    CHECK(store::store_exists("postgres://db.example/gdpr"));
    CHECK(store::store_exists("host=/nowhere dbname=gdpr"));
}
