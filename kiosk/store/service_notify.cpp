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

Result<void> ServiceDb::announce(const std::string& message) {
  if (!is_postgres()) return Ok{};
  const Lease lease = lease_writer();
  db::Conn* const wdb = lease.db();
  db::Stmt s(wdb, "SELECT pg_notify('wijkqueue', ?1)");
  if (const int rc = s.bind(1, message).step(); rc != SQLITE_ROW)
    return service_sql::error_from(wdb, rc, "the other instances could not be told of a change");
  return Ok{};
}

Result<std::int64_t> ServiceDb::count_change(const std::string& channel) {
  if (!is_postgres())
    return make_error("bad_argument", "Changes are counted in the database on PostgreSQL only.");
  const Lease lease = lease_writer();
  db::Conn* const wdb = lease.db();
  db::Stmt s(
      wdb,
      "INSERT INTO change_counters (channel, seq) VALUES (?1, 1) ON CONFLICT (channel) DO UPDATE SET seq "
      "= change_counters.seq + 1 RETURNING seq");
  if (const int rc = s.bind(1, channel).step(); rc != SQLITE_ROW)
    return service_sql::error_from(wdb, rc, "the change could not be counted");
  const std::int64_t seq = s.int64(0);
  return seq;
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
