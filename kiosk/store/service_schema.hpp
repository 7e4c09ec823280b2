#pragma once
// The service database's schema as an ordered list of migrations, and the words for its failures.
// Internal to store/. A migration is never edited once released: a change is a new entry at the end.
#include <sqlite3.h>

#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace wk::store::service_sql {

// Migration i (0-based) brings the database from user_version i to i + 1.
const std::vector<const char*>& migrations();

// Applies every migration above the file's user_version, each in its own transaction together with the
// new user_version, so a crash in between leaves the file at a version it really has.
Result<void> migrate(sqlite3* db);

// What failed, in words for the IT person running wijkqueue: "the ticket could not be stored", ...
Error error_from(sqlite3* db, int rc, std::string_view consequence);

// error_from for one statement's failure, as sql::collect, sql::one and sql::gather take it;
// `consequence` is viewed, not copied.
inline auto failing(sqlite3* db, std::string_view consequence) {
  return [db, consequence](int rc) { return error_from(db, rc, consequence); };
}

}  // namespace wk::store::service_sql
