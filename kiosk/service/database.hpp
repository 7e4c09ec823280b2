#pragma once
// Which database a wijkqueue directory uses, and opening it. Without a record it is SQLite, the file
// DIR/wijkqueue.db (the embedded default). `init --db postgresql://...` records a PostgreSQL database in
// DIR/database.conf instead, so every later command given --dir DIR finds it; `serve --db` overrides the
// record. The record never holds a password: that comes from a file (password_file, 0600) or from
// libpq's environment (PGPASSWORD, PGPASSFILE, ~/.pgpass), never from a command line.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/service_db.hpp"

namespace wk::service {

struct DatabaseChoice {
  std::string url;            // postgresql://... or libpq's key=value words; empty: SQLite in the directory
  std::string password_file;  // empty: libpq's own PGPASSWORD / passfile
};

std::string database_conf_path(const std::string& dir);  // D/database.conf

// Refuses a URL that is not PostgreSQL's, cannot be parsed, or carries a password.
Result<void> check_database_url(const std::string& url);
// The record in `dir`, or an empty choice (SQLite).
Result<DatabaseChoice> recorded_database(const std::string& dir);
Result<void> record_database(const std::string& dir, const DatabaseChoice& choice);

// Opens the directory's database (or `override_choice` when it names one).
Result<std::unique_ptr<store::ServiceDb>> open_service_db(const std::string& dir, store::OpenMode mode,
                                                          const DatabaseChoice& override_choice = {});
// `wijkqueue migrate`: opens the database, which brings its schema up to date; returns the version.
Result<int> migrate(const std::string& dir, const DatabaseChoice& override_choice = {});

// `wijkqueue migrate-data`: the SQLite database of `from_dir` into the PostgreSQL database `to` (made
// empty, or holding only an empty schema), verified by every table's count and checksum. `from_dir` is
// only read; the caller then points the directory at `to` (database.conf).
Result<std::vector<store::TableCount>> migrate_data(const std::string& from_dir, const DatabaseChoice& to);

// A PostgreSQL database by its choice (url and password file).
Result<std::unique_ptr<store::ServiceDb>> open_postgres(const DatabaseChoice& choice, store::OpenMode mode);

}  // namespace wk::service
