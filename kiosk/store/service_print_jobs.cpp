// Reprints: staff ask for a ticket to come out of the kiosk's printer again; the kiosk claims the job,
// prints, and reports how it went. Every function holds the connection's mutex for its whole work.
#include <sqlite3.h>

#include "store/db_conn.hpp"
#include "store/service_db.hpp"
#include "store/service_schema.hpp"
#include "store/sql_rows.hpp"

namespace wk::store {

using db::Conn;
using db::Stmt;
using db::WriteTxn;
using service_sql::error_from;

namespace {

constexpr const char* kJobColumns =
    "j.id, j.ticket_id, t.code, j.created_at, j.expires_at, j.claimed_at, j.done_at, j.outcome";

PrintJob read_job(const Stmt& s, UnixMs now) {
  PrintJob j;
  j.id = s.int64(0);
  j.ticket_id = s.text(1);
  j.code = s.text(2);
  j.created_at = s.int64(3);
  j.expires_at = s.int64(4);
  // A kiosk's outcome stands even when it came after the expiry: the ticket did come out (or not).
  if (!s.is_null(6))
    j.status = s.text(7);
  else if (now >= j.expires_at)
    j.status = "expired";
  else if (!s.is_null(5))
    j.status = "printing";
  else
    j.status = "pending";
  return j;
}

Result<std::optional<PrintJob>> job_by_id(Conn* db, const std::string& location, std::int64_t id, UnixMs now,
                                          std::string_view fail) {
  Stmt s(db, (std::string("SELECT ") + kJobColumns +
              " FROM print_jobs j JOIN tickets t ON t.id = j.ticket_id WHERE j.id = ?1 AND j.location = ?2")
                 .c_str());
  return sql::one(
      s.bind(1, id).bind(2, location), [now](const Stmt& r) { return read_job(r, now); },
      service_sql::failing(db, fail));
}

}  // namespace

Result<std::optional<PrintJob>> ServiceDb::add_print_job(const std::string& location,
                                                         const std::string& ticket_id, UnixMs now,
                                                         UnixMs expires_at) {
  const Lease lease = lease_writer();
  Conn* const wdb = lease.db();
  const std::string fail = "the reprint could not be asked for";
  WriteTxn txn(wdb, location);
  if (const int rc = txn.begin(); rc != SQLITE_OK) return error_from(wdb, rc, fail);
  Stmt ins(
      wdb,
      "INSERT INTO print_jobs (location, ticket_id, device_id, created_at, expires_at) "
      "SELECT location, id, device_id, ?3, ?4 FROM tickets WHERE id = ?1 AND location = ?2 RETURNING id");
  const int rc = ins.bind(1, ticket_id).bind(2, location).bind(3, now).bind(4, expires_at).step();
  if (rc == SQLITE_DONE) return std::optional<PrintJob>();  // no such ticket here
  if (rc != SQLITE_ROW) return error_from(wdb, rc, fail);
  const std::int64_t id = ins.int64(0);
  // To its end: SQLite commits nothing while a statement is still in progress.
  if (const int drc = ins.step(); drc != SQLITE_DONE) return error_from(wdb, drc, fail);
  auto job = job_by_id(wdb, location, id, now, fail);
  if (!job) return job.error();
  if (const int crc = txn.commit(); crc != SQLITE_OK) return error_from(wdb, crc, fail);
  return job;
}

Result<std::optional<PrintJob>> ServiceDb::print_job(const std::string& location, std::int64_t id,
                                                     UnixMs now) {
  const Lease lease = lease_reader();
  Conn* const rdb = lease.db();
  return job_by_id(rdb, location, id, now, "the reprint cannot be looked up");
}

Result<std::vector<PrintJobTicket>> ServiceDb::claim_print_jobs(const std::string& location,
                                                                const std::string& device_id, UnixMs now,
                                                                UnixMs lease_ms, int limit) {
  const Lease lease = lease_writer();
  Conn* const wdb = lease.db();
  const std::string fail = "the reprints for this kiosk cannot be read";
  WriteTxn txn(wdb, location);
  if (const int rc = txn.begin(); rc != SQLITE_OK) return error_from(wdb, rc, fail);
  std::vector<PrintJobTicket> jobs;
  {
    Stmt s(
        wdb,
        "SELECT j.id, t.id, t.code, t.topic, t.language, t.created_at, t.public_token, t.local_day, t.number "
        "FROM print_jobs j JOIN tickets t ON t.id = j.ticket_id "
        "WHERE j.location = ?1 AND j.done_at IS NULL AND j.expires_at > ?3 "
        "AND (j.device_id IS NULL OR j.device_id = ?2) AND (j.claimed_at IS NULL OR j.claimed_at <= ?4) "
        "ORDER BY j.id LIMIT ?5");
    s.bind(1, location).bind(2, device_id).bind(3, now).bind(4, now - lease_ms).bind(5, std::int64_t{limit});
    auto claimed = sql::collect(
        s,
        [](const Stmt& r) {
          return PrintJobTicket{r.int64(0), sql::ticket_at(r, 1)};
        },
        service_sql::failing(wdb, fail));
    if (!claimed) return claimed.error();
    jobs = std::move(claimed).value();
  }
  for (const auto& j : jobs) {
    Stmt up(wdb, "UPDATE print_jobs SET claimed_by = ?2, claimed_at = ?3 WHERE id = ?1");
    if (const int rc = up.bind(1, j.job_id).bind(2, device_id).bind(3, now).step(); rc != SQLITE_DONE)
      return error_from(wdb, rc, fail);
  }
  if (const int crc = txn.commit(); crc != SQLITE_OK) return error_from(wdb, crc, fail);
  return jobs;
}

Result<std::int64_t> ServiceDb::latest_print_job_id(const std::string& location) {
  const Lease lease = lease_reader();
  Conn* const rdb = lease.db();
  Stmt s(rdb, "SELECT COALESCE(MAX(id), 0) FROM print_jobs WHERE location = ?1");
  return sql::single(s.bind(1, location), sql::first_int64,
                     service_sql::failing(rdb, "the reprints cannot be read"));
}

Result<bool> ServiceDb::finish_print_job(const std::string& location, const std::string& device_id,
                                         std::int64_t id, const std::string& outcome, UnixMs now) {
  const Lease lease = lease_writer();
  Conn* const wdb = lease.db();
  const std::string fail = "the outcome of the reprint could not be stored";
  WriteTxn txn(wdb, location);
  if (const int rc = txn.begin(); rc != SQLITE_OK) return error_from(wdb, rc, fail);
  {
    Stmt s(wdb, "SELECT 1 FROM print_jobs WHERE id = ?1 AND location = ?2 AND claimed_by = ?3");
    const int rc = s.bind(1, id).bind(2, location).bind(3, device_id).step();
    if (rc == SQLITE_DONE) return false;
    if (rc != SQLITE_ROW) return error_from(wdb, rc, fail);
  }
  Stmt up(wdb, "UPDATE print_jobs SET done_at = ?2, outcome = ?3 WHERE id = ?1 AND done_at IS NULL");
  if (const int rc = up.bind(1, id).bind(2, now).bind(3, outcome).step(); rc != SQLITE_DONE)
    return error_from(wdb, rc, fail);
  if (const int crc = txn.commit(); crc != SQLITE_OK) return error_from(wdb, crc, fail);
  return true;
}

}  // namespace wk::store
