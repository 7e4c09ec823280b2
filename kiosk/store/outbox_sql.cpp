#include "store/outbox_sql.hpp"

#include <utility>

namespace wk::store::sql {

Error error_from(sqlite3* db, int rc, std::string_view consequence) {
  const std::string tail = ": " + std::string(consequence) + ". Please ask a staff member.";
  // The detail names SQLite's own words for the log; errmsg is only meaningful for the last call on db.
  std::string detail = "sqlite " + std::to_string(rc) + " (" + sqlite3_errstr(rc) + ")";
  if (db != nullptr && sqlite3_extended_errcode(db) == rc) detail += ": " + std::string(sqlite3_errmsg(db));
  switch (rc & 0xff) {
    case SQLITE_FULL:
      return make_error("disk_full", "The kiosk's disk is full" + tail, detail);
    case SQLITE_IOERR:
      return make_error("disk_error", "The kiosk could not write to its disk" + tail, detail);
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return make_error("disk_readonly", "The kiosk's disk is read-only" + tail, detail);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return make_error("store_corrupt", "The kiosk's ticket store is damaged" + tail, detail);
    case SQLITE_CANTOPEN:
      return make_error("store_cannot_open", "The kiosk cannot open its ticket store" + tail, detail);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return make_error("store_busy", "The kiosk's ticket store is busy" + tail, detail);
    case SQLITE_NOMEM:
      return make_error("out_of_memory", "The kiosk ran out of memory" + tail, detail);
    default:
      return make_error("store_error", "The kiosk's ticket store failed" + tail, detail);
  }
}

int exec(sqlite3* db, const char* text) {
  return sqlite3_exec(db, text, nullptr, nullptr, nullptr);
}

Stmt::Stmt(sqlite3* db, const char* text) {
  prepare_rc_ = sqlite3_prepare_v2(db, text, -1, &stmt_, nullptr);
}

Stmt Stmt::borrow(sqlite3_stmt* kept) {
  Stmt s;
  s.stmt_ = kept;
  s.borrowed_ = true;
  return s;
}

Stmt::Stmt(Stmt&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)),
      borrowed_(other.borrowed_),
      prepare_rc_(other.prepare_rc_),
      bind_rc_(other.bind_rc_) {}

Stmt::~Stmt() {
  if (!borrowed_) {
    sqlite3_finalize(stmt_);
  } else {
    reset();  // ends a read left half-way (its snapshot would hold the WAL back), forgets this use's values
  }
}

Stmt& Stmt::reset() {
  if (stmt_ != nullptr) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  bind_rc_ = SQLITE_OK;
  return *this;
}

Stmt& Stmt::bind(int index, std::string_view value) {
  // SQLITE_TRANSIENT: SQLite copies the text, so a temporary string may be bound.
  if (stmt_ != nullptr && bind_rc_ == SQLITE_OK)
    bind_rc_ =
        sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  return *this;
}

Stmt& Stmt::bind(int index, std::int64_t value) {
  if (stmt_ != nullptr && bind_rc_ == SQLITE_OK) bind_rc_ = sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Stmt& Stmt::bind_null(int index) {
  if (stmt_ != nullptr && bind_rc_ == SQLITE_OK) bind_rc_ = sqlite3_bind_null(stmt_, index);
  return *this;
}

int Stmt::step() {
  if (prepare_rc_ != SQLITE_OK) return prepare_rc_;
  if (bind_rc_ != SQLITE_OK) return bind_rc_;
  return sqlite3_step(stmt_);
}

std::string Stmt::text(int column) const {
  const auto* p = sqlite3_column_text(stmt_, column);
  return p == nullptr ? std::string()
                      : std::string(reinterpret_cast<const char*>(p),
                                    static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::int64_t Stmt::int64(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

bool Stmt::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

WriteTxn::~WriteTxn() {
  // After SQLITE_FULL or an I/O error SQLite may already have rolled the transaction back by itself;
  // get_autocommit tells whether one is still open.
  if (open_ && sqlite3_get_autocommit(db_) == 0) exec(db_, "ROLLBACK");
}

int WriteTxn::begin() {
  const int rc = exec(db_, "BEGIN IMMEDIATE");
  open_ = rc == SQLITE_OK;
  return rc;
}

int WriteTxn::commit() {
  const int rc = exec(db_, "COMMIT");
  if (rc == SQLITE_OK) open_ = false;
  return rc;
}

}  // namespace wk::store::sql
