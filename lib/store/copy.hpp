#pragma once

#include "store/audit.hpp"
#include "store/store.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// `store copy`: a whole store moved between backends (SQLite file, PostgreSQL database) as it is.
namespace gdprctl::store {

// Every table a copy moves, parents before children (foreign keys hold at each insert). A table
// of the source that is not here is refused, so that a migration adding a table cannot be copied
// without it (tests/unit/store/copy_test.cpp checks the list against the schema).
std::span<const std::string_view> copied_tables();

struct TableCount {
    std::string table;
    std::int64_t rows = 0;
};

struct CopyReport {
    std::vector<TableCount> tables;  // in copy order
    VerifyResult source;             // the source's audit chain, in the snapshot that was copied
    VerifyResult destination;        // the destination's, before its commit
};

// Copies every row of `from` into `to`, which must hold no row: the audit chain verbatim (hashes,
// keyed chains too, record links). Verifies the source's chain in the snapshot it copies (a
// broken chain is refused: verify and repair it first) and the destination's before committing;
// the destination gets everything or nothing. `key` verifies a keyed chain.
CopyReport copy_store(Store& from, Store& to, const AuditKey& key);

// The same between two --db locations (file paths or postgresql:// URIs): the source opened
// read-only, the destination created when it is a new file, and removed again when the copy fails,
// so that a failed copy leaves nothing behind. The same location on both sides is a usage error.
CopyReport copy_store(const std::string& from, const std::string& to, const AuditKey& key);

}  // namespace gdprctl::store
