#pragma once

#include "store/pg_connection.hpp"
#include "store/store.hpp"

#include <memory>

// PostgreSQL's side of `store copy` (store/copy.hpp): the rows of the store's tables as stored, and
// their insertion as they came. Internal to lib/store; used inside a transaction of PgStore.
namespace gdprctl::store {

std::unique_ptr<RowSource> pg_row_source(pg::Connection& connection);
std::unique_ptr<RowLoader> pg_row_loader(pg::Connection& connection);

// After a load: every identity column's sequence moved past the highest id loaded, so that the
// next consent event is numbered after the copied ones.
void advance_pg_sequences(pg::Connection& connection);

}  // namespace gdprctl::store
