// Wake-ups across wijkqueue instances that share one PostgreSQL database.
#include "store/db_conn.hpp"
#include "store/pg_listener.hpp"
#include "store/service_db.hpp"
#include "store/service_schema.hpp"
#include "store/sql_rows.hpp"

namespace wk::store {

namespace {
constexpr const char* kChannel = "wijkqueue";
}

// One short transaction whose commit is not waited on to reach the disk (synchronous_commit off): what
// it writes is a wake-up and a version, which the next change writes anew, not a ticket. So telling the
// others costs no second flush per change. A notification still leaves only at the commit.
template <class Body>
auto in_quick_transaction(db::Conn* c, const char* what, Body body) -> decltype(body()) {
  if (const int rc = c->exec("BEGIN"); rc != SQLITE_OK) return service_sql::error_from(c, rc, what);
  struct End {
    db::Conn* c;
    bool open = true;
    ~End() {
      if (open) c->exec("ROLLBACK");
    }
  } end{c};
  if (const int rc = c->exec("SET LOCAL synchronous_commit TO OFF"); rc != SQLITE_OK)
    return service_sql::error_from(c, rc, what);
  auto result = body();
  if (!result) return result;
  end.open = false;
  if (const int rc = c->exec("COMMIT"); rc != SQLITE_OK) return service_sql::error_from(c, rc, what);
  return result;
}

Result<void> ServiceDb::announce(const std::string& message) {
  if (!is_postgres()) return Ok{};
  const Lease lease = lease_writer();
  db::Conn* const wdb = lease.db();
  const char* what = "the other instances could not be told of a change";
  return in_quick_transaction(wdb, what, [&]() -> Result<void> {
    db::Stmt s(wdb, "SELECT pg_notify('wijkqueue', ?1)");
    if (const int rc = s.bind(1, message).step(); rc != SQLITE_ROW)
      return service_sql::error_from(wdb, rc, what);
    return Ok{};
  });
}

Result<std::int64_t> ServiceDb::count_change(const std::string& channel, const std::string& sender) {
  if (!is_postgres())
    return make_error("bad_argument", "Changes are counted in the database on PostgreSQL only.");
  const Lease lease = lease_writer();
  db::Conn* const wdb = lease.db();
  const char* what = "the change could not be counted";
  // The count and the others' wake-up in one statement: "SENDER n SEQ CHANNEL".
  return in_quick_transaction(wdb, what, [&]() -> Result<std::int64_t> {
    db::Stmt s(
        wdb,
        "WITH c AS (INSERT INTO change_counters (channel, seq) VALUES (?1, 1) ON CONFLICT (channel) DO "
        "UPDATE SET seq = change_counters.seq + 1 RETURNING seq) SELECT seq, pg_notify('wijkqueue', ?2 || "
        "' n ' || seq || ' ' || ?1) FROM c");
    if (const int rc = s.bind(1, channel).bind(2, sender).step(); rc != SQLITE_ROW)
      return service_sql::error_from(wdb, rc, what);
    const std::int64_t seq = s.int64(0);
    return seq;
  });
}

Result<std::vector<std::pair<std::string, std::int64_t>>> ServiceDb::change_counts() {
  if (!is_postgres()) return std::vector<std::pair<std::string, std::int64_t>>();
  const Lease lease = lease_reader();
  db::Conn* const rdb = lease.db();
  db::Stmt s(rdb, "SELECT channel, seq FROM change_counters ORDER BY channel");
  return sql::collect(
      s, [](const db::Stmt& r) { return std::make_pair(r.text(0), r.int64(1)); },
      service_sql::failing(rdb, "the changes cannot be read"));
}

std::unique_ptr<Subscription> ServiceDb::listen(std::function<void(const std::string&)> heard) {
  if (!target_) return nullptr;
  return std::make_unique<PgListener>(*target_, kChannel, std::move(heard));
}

}  // namespace wk::store
