#include "store/transaction.hpp"

#include "store/statement.hpp"

#include <sqlite3.h>

namespace gdprctl::store {

Transaction::Transaction(sqlite3* db, Mode mode) : db_(db) {
    execute(db_, mode == Mode::immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction() {
    // A destructor must not throw; a failed ROLLBACK leaves SQLite to roll back on close.
    if (open_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
    execute(db_, "COMMIT");
    open_ = false;
}

}  // namespace gdprctl::store
