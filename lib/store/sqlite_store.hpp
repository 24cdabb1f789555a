#pragma once

#include "store/store.hpp"

#include <chrono>
#include <filesystem>
#include <memory>

namespace gdprctl::store {

// PRAGMA application_id of every gdprctl store: "GDPR" in ASCII.
inline constexpr int application_id = 0x47445052;

// The schema version this build writes: the number of embedded migrations.
int latest_schema_version();

struct SqliteOptions {
    std::chrono::milliseconds busy_timeout{15000};
};

// Opens (creating on first use, mode 0600 in a 0700 folder) and migrates the SQLite store at
// `path`. Throws EnvironmentError for a file that is not a gdprctl store or was written by a
// newer gdprctl.
std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& path, const SqliteOptions& options = {});

}  // namespace gdprctl::store
