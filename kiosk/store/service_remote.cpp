// Tickets joined from home (/join/{location}): numbered by the service, in a form no kiosk makes, under
// the caps of the location's [join]. Every join is counted in remote_joins for an hour, keyed by a hash
// of the address that the caller made with the service's key: the database never holds an address.
#include <sqlite3.h>

#include "store/db_conn.hpp"
#include "store/service_db.hpp"
#include "store/service_remote.hpp"
#include "store/service_schema.hpp"
#include "store/sql_rows.hpp"

namespace wk::store {

using db::Conn;
using db::Stmt;
using db::WriteTxn;
using service_sql::error_from;

namespace remote_sql {

Result<JoinRefusal> admit(Conn* db, const std::string& location, const RemoteAdmission& a, UnixMs now,
                          bool ticket) {
  const std::string fail = "the joins from home could not be counted";
  const UnixMs hour_ago = now - kJoinWindowMs;
  // What fell out of the window goes first, so the table stays an hour long.
  {
    Stmt del(db, "DELETE FROM remote_joins WHERE location = ?1 AND at < ?2");
    if (const int rc = del.bind(1, location).bind(2, hour_ago).step(); rc != SQLITE_DONE)
      return error_from(db, rc, fail);
  }
  const auto count = [&](const char* sql, auto&& bind) -> Result<std::int64_t> {
    Stmt s(db, sql);
    bind(s);
    return sql::single(s, sql::first_int64, service_sql::failing(db, fail));
  };
  if (ticket) {
    auto waiting = count(
        "SELECT COUNT(*) FROM tickets WHERE location = ?1 AND remote = 1 AND status = 'waiting'",
        [&](Stmt& s) { s.bind(1, location); });
    if (!waiting) return waiting.error();
    if (waiting.value() >= a.max_waiting) return JoinRefusal::waiting_full;
  }
  auto from_address =
      count("SELECT COUNT(*) FROM remote_joins WHERE location = ?1 AND address_key = ?2 AND at >= ?3",
            [&](Stmt& s) { s.bind(1, location).bind(2, a.address_key).bind(3, hour_ago); });
  if (!from_address) return from_address.error();
  if (from_address.value() >= a.per_address_per_hour) return JoinRefusal::address_hourly;
  auto at_location = count("SELECT COUNT(*) FROM remote_joins WHERE location = ?1 AND at >= ?2",
                           [&](Stmt& s) { s.bind(1, location).bind(2, hour_ago); });
  if (!at_location) return at_location.error();
  if (at_location.value() >= a.per_location_per_hour) return JoinRefusal::location_hourly;
  Stmt ins(db, "INSERT INTO remote_joins (location, address_key, at) VALUES (?1, ?2, ?3)");
  if (const int rc = ins.bind(1, location).bind(2, a.address_key).bind(3, now).step(); rc != SQLITE_DONE)
    return error_from(db, rc, fail);
  return JoinRefusal::none;
}

}  // namespace remote_sql

Result<RemoteJoin> ServiceDb::join_remote(const Ticket& t, char letter, const std::string& location,
                                          const RemoteAdmission& admission, UnixMs now) {
  const Lease lease = lease_writer();
  Conn* const wdb = lease.db();
  const std::string fail = "the ticket joined from home could not be stored";
  WriteTxn txn(wdb, location);
  if (const int rc = txn.begin(); rc != SQLITE_OK) return error_from(wdb, rc, fail);
  // The same form sent twice (a double tap, a reload): the ticket it made the first time.
  {
    Stmt s(wdb,
           "SELECT id, code, topic, language, created_at, public_token, local_day, number, location, status, "
           "code_twin, remote FROM tickets WHERE id = ?1");
    const int rc = s.bind(1, t.id).step();
    if (rc == SQLITE_ROW) {
      if (s.text(8) != location || s.int64(11) == 0)
        return make_error("id_conflict", "A ticket with id " + t.id + " exists already; join with a new form.");
      return RemoteJoin{JoinRefusal::none, true,
                        StoredTicket{sql::ticket_at(s, 0), s.text(8), s.text(9), static_cast<int>(s.int64(10))}};
    }
    if (rc != SQLITE_DONE) return error_from(wdb, rc, fail);
  }
  auto admitted = remote_sql::admit(wdb, location, admission, now, true);
  if (!admitted) return admitted.error();
  if (admitted.value() != JoinRefusal::none) {
    // The refusal is not counted against the address: only joins are. Nothing else was written.
    return RemoteJoin{admitted.value(), false, std::nullopt};
  }
  Ticket stored = t;
  {
    Stmt s(wdb,
           "SELECT COALESCE(MAX(number), 0) + 1 FROM tickets WHERE location = ?1 AND local_day = ?2 AND "
           "remote = 1 AND substr(code, 1, 1) = ?3");
    const int rc = s.bind(1, location).bind(2, t.local_day).bind(3, std::string(1, letter)).step();
    if (rc != SQLITE_ROW) return error_from(wdb, rc, fail);
    stored.number = static_cast<int>(s.int64(0));
  }
  stored.code = remote_code(letter, stored.number);
  Stmt ins(wdb,
           "INSERT INTO tickets (id, location, code, topic, language, created_at, public_token, local_day, "
           "number, body_hash, status, received_at, issued_topic, code_twin, remote) VALUES (?1, ?2, ?3, ?4, "
           "?5, ?6, ?7, ?8, ?9, '', 'waiting', ?10, ?4, 0, 1)");
  const int rc = ins.bind(1, stored.id)
                     .bind(2, location)
                     .bind(3, stored.code)
                     .bind(4, stored.topic)
                     .bind(5, stored.language)
                     .bind(6, stored.created_at)
                     .bind(7, stored.public_token)
                     .bind(8, stored.local_day)
                     .bind(9, static_cast<std::int64_t>(stored.number))
                     .bind(10, now)
                     .step();
  if (rc != SQLITE_DONE) return error_from(wdb, rc, fail);
  if (const int crc = txn.commit(); crc != SQLITE_OK) return error_from(wdb, crc, fail);
  return RemoteJoin{JoinRefusal::none, false, StoredTicket{std::move(stored), location, "waiting", 0}};
}


}  // namespace wk::store
