// Call-back requests at the service ("bel mij terug"): stored once, listed for the location's staff,
// taken by one of them, closed, and past the location's retention stripped of their phone number. The
// number reaches this file sealed and leaves it sealed. Every change that drops a sealed number overwrites
// its bytes (secure_delete) and then empties the WAL, as a volunteer's delete does.
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

namespace {

constexpr const char* kCallbackColumns =
    "id, location, device_id, created_at, received_at, language, topic, part_of_day, personal, body_mac, "
    "taken_by, taken_at, attempts, closed_at, outcome";

CallbackRow read_callback(const Stmt& s) {
  CallbackRow c;
  c.id = s.text(0);
  c.location = s.text(1);
  if (!s.is_null(2)) c.device_id = s.text(2);
  c.created_at = s.int64(3);
  c.received_at = s.int64(4);
  c.language = s.text(5);
  c.topic = s.text(6);
  c.part_of_day = s.text(7);
  c.personal = s.text(8);
  c.body_mac = s.text(9);
  if (!s.is_null(10)) c.taken_by = s.text(10);
  if (!s.is_null(11)) c.taken_at = s.int64(11);
  c.attempts = static_cast<int>(s.int64(12));
  if (!s.is_null(13)) c.closed_at = s.int64(13);
  if (!s.is_null(14)) c.outcome = s.text(14);
  return c;
}

Result<std::optional<CallbackRow>> find(Conn* db, const std::string& id, std::string_view fail) {
  Stmt s(db, std::string("SELECT ") + kCallbackColumns + " FROM callbacks WHERE id = ?1");
  return sql::one(s.bind(1, id), read_callback, service_sql::failing(db, fail));
}

}  // namespace

Result<CallbackInsert> ServiceDb::insert_callback(const CallbackRow& c,
                                                  const std::optional<RemoteAdmission>& admission,
                                                  UnixMs now) {
  const Lease lease = lease_writer();
  Conn* const wdb = lease.db();
  const std::string fail = "the call-back request could not be stored";
  // One write transaction from the look-up to the insert: two retries can never both insert.
  WriteTxn txn(wdb, c.location);
  if (const int rc = txn.begin(); rc != SQLITE_OK) return error_from(wdb, rc, fail);
  auto found = find(wdb, c.id, fail);
  if (!found) return found.error();
  if (found.value()) {
    if (found.value()->location == c.location && found.value()->body_mac == c.body_mac)
      return CallbackInsert{VolunteerOutcome::retry, JoinRefusal::none, std::move(*found.value())};
    return make_error("id_conflict", "A call-back request with id " + c.id +
                                         " was already stored with other contents; a retry must send the "
                                         "same request, and a new one needs a new id.");
  }
  if (admission) {
    auto admitted = remote_sql::admit(wdb, c.location, *admission, now, false);
    if (!admitted) return admitted.error();
    if (admitted.value() != JoinRefusal::none) return CallbackInsert{VolunteerOutcome::created, admitted.value(), {}};
  }
  Stmt ins(wdb,
           "INSERT INTO callbacks (id, location, device_id, created_at, received_at, language, topic, "
           "part_of_day, personal, body_mac) VALUES (?1, ?2, NULLIF(?3, ''), ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  const int rc = ins.bind(1, c.id)
                     .bind(2, c.location)
                     .bind(3, c.device_id)
                     .bind(4, c.created_at)
                     .bind(5, c.received_at)
                     .bind(6, c.language)
                     .bind(7, c.topic)
                     .bind(8, c.part_of_day)
                     .bind(9, c.personal)
                     .bind(10, c.body_mac)
                     .step();
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    return make_error("id_conflict", "A call-back request with id " + c.id + " was stored for another location.");
  if (rc != SQLITE_DONE) return error_from(wdb, rc, fail);
  if (const int crc = txn.commit(); crc != SQLITE_OK) return error_from(wdb, crc, fail);
  return CallbackInsert{VolunteerOutcome::created, JoinRefusal::none, c};
}

Result<std::vector<CallbackRow>> ServiceDb::open_callbacks(const std::string& location) {
  const Lease lease = lease_reader();
  Conn* const rdb = lease.db();
  Stmt s(rdb, std::string("SELECT ") + kCallbackColumns +
                  " FROM callbacks WHERE location = ?1 AND closed_at IS NULL ORDER BY created_at, id");
  s.bind(1, location);
  return sql::collect(s, read_callback, service_sql::failing(rdb, "the call-back requests cannot be listed"));
}

Result<CallbackStep> ServiceDb::step_callback(const std::string& location, const std::string& id,
                                              const std::string& user, CallbackAction action, UnixMs now) {
  const Lease lease = lease_writer();
  Conn* const wdb = lease.db();
  const std::string fail = "the call-back request could not be changed";
  WriteTxn txn(wdb, location);
  if (const int rc = txn.begin(); rc != SQLITE_OK) return error_from(wdb, rc, fail);
  auto found = find(wdb, id, fail);
  if (!found) return found.error();
  CallbackStep step;
  if (!found.value()) return step;
  if (found.value()->location != location) {
    step.reach = VolunteerReach::elsewhere;
    return step;
  }
  step.reach = VolunteerReach::found;
  const CallbackRow& row = *found.value();
  if (row.closed_at) {
    step.closed = true;
    step.row = row;
    return step;
  }
  // Taken by someone else: only they call it and say how it went, so a resident is never called twice.
  if (!row.taken_by.empty() && row.taken_by != user) {
    step.taken_by_other = true;
    step.row = row;
    return step;
  }
  if (action != CallbackAction::take && row.taken_by.empty()) {
    step.taken_by_other = true;  // nobody took it: an outcome needs a call first
    step.row = row;
    return step;
  }
  int rc = SQLITE_DONE;
  switch (action) {
    case CallbackAction::take: {
      Stmt u(wdb, "UPDATE callbacks SET taken_by = ?2, taken_at = COALESCE(taken_at, ?3) WHERE id = ?1");
      rc = u.bind(1, id).bind(2, user).bind(3, now).step();
      break;
    }
    case CallbackAction::not_reached: {
      Stmt u(wdb, "UPDATE callbacks SET taken_by = NULL, taken_at = NULL, attempts = attempts + 1 WHERE id = ?1");
      rc = u.bind(1, id).step();
      break;
    }
    case CallbackAction::reached:
    case CallbackAction::done: {
      Stmt u(wdb, "UPDATE callbacks SET closed_at = ?2, outcome = ?3 WHERE id = ?1");
      rc = u.bind(1, id).bind(2, now).bind(3, std::string(action == CallbackAction::reached ? "reached" : "done")).step();
      break;
    }
  }
  if (rc != SQLITE_DONE) return error_from(wdb, rc, fail);
  auto after = find(wdb, id, fail);
  if (!after) return after.error();
  if (const int crc = txn.commit(); crc != SQLITE_OK) return error_from(wdb, crc, fail);
  step.row = std::move(after.value());
  return step;
}

Result<std::int64_t> ServiceDb::purge_callbacks(const std::string& location, UnixMs before, UnixMs now) {
  const Lease lease = lease_writer();
  Conn* const wdb = lease.db();
  std::int64_t changed = 0;
  {
    // The number goes; what reports count (topic, when, how it ended) stays.
    Stmt up(wdb,
            "UPDATE callbacks SET personal = '', body_mac = '', taken_by = NULL, closed_at = COALESCE(closed_at, "
            "?3), outcome = COALESCE(outcome, 'expired') WHERE location = ?1 AND created_at < ?2 AND personal "
            "<> ''");
    if (const int rc = up.bind(1, location).bind(2, before).bind(3, now).step(); rc != SQLITE_DONE)
      return error_from(wdb, rc, "the call-back requests past their retention could not be emptied");
    changed = wdb->changes();
  }
  if (changed > 0) empty_wal_or_say_why(wdb);
  return changed;
}

Result<std::vector<ReportCallback>> ServiceDb::report_callbacks(const std::string& location, UnixMs from_ms,
                                                                UnixMs to_ms) {
  const Lease lease = lease_reader();
  Conn* const rdb = lease.db();
  Stmt s(rdb,
         "SELECT topic, created_at, closed_at, COALESCE(outcome, '') FROM callbacks WHERE location = ?1 AND "
         "created_at >= ?2 AND created_at < ?3 ORDER BY created_at");
  s.bind(1, location).bind(2, from_ms).bind(3, to_ms);
  return sql::collect(
      s,
      [](const Stmt& r) {
        ReportCallback c{r.text(0), r.int64(1), std::nullopt, r.text(3)};
        if (!r.is_null(2)) c.closed_at = r.int64(2);
        return c;
      },
      service_sql::failing(rdb, "the call-back requests cannot be read for a report"));
}

}  // namespace wk::store
