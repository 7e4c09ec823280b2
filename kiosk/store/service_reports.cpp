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
  // call, but the resident's wait ended at the first. One search of calls_by_ticket per ticket asked for:
  // grouping the location's calls instead read the whole year's for a week's report (issue 20).
  // tickets.called_at covers a ticket without a row in calls.
  Stmt s(rdb,
         "SELECT COALESCE(t.issued_topic, t.topic), t.language, t.local_day, t.status, t.created_at, "
         "COALESCE((SELECT MIN(c.called_at) FROM calls c WHERE c.ticket_id = t.id AND c.location = ?1), "
         "t.called_at), t.served_at FROM tickets t WHERE t.location = ?1 AND t.local_day >= ?2 AND "
         "t.local_day <= ?3 ORDER BY t.local_day, t.created_at");
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
