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
    // For read commands: never create the store ("no store at PATH"), open it read-only.
    bool read_only = false;
    // With a key, new audit events are chained with HMAC-SHA-256 (store/audit.hpp).
    std::string audit_key;
};

// Opens (creating on first use, mode 0600 in a 0700 folder; an existing file with a looser mode is
// made 0600 or refused) and migrates the SQLite store at `path`. Throws EnvironmentError for a
// file that is not a gdprctl store (a non-empty database of another application included, left
// untouched) or was written by a newer gdprctl, and with options.read_only for a missing store.
std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& path, const SqliteOptions& options = {});

}  // namespace gdprctl::store
