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
}
