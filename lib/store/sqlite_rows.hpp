#pragma once

#include "store/store.hpp"

#include <memory>

struct sqlite3;

// SQLite's side of `store copy` (store/copy.hpp): the rows of a connection's tables as stored, and
// their insertion as they came. Internal to lib/store; used inside a transaction of SqliteStore.
namespace gdprctl::store {

std::unique_ptr<RowSource> sqlite_row_source(sqlite3* db);
std::unique_ptr<RowLoader> sqlite_row_loader(sqlite3* db);

}  // namespace gdprctl::store
