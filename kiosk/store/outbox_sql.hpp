#pragma once
// Small RAII helpers over the SQLite C API for the outbox: a prepared statement, a write transaction, and
// the translation of a SQLite failure into an Error a person can act on. Internal to store/.
#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace wk::store::sql {

// What failed, in the words shown to a person: "no ticket could be stored", ...
Error error_from(sqlite3* db, int rc, std::string_view consequence);

// Runs statements without parameters (pragmas, schema, BEGIN/COMMIT); never for values.
int exec(sqlite3* db, const char* sql);

class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql);
  // Borrows a statement prepared once and kept by its owner (a connection's statement cache): when this
  // goes it is reset and its parameters cleared for the next use, not finalised.
  static Stmt borrow(sqlite3_stmt* kept);
  ~Stmt();
  Stmt(Stmt&& other) noexcept;
  Stmt& operator=(Stmt&&) = delete;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  int prepare_rc() const { return prepare_rc_; }
  // Ready for the next run: the last one's row and values are gone.
  Stmt& reset();
  Stmt& bind(int index, std::string_view text);
  Stmt& bind(int index, std::int64_t value);
  Stmt& bind_null(int index);
  // SQLITE_ROW, SQLITE_DONE, or the first error of a bind, the prepare, or the step.
  int step();

  std::string text(int column) const;
  std::int64_t int64(int column) const;
  bool is_null(int column) const;

 private:
  Stmt() = default;
  sqlite3_stmt* stmt_ = nullptr;
  bool borrowed_ = false;
  int prepare_rc_ = SQLITE_OK;
  int bind_rc_ = SQLITE_OK;
};

// BEGIN IMMEDIATE takes the write lock up front, so two writers never deadlock in the middle of a
// transaction. A transaction that is not committed is rolled back when the guard goes out of scope.
class WriteTxn {
 public:
  explicit WriteTxn(sqlite3* db) : db_(db) {}
  ~WriteTxn();
  WriteTxn(const WriteTxn&) = delete;
  WriteTxn& operator=(const WriteTxn&) = delete;

  int begin();
  int commit();

 private:
  sqlite3* db_;
  bool open_ = false;
};

}  // namespace wk::store::sql
