#pragma once

// The store's contract suite runs on every backend listed here; each factory opens a fresh, empty
// store (PostgreSQL: a new database in the test cluster, support/pg_scratch.hpp).
#include "store/store.hpp"
#include "support/pg_scratch.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace gdprctl::test {

struct StoreBackend {
    const char* name;
    // A fresh store that may keep its files in `folder` (an empty temporary folder).
    std::unique_ptr<store::Store> (*open)(const std::filesystem::path& folder);
};

inline const std::vector<StoreBackend>& store_backends() {
    static const std::vector<StoreBackend> backends{
        {"sqlite", [](const std::filesystem::path& folder) { return store::open_store((folder / "state.db").string()); }},
        {"postgresql",
         [](const std::filesystem::path&) -> std::unique_ptr<store::Store> { return std::make_unique<PgScratchStore>(); }},
    };
    return backends;
}

}  // namespace gdprctl::test

namespace Catch {
template <>
struct StringMaker<gdprctl::test::StoreBackend> {
    static std::string convert(const gdprctl::test::StoreBackend& backend) { return backend.name; }
};
}  // namespace Catch

// Each store backend in turn: `const auto backend = GDPRCTL_EACH_STORE_BACKEND();`
#define GDPRCTL_EACH_STORE_BACKEND() GENERATE(Catch::Generators::from_range(::gdprctl::test::store_backends()))
