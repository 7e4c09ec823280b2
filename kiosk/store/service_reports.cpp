// The rows reports are made of: only the columns a report counts, so an id, a code or a token cannot
// reach a report even by mistake. Read-only, on the reader pool.
#include <sqlite3.h>

#include "store/db_conn.hpp"
#include "store/service_db.hpp"
#include "store/service_schema.hpp"
#include "store/sql_rows.hpp"

namespace wk::store {

using db::Conn;
using db::Stmt;

Result<std::vector<ReportTicket>> ServiceDb::report_tickets(const std::string& location,
                                                            const std::string& from_day,
                                                            const std::string& to_day) {
  const Lease lease = lease_reader();
  Conn* const rdb = lease.db();
  // The first call from the calls table: a transfer clears tickets.called_at and a recall is a later
  // call, but the resident's wait ended at the first. One pass over the location's calls (its index),
  // not a look-up per ticket. tickets.called_at covers a ticket without a row in calls.
  Stmt s(rdb,
         "SELECT COALESCE(t.issued_topic, t.topic), t.language, t.local_day, t.status, t.created_at, "
         "COALESCE(f.first_at, t.called_at), t.served_at FROM tickets t LEFT JOIN (SELECT ticket_id, "
         "MIN(called_at) AS first_at FROM calls WHERE location = ?1 GROUP BY ticket_id) f ON f.ticket_id = "
         "t.id WHERE t.location = ?1 AND t.local_day >= ?2 AND t.local_day <= ?3 ORDER BY t.local_day, "
         "t.created_at");
  s.bind(1, location).bind(2, from_day).bind(3, to_day);
  return sql::collect(
      s,
      [](const Stmt& r) {
        ReportTicket t;
        t.topic = r.text(0);
        t.language = r.text(1);
        t.local_day = r.text(2);
        t.status = r.text(3);
        t.created_at = r.int64(4);
        if (!r.is_null(5)) t.first_called_at = r.int64(5);
        if (!r.is_null(6)) t.served_at = r.int64(6);
        return t;
      },
      service_sql::failing(rdb, "the tickets cannot be counted"));
}

Result<std::vector<std::string>> ServiceDb::location_ids() {
  const Lease lease = lease_reader();
  Conn* const rdb = lease.db();
  Stmt s(rdb, "SELECT id FROM locations ORDER BY id");
  return sql::collect(s, sql::first_text, service_sql::failing(rdb, "the locations cannot be listed"));
}

}  // namespace wk::store
