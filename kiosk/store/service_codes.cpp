// Ticket codes at the service: where a location's numbering stands today (for a kiosk that lost its own),
// and the codes that two tickets of one day came to share, for /metrics and IT's fleet view.
#include <sqlite3.h>

#include "store/db_conn.hpp"
#include "store/service_db.hpp"
#include "store/service_schema.hpp"
#include "store/sql_rows.hpp"

namespace wk::store {

using db::Conn;
using db::Stmt;

Result<std::map<char, int>> ServiceDb::highest_numbers(const std::string& location,
                                                       const std::string& local_day) {
  const Lease lease = lease_reader();
  Conn* const rdb = lease.db();
  // The unique index on (location, local_day, code, code_twin) holds every row this needs.
  Stmt s(
      rdb,
      "SELECT substr(code, 1, 1), MAX(number) FROM tickets WHERE location = ?1 AND local_day = ?2 AND remote = 0 "
      "GROUP BY "
      "substr(code, 1, 1)");
  s.bind(1, location).bind(2, local_day);
  return sql::gather(s, std::map<char, int>(), sql::add_highest,
                     service_sql::failing(rdb, "the day's numbering cannot be read"));
}

Result<std::vector<TicketCount>> ServiceDb::code_collision_counts() {
  const Lease lease = lease_reader();
  Conn* const rdb = lease.db();
  // Tickets are never deleted and a twin never changes, so this only goes up.
  Stmt s(rdb,
         "SELECT location, issued_topic, COUNT(*) FROM tickets WHERE code_twin > 0 GROUP BY location, "
         "issued_topic ORDER BY location, issued_topic");
  return sql::collect(
      s,
      [](const Stmt& r) {
        return TicketCount{r.text(0), r.text(1), r.int64(2), {}};
      },
      service_sql::failing(rdb, "the shared codes cannot be counted"));
}

Result<std::map<std::string, CodeCollisions>> ServiceDb::code_collisions_by_device() {
  const Lease lease = lease_reader();
  Conn* const rdb = lease.db();
  // The shared codes first (few, by the partial index tickets_twins), then every holder of each: both
  // kiosks of a collision are told, the one that held the code first as much as the one that came second.
  Stmt s(rdb,
         "WITH shared AS (SELECT DISTINCT location, local_day, code FROM tickets WHERE code_twin > 0) "
         "SELECT t.device_id, COUNT(*), MAX(t.local_day) FROM shared JOIN tickets t ON t.location = "
         "shared.location AND t.local_day = shared.local_day AND t.code = shared.code WHERE t.device_id IS "
         "NOT NULL GROUP BY t.device_id");
  return sql::gather(
      s, std::map<std::string, CodeCollisions>(),
      [](auto& by_device, const Stmt& r) {
        by_device[r.text(0)] = CodeCollisions{r.int64(1), r.text(2)};
      },
      service_sql::failing(rdb, "the shared codes cannot be listed"));
}

}  // namespace wk::store
