// db::Conn over one SQLite handle: the outbox's statement wrapper, as it always served the service.
#include "store/db_conn.hpp"
#include "store/outbox_sql.hpp"

#include <string>
#include <unordered_map>

namespace wk::store::db {
namespace {

class SqliteStmt final : public StmtBackend {
 public:
  SqliteStmt(sqlite3* db, const char* sql) : stmt_(db, sql) {}
  // A kept statement: `in_use` is its cache entry's flag, cleared when this use ends.
  SqliteStmt(sqlite3_stmt* kept, bool* in_use) : stmt_(sql::Stmt::borrow(kept)), in_use_(in_use) {}
  ~SqliteStmt() override {
    if (in_use_ != nullptr) *in_use_ = false;
  }
  SqliteStmt(const SqliteStmt&) = delete;
  SqliteStmt& operator=(const SqliteStmt&) = delete;
  void bind(int index, std::string_view text) override { stmt_.bind(index, text); }
  void bind(int index, std::int64_t value) override { stmt_.bind(index, value); }
  void bind_null(int index) override { stmt_.bind_null(index); }
  int step() override { return stmt_.step(); }
  std::string text(int column) const override { return stmt_.text(column); }
  std::int64_t int64(int column) const override { return stmt_.int64(column); }
  bool is_null(int column) const override { return stmt_.is_null(column); }

 private:
  sql::Stmt stmt_;
  bool* in_use_ = nullptr;
};

class SqliteConn final : public Conn {
 public:
  explicit SqliteConn(sqlite3* db) : db_(db) {}
  ~SqliteConn() override {
    for (auto& [text, kept] : kept_) sqlite3_finalize(kept.stmt);
    sqlite3_close(db_);
  }
  SqliteConn(const SqliteConn&) = delete;
  SqliteConn& operator=(const SqliteConn&) = delete;

  Backend backend() const override { return Backend::sqlite; }
  // Each statement is compiled once per connection and kept: the service's SQL is a fixed set of texts
  // run over and over, and compiling it cost a quarter of a stored ticket (docs/performance.md). A text
  // already in use further up the stack (a nested look-up) or past the cache's bound is compiled afresh.
  std::unique_ptr<StmtBackend> prepare(const char* sql) override {
    const auto it = kept_.find(sql);
    if (it != kept_.end()) {
      if (it->second.in_use) return std::make_unique<SqliteStmt>(db_, sql);
      it->second.in_use = true;
      return std::make_unique<SqliteStmt>(it->second.stmt, &it->second.in_use);
    }
    sqlite3_stmt* stmt = nullptr;
    if (kept_.size() >= kMaxKept ||
        sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
      sqlite3_finalize(stmt);
      return std::make_unique<SqliteStmt>(db_, sql);  // reports the failure through step()
    }
    auto& kept = kept_[sql];
    kept = Kept{stmt, true};
    return std::make_unique<SqliteStmt>(kept.stmt, &kept.in_use);
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
  struct Kept {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  // The service has about 200 distinct statements; the bound only keeps a text built at run time from
  // growing the cache without end.
  static constexpr std::size_t kMaxKept = 512;
  sqlite3* db_;
  std::unordered_map<std::string, Kept> kept_;  // node-based: a Kept's address outlives later inserts
};

}  // namespace

std::unique_ptr<Conn> sqlite_conn(sqlite3* db) {
  return std::make_unique<SqliteConn>(db);
}

}  // namespace wk::store::db
