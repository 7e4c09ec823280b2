// db::Conn over libpq. Statements run as PQexecParams in text form: the SQL is written with SQLite's
// numbered parameters (?1, ?2, ...), turned into $1, $2, ... here; integers go as int8, text as text. A
// failure is mapped to the SQLite code nearest in meaning (db_conn.hpp), and a lost connection is made again
// at the next lease.
#include <libpq-fe.h>

#include <cstdlib>
#include <map>
#include <optional>
#include <vector>

#include "store/db_conn.hpp"
#include "store/pg_connect.hpp"
#include "store/service_db.hpp"

namespace wk::store::db {
namespace {

constexpr Oid kInt8 = 20;  // pg_type.oid of bigint
constexpr Oid kText = 25;  // of text

// ?N -> $N, and a bare ? -> the next number; nothing inside quotes is touched.
std::string dollar_parameters(const char* sql) {
  std::string out;
  char quote = 0;
  int next = 1;
  for (const char* p = sql; *p != '\0'; ++p) {
    const char c = *p;
    if (quote != 0) {
      out += c;
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      out += '$';
      if (p[1] >= '0' && p[1] <= '9') continue;  // the digits follow as they are
      out += std::to_string(next++);
    } else {
      out += c;
    }
  }
  return out;
}

// The SQLite code nearest to what PostgreSQL reported (its SQLSTATE), or kUnavailable.
int code_of(PGconn* conn, const PGresult* res) {
  if (PQstatus(conn) != CONNECTION_OK || res == nullptr) return kUnavailable;
  const char* raw = PQresultErrorField(res, PG_DIAG_SQLSTATE);
  const std::string state = raw != nullptr ? raw : "";
  const std::string cls = state.substr(0, 2);
  if (cls == "23") return SQLITE_CONSTRAINT;
  if (cls == "40" || state == "55P03" || state == "57014") return SQLITE_BUSY;  // conflict, lock, timeout
  if (state == "53100") return SQLITE_FULL;
  if (cls == "08" || cls == "53" || state == "57P01" || state == "57P02" || state == "57P03")
    return kUnavailable;
  // A server in recovery (a standby, or a primary being demoted): not the one to write to, for now.
  if (state == "25006") return kUnavailable;
  if (cls == "58") return SQLITE_IOERR;
  if (state.empty()) return kUnavailable;
  return SQLITE_ERROR;
}

class PgConn;

class PgStmt final : public StmtBackend {
 public:
  PgStmt(PgConn& conn, const char* sql) : conn_(conn), sql_(dollar_parameters(sql)) {}
  ~PgStmt() override { PQclear(res_); }
  PgStmt(const PgStmt&) = delete;
  PgStmt& operator=(const PgStmt&) = delete;

  void bind(int index, std::string_view text) override { set(index, std::string(text), kText); }
  void bind(int index, std::int64_t value) override { set(index, std::to_string(value), kInt8); }
  void bind_null(int index) override { set(index, std::nullopt, 0); }
  int step() override;
  std::string text(int column) const override {
    return std::string(PQgetvalue(res_, row_, column),
                       static_cast<std::size_t>(PQgetlength(res_, row_, column)));
  }
  std::int64_t int64(int column) const override {
    const char* v = PQgetvalue(res_, row_, column);
    if (v[0] == 't' && v[1] == '\0') return 1;  // a boolean (EXISTS)
    if (v[0] == 'f' && v[1] == '\0') return 0;
    char* end = nullptr;
    const long long n = std::strtoll(v, &end, 10);
    if (*end == '.' || *end == 'e' || *end == 'E') return static_cast<std::int64_t>(std::strtod(v, nullptr));
    return n;
  }
  bool is_null(int column) const override { return PQgetisnull(res_, row_, column) != 0; }

 private:
  void set(int index, std::optional<std::string> value, Oid type) {
    const auto i = static_cast<std::size_t>(index - 1);
    if (values_.size() <= i) {
      values_.resize(i + 1);
      types_.resize(i + 1, kText);  // a number the statement does not use still needs a type
    }
    values_[i] = std::move(value);
    types_[i] = type;
  }

  PgConn& conn_;
  std::string sql_;
  std::vector<std::optional<std::string>> values_;
  std::vector<Oid> types_;
  PGresult* res_ = nullptr;
  bool ran_ = false;
  int row_ = -1;
};

class PgConn final : public Conn {
 public:
  explicit PgConn(PGconn* conn) : conn_(conn) { settle(); }
  ~PgConn() override { PQfinish(conn_); }
  PgConn(const PgConn&) = delete;
  PgConn& operator=(const PgConn&) = delete;

  Backend backend() const override { return Backend::postgres; }
  std::unique_ptr<StmtBackend> prepare(const char* sql) override {
    return std::make_unique<PgStmt>(*this, sql);
  }
  int exec(const char* sql) override {
    PGresult* res = PQexec(conn_, sql);
    int rc = finish(res);
    // COMMIT of a transaction a failed statement aborted "succeeds" as a ROLLBACK: it is no commit.
    if (rc == SQLITE_OK && std::string_view(sql) == "COMMIT" &&
        std::string_view(PQcmdStatus(res)) == "ROLLBACK") {
      message_ = "postgresql: the transaction was rolled back, not committed";
      rc = SQLITE_ABORT;
    }
    PQclear(res);
    return rc == SQLITE_ROW ? SQLITE_OK : rc;
  }
  std::int64_t changes() const override { return changes_; }
  std::string message() const override { return message_; }
  int begin_write(std::string_view lock_key) override {
    if (const int rc = exec("BEGIN"); rc != SQLITE_OK) return rc;
    // Class 0x574b ("WK") keeps wijkqueue's locks apart from anyone else's in the same database.
    const std::string key(lock_key);
    const char* values[] = {key.c_str()};
    PGresult* res = PQexecParams(conn_, "SELECT pg_advisory_xact_lock(22347, hashtext($1))", 1, nullptr,
                                 values, nullptr, nullptr, 0);
    const int rc = finish(res);
    PQclear(res);
    if (rc != SQLITE_ROW && rc != SQLITE_OK) {
      exec("ROLLBACK");  // else the connection goes back to the pool inside an aborted transaction
      return rc;
    }
    return SQLITE_OK;
  }
  // A connection handed back mid-transaction (a failure on the way) is rolled back before anyone else
  // gets it; a lost one is made again.
  bool usable() override {
    if (PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) != PQTRANS_IDLE) exec("ROLLBACK");
    if (PQstatus(conn_) == CONNECTION_OK) return true;
    PQreset(conn_);
    prepared_.clear();  // a new session has none of them
    if (PQstatus(conn_) != CONNECTION_OK) return false;
    settle();
    return true;
  }

  // SQLITE_OK, SQLITE_ROW (rows to read) or a failure, with the words kept for message().
  int finish(const PGresult* res) {
    const ExecStatusType st = res != nullptr ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
      const char* n = PQcmdTuples(const_cast<PGresult*>(res));
      changes_ = (n != nullptr && *n != '\0') ? std::strtoll(n, nullptr, 10) : 0;
      return st == PGRES_TUPLES_OK ? SQLITE_ROW : SQLITE_OK;
    }
    const char* state = res != nullptr ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    message_ = "postgresql " + std::string(state != nullptr ? state : "-----") + ": " +
               (res != nullptr ? PQresultErrorMessage(res) : PQerrorMessage(conn_));
    while (!message_.empty() && message_.back() == '\n') message_.pop_back();
    return code_of(conn_, res);
  }
  PGconn* raw() { return conn_; }

  // `sql` with these parameter types, prepared on this connection the first time it runs here: the server
  // parses and plans each statement once per connection, not once per call. nullptr (and `rc`) when the
  // server refused to prepare it.
  const std::string* prepared(const std::string& sql, const std::vector<Oid>& types, int& rc) {
    auto key = std::make_pair(sql, types);
    if (const auto it = prepared_.find(key); it != prepared_.end()) return &it->second;
    const std::string name = "wk" + std::to_string(prepared_.size() + 1);
    PGresult* res = PQprepare(conn_, name.c_str(), sql.c_str(), static_cast<int>(types.size()), types.data());
    rc = finish(res);
    PQclear(res);
    if (rc != SQLITE_OK) return nullptr;
    return &prepared_.emplace(std::move(key), name).first->second;
  }

 private:
  // Every session alike: no statement waits longer than a kiosk's request would (a lock held by an
  // instance that hangs), and the server's notices stay out of the service's log.
  void settle() {
    PQsetNoticeProcessor(
        conn_, [](void*, const char*) {}, nullptr);
    PQclear(PQexec(conn_, "SET statement_timeout = '15s'"));
  }

  PGconn* conn_;
  std::map<std::pair<std::string, std::vector<Oid>>, std::string> prepared_;
  std::int64_t changes_ = 0;
  std::string message_;
};

int PgStmt::step() {
  if (!ran_) {
    ran_ = true;
    std::vector<const char*> values;
    for (const auto& v : values_) values.push_back(v ? v->c_str() : nullptr);
    // Outside a transaction a statement that met a lost connection (a server restarted since this
    // connection's last use) runs once more on a new one: nothing of it was done, nothing is done twice.
    const bool alone = PQtransactionStatus(conn_.raw()) == PQTRANS_IDLE;
    int rc = SQLITE_OK;
    for (int attempt = 0; attempt < 2; ++attempt) {
      const std::string* name = conn_.prepared(sql_, types_, rc);
      if (name == nullptr) {
        if (rc == kUnavailable && alone && attempt == 0 && conn_.usable()) continue;
        return rc;
      }
      PQclear(res_);
      res_ = PQexecPrepared(conn_.raw(), name->c_str(), static_cast<int>(values.size()), values.data(),
                            nullptr, nullptr, 0);
      rc = conn_.finish(res_);
      if (rc == kUnavailable && alone && attempt == 0 && conn_.usable()) continue;
      break;
    }
    if (rc != SQLITE_OK && rc != SQLITE_ROW) return rc;
  }
  if (PQresultStatus(res_) != PGRES_TUPLES_OK) return SQLITE_DONE;
  ++row_;
  return row_ < PQntuples(res_) ? SQLITE_ROW : SQLITE_DONE;
}

}  // namespace

PGconn* postgres_connect(const std::string& conninfo, const std::string& password, const char* application,
                         std::string& why) {
  std::vector<const char*> keys = {"application_name", "connect_timeout",     "keepalives",
                                   "keepalives_idle",  "keepalives_interval", "keepalives_count",
                                   "tcp_user_timeout", "target_session_attrs"};
  std::vector<const char*> values = {application, "5", "1", "10", "5", "3", "30000", "read-write"};
  keys.push_back("dbname");
  values.push_back(conninfo.c_str());
  if (!password.empty()) {
    keys.push_back("password");
    values.push_back(password.c_str());
  }
  keys.push_back(nullptr);
  values.push_back(nullptr);
  PGconn* conn = PQconnectdbParams(keys.data(), values.data(), 1);
  if (PQstatus(conn) != CONNECTION_OK) {
    why = PQerrorMessage(conn);
    while (!why.empty() && why.back() == '\n') why.pop_back();
    PQfinish(conn);
    return nullptr;
  }
  return conn;
}

std::unique_ptr<Conn> postgres_conn(const std::string& conninfo, const std::string& password,
                                    std::string& why) {
  PGconn* conn = postgres_connect(conninfo, password, "wijkqueue", why);
  return conn != nullptr ? std::make_unique<PgConn>(conn) : nullptr;
}

}  // namespace wk::store::db

namespace wk::store {

Result<void> check_postgres_conninfo(const std::string& conninfo) {
  char* why = nullptr;
  PQconninfoOption* opts = PQconninfoParse(conninfo.c_str(), &why);
  if (opts == nullptr) {
    std::string words = why != nullptr ? why : "it cannot be parsed";
    PQfreemem(why);
    while (!words.empty() && (words.back() == '\n' || words.back() == '.')) words.pop_back();
    return make_error("bad_argument", "The database address cannot be read: " + words + ".");
  }
  bool has_password = false;
  for (PQconninfoOption* o = opts; o->keyword != nullptr; ++o)
    if (std::string_view(o->keyword) == "password" && o->val != nullptr && *o->val != '\0')
      has_password = true;
  PQconninfoFree(opts);
  if (has_password)
    return make_error("password_in_url",
                      "The database address holds a password. Leave it out, and give it in a file "
                      "(--db-password-file, mode 0600) or in the environment (PGPASSWORD).");
  return Ok{};
}

}  // namespace wk::store
