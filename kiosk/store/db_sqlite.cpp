// db::Conn over one SQLite handle: the outbox's statement wrapper, as it always served the service.
#include "store/db_conn.hpp"
#include "store/outbox_sql.hpp"

namespace wk::store::db {
namespace {

class SqliteStmt final : public StmtBackend {
 public:
  SqliteStmt(sqlite3* db, const char* sql) : stmt_(db, sql) {}
  void bind(int index, std::string_view text) override { stmt_.bind(index, text); }
  void bind(int index, std::int64_t value) override { stmt_.bind(index, value); }
  void bind_null(int index) override { stmt_.bind_null(index); }
  int step() override { return stmt_.step(); }
  std::string text(int column) const override { return stmt_.text(column); }
  std::int64_t int64(int column) const override { return stmt_.int64(column); }
  bool is_null(int column) const override { return stmt_.is_null(column); }

 private:
  sql::Stmt stmt_;
};

class SqliteConn final : public Conn {
 public:
  explicit SqliteConn(sqlite3* db) : db_(db) {}
  ~SqliteConn() override { sqlite3_close(db_); }
  SqliteConn(const SqliteConn&) = delete;
  SqliteConn& operator=(const SqliteConn&) = delete;

  Backend backend() const override { return Backend::sqlite; }
  std::unique_ptr<StmtBackend> prepare(const char* sql) override {
    return std::make_unique<SqliteStmt>(db_, sql);
  }
  int exec(const char* sql) override { return sql::exec(db_, sql); }
  std::int64_t changes() const override { return sqlite3_changes(db_); }
  std::string message() const override {
    const int rc = sqlite3_extended_errcode(db_);
    return "sqlite " + std::to_string(rc) + " (" + sqlite3_errstr(rc) + "): " + sqlite3_errmsg(db_);
  }
  // One file has one writer at a time: BEGIN IMMEDIATE takes the file's write lock up front, so two
  // writers never deadlock halfway; the key has nothing to add.
  int begin_write(std::string_view) override { return sql::exec(db_, "BEGIN IMMEDIATE"); }
  bool usable() override { return true; }

 private:
  sqlite3* db_;
};

}  // namespace

std::unique_ptr<Conn> sqlite_conn(sqlite3* db) {
  return std::make_unique<SqliteConn>(db);
}

}  // namespace wk::store::db
