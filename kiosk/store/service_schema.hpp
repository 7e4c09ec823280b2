#pragma once
// The service database's schema as an ordered list of migrations per backend, and the words for its
// failures. Internal to store/. A migration is never edited once released: a change is a new entry at the
// end of its backend's list.
#include <sqlite3.h>

#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "store/db_conn.hpp"

namespace wk::store::service_sql {

// SQLite: migration i (0-based) brings the file from user_version i to i + 1.
const std::vector<const char*>& migrations();
// PostgreSQL: the same, counted in the table wijkqueue_schema.
const std::vector<const char*>& pg_migrations();

// Applies every migration above the file's user_version, each in its own transaction together with the
// new user_version, so a crash in between leaves the file at a version it really has.
Result<void> migrate(sqlite3* db);
// The same on PostgreSQL, under an advisory lock, so instances that start together migrate once.
Result<void> migrate_pg(db::Conn* db);

// What failed, in words for the IT person running wijkqueue: "the ticket could not be stored", ...
Error error_from(sqlite3* db, int rc, std::string_view consequence);
Error error_from(db::Conn* db, int rc, std::string_view consequence);

// error_from for one statement's failure, as sql::collect, sql::one and sql::gather take it;
// `consequence` is viewed, not copied.
inline auto failing(db::Conn* db, std::string_view consequence) {
  return [db, consequence](int rc) { return error_from(db, rc, consequence); };
}

}  // namespace wk::store::service_sql
