// Ticket codes at the service: where a location's numbering stands today (for a kiosk that lost its own),
// and the codes that two tickets of one day came to share, for /metrics and IT's fleet view.
#include <sqlite3.h>

#include "store/outbox_sql.hpp"
#include "store/service_db.hpp"
#include "store/service_schema.hpp"

namespace wk::store {

using service_sql::error_from;
using sql::Stmt;

Result<std::map<char, int>> ServiceDb::highest_numbers(const std::string& location,
                                                       const std::string& local_day) {
  const ReaderLease lease = lease_reader();
  sqlite3* const rdb = lease.db();
  // The unique index on (location, local_day, code, code_twin) holds every row this needs.
  Stmt s(
      rdb,
      "SELECT substr(code, 1, 1), MAX(number) FROM tickets WHERE location = ?1 AND local_day = ?2 GROUP BY "
      "substr(code, 1, 1)");
  s.bind(1, location).bind(2, local_day);
  std::map<char, int> highest;
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) {
    const std::string letter = s.text(0);
    if (!letter.empty()) highest[letter[0]] = static_cast<int>(s.int64(1));
  }
  if (rc != SQLITE_DONE) return error_from(rdb, rc, "the day's numbering cannot be read");
  return highest;
}

Result<std::vector<TicketCount>> ServiceDb::code_collision_counts() {
  const ReaderLease lease = lease_reader();
  sqlite3* const rdb = lease.db();
  // Tickets are never deleted and a twin never changes, so this only goes up.
  Stmt s(rdb,
         "SELECT location, issued_topic, COUNT(*) FROM tickets WHERE code_twin > 0 GROUP BY location, "
         "issued_topic ORDER BY location, issued_topic");
  std::vector<TicketCount> counts;
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) counts.push_back({s.text(0), s.text(1), s.int64(2), {}});
  if (rc != SQLITE_DONE) return error_from(rdb, rc, "the shared codes cannot be counted");
  return counts;
}

Result<std::map<std::string, CodeCollisions>> ServiceDb::code_collisions_by_device() {
  const ReaderLease lease = lease_reader();
  sqlite3* const rdb = lease.db();
  // The shared codes first (few, by the partial index tickets_twins), then every holder of each: both
  // kiosks of a collision are told, the one that held the code first as much as the one that came second.
  Stmt s(rdb,
         "WITH shared AS (SELECT DISTINCT location, local_day, code FROM tickets WHERE code_twin > 0) "
         "SELECT t.device_id, COUNT(*), MAX(t.local_day) FROM shared JOIN tickets t ON t.location = "
         "shared.location AND t.local_day = shared.local_day AND t.code = shared.code WHERE t.device_id IS "
         "NOT NULL GROUP BY t.device_id");
  std::map<std::string, CodeCollisions> by_device;
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) by_device[s.text(0)] = CodeCollisions{s.int64(1), s.text(2)};
  if (rc != SQLITE_DONE) return error_from(rdb, rc, "the shared codes cannot be listed");
  return by_device;
}

}  // namespace wk::store
