#pragma once

struct sqlite3;

namespace gdprctl::store {

// One SQLite transaction held by scope: BEGIN on construction, ROLLBACK on destruction unless
// commit() ran, so that every way out of a body (return or exception) ends the transaction.
class Transaction {
public:
    // `immediate` takes the write lock at once (BEGIN IMMEDIATE), so that a read-then-write body
    // cannot fail half-way on another writer's lock.
    enum class Mode { deferred, immediate };

    Transaction(sqlite3* db, Mode mode);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    // Throws EnvironmentError when SQLite refuses the COMMIT; the destructor then rolls back.
    void commit();

private:
    sqlite3* db_;
    bool open_ = true;
};

}  // namespace gdprctl::store
