// Wake-ups across wijkqueue instances that share one PostgreSQL database.
#include "store/db_conn.hpp"
#include "store/pg_listener.hpp"
#include "store/service_db.hpp"
#include "store/service_schema.hpp"

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

std::unique_ptr<Subscription> ServiceDb::listen(std::function<void(const std::string&)> heard) {
  if (!target_) return nullptr;
  return std::make_unique<PgListener>(*target_, kChannel, std::move(heard));
}

}  // namespace wk::store
