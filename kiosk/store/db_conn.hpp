#pragma once
// One connection to the service's database, whichever backend holds it: SQLite (the embedded default) or
// PostgreSQL (a city's shared server, libpq). ServiceDb writes its SQL once against this, in the subset
// both understand (numbered parameters ?1.., RETURNING, ON CONFLICT, no bare columns, subqueries named),
// and asks backend() only where the two really differ (a JSON array's elements, the schema's version).
// SQLite's result codes are the vocabulary for both: step() answers SQLITE_ROW or SQLITE_DONE, and a
// PostgreSQL failure comes back as the SQLite code nearest in meaning (a unique key: SQLITE_CONSTRAINT,
// a full disk: SQLITE_FULL), or as kUnavailable when the server cannot be reached. Internal to store/.
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace wk::store::db {

enum class Backend { sqlite, postgres };

// The database server did not answer (connection refused, lost, shutting down): try again shortly.
inline constexpr int kUnavailable = 0x10000;

class StmtBackend {
 public:
  virtual ~StmtBackend() = default;
  virtual void bind(int index, std::string_view text) = 0;
  virtual void bind(int index, std::int64_t value) = 0;
  virtual void bind_null(int index) = 0;
  virtual int step() = 0;
  virtual std::string text(int column) const = 0;
  virtual std::int64_t int64(int column) const = 0;  // a real is cut to its integer part, a boolean is 0/1
  virtual bool is_null(int column) const = 0;
};

class Conn {
 public:
  virtual ~Conn() = default;
  virtual Backend backend() const = 0;
  virtual std::unique_ptr<StmtBackend> prepare(const char* sql) = 0;
  // Statements without parameters (schema, pragmas, BEGIN/COMMIT); never for values.
  virtual int exec(const char* sql) = 0;
  // Rows the last INSERT, UPDATE or DELETE changed.
  virtual std::int64_t changes() const = 0;
  // The backend's own words for the last failure, for the log.
  virtual std::string message() const = 0;
  // Starts a write transaction that no other writer of `lock_key` runs beside: SQLite has one writer per
  // file anyway (BEGIN IMMEDIATE); PostgreSQL takes a transaction-scoped advisory lock on the key, so two
  // instances serve one location's writes one after the other while other locations go on.
  virtual int begin_write(std::string_view lock_key) = 0;
  // Whether the connection still reaches its server; a lost one is reconnected here.
  virtual bool usable() = 0;
};

// A prepared statement, as the outbox's sql::Stmt reads (bind ... step, then the columns of the row).
class Stmt {
 public:
  Stmt(Conn* conn, const char* sql) : impl_(conn->prepare(sql)) {}
  Stmt(Conn* conn, const std::string& sql) : Stmt(conn, sql.c_str()) {}
  Stmt& bind(int index, std::string_view text) {
    impl_->bind(index, text);
    return *this;
  }
  Stmt& bind(int index, std::int64_t value) {
    impl_->bind(index, value);
    return *this;
  }
  Stmt& bind_null(int index) {
    impl_->bind_null(index);
    return *this;
  }
  int step() { return impl_->step(); }
  std::string text(int column) const { return impl_->text(column); }
  std::int64_t int64(int column) const { return impl_->int64(column); }
  bool is_null(int column) const { return impl_->is_null(column); }

 private:
  std::unique_ptr<StmtBackend> impl_;
};

// A write transaction (Conn::begin_write), rolled back unless committed when the guard goes.
class WriteTxn {
 public:
  explicit WriteTxn(Conn* conn, std::string lock_key = "*") : conn_(conn), key_(std::move(lock_key)) {}
  ~WriteTxn() {
    if (open_) conn_->exec("ROLLBACK");
  }
  WriteTxn(const WriteTxn&) = delete;
  WriteTxn& operator=(const WriteTxn&) = delete;
  int begin() {
    const int rc = conn_->begin_write(key_);
    open_ = rc == SQLITE_OK;
    return rc;
  }
  int commit() {
    const int rc = conn_->exec("COMMIT");
    if (rc == SQLITE_OK) open_ = false;
    return rc;
  }

 private:
  Conn* conn_;
  std::string key_;
  bool open_ = false;
};

// Runs a statement without parameters.
inline int exec(Conn* conn, const char* sql) {
  return conn->exec(sql);
}

// SQLite: an open handle, owned from here on.
std::unique_ptr<Conn> sqlite_conn(sqlite3* db);
// PostgreSQL: connects with `conninfo` (a URL or key=value words) and `password` (empty: libpq's own
// PGPASSWORD / passfile). nullptr with the reason in `why` when the server cannot be reached.
std::unique_ptr<Conn> postgres_conn(const std::string& conninfo, const std::string& password,
                                    std::string& why);

}  // namespace wk::store::db
