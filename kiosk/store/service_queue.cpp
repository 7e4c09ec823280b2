// The counter's half of ServiceDb: staff users and sessions, the queue, calls and the ticket lifecycle.
// Every function holds the connection's mutex for its whole work, and every change is one write
// transaction, so two desks pressing "next" at once are served one after the other.
#include <sqlite3.h>

#include <algorithm>
#include <cmath>

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

// The last column says whether another ticket of the day holds the same code (found by the unique index
// on location, day, code, twin); every query reads FROM tickets without an alias for it.
constexpr const char* kQueueColumns =
    "id, code, topic, language, status, created_at, desk, called_at, local_day, EXISTS (SELECT 1 FROM "
    "tickets o WHERE o.location = tickets.location AND o.local_day = tickets.local_day AND o.code = "
    "tickets.code AND o.id <> tickets.id), remote";

// Where a waiting ticket stands in line: when it was issued, or when staff sent a ticket joined from home
// back to wait ("later").
constexpr const char* kPlaceInLine = "COALESCE(queue_at, created_at)";

// The wait estimate (also in docs/openapi.yaml): per topic an exponentially weighted average of service
// times (called_at -> served_at), each new one weighing alpha = 0.3 (in the SQL of change_ticket's
// "served"), 6 minutes before the first; a
// ticket at position p waits about p x that average / max(1, desks that called someone in the last
// 30 minutes). Rough on purpose: it tells a resident "about 20 minutes", not a promise.
constexpr double kDefaultServiceMs = 6 * 60 * 1000;
constexpr UnixMs kActiveDeskWindowMs = 30 * 60 * 1000;

QueueTicket read_queue_ticket(const Stmt& s) {
  QueueTicket t{s.text(0), s.text(1),  s.text(2),    s.text(3),    s.text(4),
                s.text(8), s.int64(5), std::nullopt, std::nullopt, s.int64(9) != 0, s.int64(10) != 0};
  if (!s.is_null(6)) t.desk = static_cast<int>(s.int64(6));
  if (!s.is_null(7)) t.called_at = s.int64(7);
  return t;
}

Result<double> avg_service_ms(Conn* db, const std::string& location, const std::string& topic) {
  Stmt s(db, "SELECT avg_service_ms FROM topic_stats WHERE location = ?1 AND topic = ?2");
  const int rc = s.bind(1, location).bind(2, topic).step();
  if (rc == SQLITE_DONE) return kDefaultServiceMs;
  if (rc != SQLITE_ROW) return error_from(db, rc, "the service times cannot be read");
  return static_cast<double>(s.int64(0));
}

Result<std::int64_t> active_desks(Conn* db, const std::string& location, UnixMs now) {
  Stmt s(db, "SELECT COUNT(DISTINCT desk) FROM calls WHERE location = ?1 AND called_at >= ?2");
  return sql::single(s.bind(1, location).bind(2, now - kActiveDeskWindowMs), sql::first_int64,
                     service_sql::failing(db, "the active desks cannot be counted"));
}

std::int64_t estimate_s(std::int64_t position, double avg_ms, std::int64_t desks) {
  return std::llround(static_cast<double>(position) * avg_ms / 1000.0 /
                      static_cast<double>(std::max<std::int64_t>(1, desks)));
}

Result<std::optional<QueueTicket>> load_ticket(Conn* db, const std::string& location, const std::string& id) {
  Stmt s(db,
         (std::string("SELECT ") + kQueueColumns + " FROM tickets WHERE id = ?1 AND location = ?2").c_str());
  return sql::one(s.bind(1, id).bind(2, location), read_queue_ticket,
                  service_sql::failing(db, "the ticket cannot be read"));
}

// Inside the caller's transaction: the ticket is (again) called to `desk`, and the call is recorded.
Result<std::int64_t> record_call(Conn* db, const std::string& location, QueueTicket& t, int desk, bool recall,
                                 UnixMs now) {
  const std::string fail = "the call could not be stored";
  if (!recall) {
    Stmt u(db, "UPDATE tickets SET status = 'called', desk = ?2, called_at = ?3 WHERE id = ?1");
    if (const int rc = u.bind(1, t.id).bind(2, std::int64_t{desk}).bind(3, now).step(); rc != SQLITE_DONE)
      return error_from(db, rc, fail);
    t.status = "called";
    t.desk = desk;
    t.called_at = now;
  }
  Stmt c(db,
         "INSERT INTO calls (location, ticket_id, code, topic, desk, called_at, recall) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING seq");
  const int rc = c.bind(1, location)
                     .bind(2, t.id)
                     .bind(3, t.code)
                     .bind(4, t.topic)
                     .bind(5, std::int64_t{desk})
                     .bind(6, now)
                     .bind(7, std::int64_t{recall ? 1 : 0})
                     .step();
  if (rc != SQLITE_ROW) return error_from(db, rc, fail);
  const std::int64_t seq = c.int64(0);
  // To its end: SQLite commits nothing while a statement is still in progress.
  if (const int drc = c.step(); drc != SQLITE_DONE) return error_from(db, drc, fail);
  return seq;
}

// Calls the first ticket `select` finds (its parameters bound by `bind`), in one write transaction.
template <typename Bind>
Result<std::optional<TicketChange>> call_first(Conn* db, const std::string& location, int desk,
                                               const std::string& select, Bind bind, UnixMs now) {
  const std::string fail = "the ticket could not be called";
  WriteTxn txn(db, location);
  if (const int rc = txn.begin(); rc != SQLITE_OK) return error_from(db, rc, fail);
  Stmt s(db, select.c_str());
  bind(s);
  auto found = sql::one(s, read_queue_ticket, service_sql::failing(db, fail));
  if (!found) return found.error();
  if (!found.value()) return std::optional<TicketChange>();
  TicketChange change{*found.value(), 0};
  auto seq = record_call(db, location, change.ticket, desk, false, now);
  if (!seq) return seq.error();
  change.call_seq = seq.value();
  if (const int crc = txn.commit(); crc != SQLITE_OK) return error_from(db, crc, fail);
  return std::optional<TicketChange>(std::move(change));
}

}  // namespace

Result<void> ServiceDb::add_staff_user(const std::string& location, const std::string& user,
                                       const std::string& password_hash, UnixMs now) {
  const Lease lease = lease_writer();
  Conn* const wdb = lease.db();
  {
    Stmt s(wdb, "SELECT 1 FROM locations WHERE id = ?1");
    const int rc = s.bind(1, location).step();
    if (rc == SQLITE_DONE)
      return make_error("unknown_location",
                        "There is no location '" + location + "'. Add it with 'wijkqueue location add'.");
    if (rc != SQLITE_ROW) return error_from(wdb, rc, "the staff user cannot be added");
  }
  Stmt s(wdb,
         "INSERT INTO staff_users (location, \"user\", password_hash, created_at) VALUES (?1, ?2, ?3, ?4)");
  const int rc = s.bind(1, location).bind(2, user).bind(3, password_hash).bind(4, now).step();
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    return make_error("staff_exists", "There is already a staff user '" + user + "' at " + location + ".");
  if (rc != SQLITE_DONE) return error_from(wdb, rc, "the staff user cannot be added");
  return Ok{};
}

Result<std::optional<std::string>> ServiceDb::staff_password_hash(const std::string& location,
                                                                  const std::string& user) {
  const Lease lease = lease_reader();
  Conn* const rdb = lease.db();
  Stmt s(rdb, "SELECT password_hash FROM staff_users WHERE location = ?1 AND \"user\" = ?2");
  return sql::one(s.bind(1, location).bind(2, user), sql::first_text,
                  service_sql::failing(rdb, "the staff user cannot be looked up"));
}

Result<void> ServiceDb::add_staff_session(const std::string& token_hash, const StaffSession& session,
                                          UnixMs now) {
  const Lease lease = lease_writer();
  Conn* const wdb = lease.db();
  const std::string fail = "the session cannot be stored";
  WriteTxn txn(wdb);
  if (const int rc = txn.begin(); rc != SQLITE_OK) return error_from(wdb, rc, fail);
  // Expired sessions are cleared here, at a login, so the table stays as small as the staff on duty.
  Stmt del(wdb, "DELETE FROM staff_sessions WHERE expires_at <= ?1");
  if (const int rc = del.bind(1, now).step(); rc != SQLITE_DONE) return error_from(wdb, rc, fail);
  Stmt s(wdb,
         "INSERT INTO staff_sessions (token_hash, location, \"user\", created_at, expires_at) "
         "VALUES (?1, ?2, ?3, ?4, ?5)");
  const int rc = s.bind(1, token_hash)
                     .bind(2, session.location)
                     .bind(3, session.user)
                     .bind(4, now)
                     .bind(5, session.expires_at)
                     .step();
  if (rc != SQLITE_DONE) return error_from(wdb, rc, fail);
  if (const int crc = txn.commit(); crc != SQLITE_OK) return error_from(wdb, crc, fail);
  return Ok{};
}

Result<std::optional<StaffSession>> ServiceDb::staff_session(const std::string& token_hash, UnixMs now) {
  const Lease lease = lease_reader();
  Conn* const rdb = lease.db();
  Stmt s(
      rdb,
      "SELECT location, \"user\", expires_at FROM staff_sessions WHERE token_hash = ?1 AND expires_at > ?2");
  return sql::one(
      s.bind(1, token_hash).bind(2, now),
      [](const Stmt& r) {
        return StaffSession{r.text(0), r.text(1), r.int64(2)};
      },
      service_sql::failing(rdb, "the session cannot be looked up"));
}

Result<QueueView> ServiceDb::queue(const std::string& location, const std::vector<std::string>& topics,
                                   const std::string& today, UnixMs now) {
  const Lease lease = lease_reader();
  Conn* const rdb = lease.db();
  const std::string fail = "the queue cannot be read";
  QueueView view;
  {
    Stmt s(rdb, (std::string("SELECT ") + kQueueColumns +
                 " FROM tickets WHERE location = ?1 AND local_day = ?2 AND status = 'waiting' ORDER BY " +
                 kPlaceInLine + ", id")
                    .c_str());
    auto waiting =
        sql::collect(s.bind(1, location).bind(2, today), read_queue_ticket, service_sql::failing(rdb, fail));
    if (!waiting) return waiting.error();
    view.waiting = std::move(waiting).value();
  }
  {
    Stmt s(
        rdb,
        (std::string("SELECT ") + kQueueColumns +
         " FROM tickets WHERE location = ?1 AND local_day = ?2 AND status = 'called' ORDER BY called_at, id")
            .c_str());
    auto called =
        sql::collect(s.bind(1, location).bind(2, today), read_queue_ticket, service_sql::failing(rdb, fail));
    if (!called) return called.error();
    view.called = std::move(called).value();
  }
  std::vector<std::string> order = topics;
  for (const auto& t : view.waiting)
    if (std::find(order.begin(), order.end(), t.topic) == order.end()) order.push_back(t.topic);
  auto desks = active_desks(rdb, location, now);
  if (!desks) return desks.error();
  for (const auto& topic : order) {
    TopicQueue q{topic, 0, 0, 0};
    for (const auto& t : view.waiting) {
      if (t.topic != topic) continue;
      if (q.waiting++ == 0) q.longest_wait_s = std::max<UnixMs>(0, now - t.created_at) / 1000;
    }
    auto avg = avg_service_ms(rdb, location, topic);
    if (!avg) return avg.error();
    q.estimated_wait_s = estimate_s(q.waiting, avg.value(), desks.value());
    view.topics.push_back(q);
  }
  return view;
}

Result<std::optional<TicketChange>> ServiceDb::call_next(const std::string& location, int desk,
                                                         const std::vector<std::string>& topics,
                                                         const std::string& today, UnixMs now) {
  const Lease lease = lease_writer();
  Conn* const wdb = lease.db();
  // Placeholders, one per topic (?3, ?4, ...): the topics themselves are always bound, never spliced.
  std::string select = std::string("SELECT ") + kQueueColumns +
                       " FROM tickets WHERE location = ?1 AND local_day = ?2 AND status = 'waiting'";
  if (!topics.empty()) {
    select += " AND topic IN (";
    for (std::size_t i = 0; i < topics.size(); ++i) select += (i == 0 ? "?" : ", ?") + std::to_string(i + 3);
    select += ")";
  }
  // created_at, not arrival: a ticket issued offline keeps its place. The id breaks a tie.
  select += std::string(" ORDER BY ") + kPlaceInLine + ", id LIMIT 1";
  return call_first(
      wdb, location, desk, select,
      [&](Stmt& s) {
        s.bind(1, location).bind(2, today);
        for (std::size_t i = 0; i < topics.size(); ++i) s.bind(static_cast<int>(i + 3), topics[i]);
      },
      now);
}

Result<std::optional<TicketChange>> ServiceDb::call_code(const std::string& location, int desk,
                                                         const std::string& code, const std::string& today,
                                                         UnixMs now) {
  const Lease lease = lease_writer();
  Conn* const wdb = lease.db();
  // Two tickets may share a code (a kiosk that lost its numbering): the first issued is called, as "next"
  // would, and the answer's issue time tells the display and the desk which one it is.
  const std::string select =
      std::string("SELECT ") + kQueueColumns +
      " FROM tickets WHERE location = ?1 AND code = ?2 AND local_day = ?3 AND status = 'waiting' ORDER BY " +
      kPlaceInLine + ", id LIMIT 1";
  return call_first(
      wdb, location, desk, select, [&](Stmt& s) { s.bind(1, location).bind(2, code).bind(3, today); }, now);
}

Result<std::optional<TicketChange>> ServiceDb::change_ticket(const std::string& location,
                                                             const std::string& id, TicketAction action,
                                                             const std::string& new_topic, UnixMs now) {
  const Lease lease = lease_writer();
  Conn* const wdb = lease.db();
  const std::string fail = "the ticket could not be changed";
  WriteTxn txn(wdb, location);
  if (const int rc = txn.begin(); rc != SQLITE_OK) return error_from(wdb, rc, fail);
  auto found = load_ticket(wdb, location, id);
  if (!found) return found.error();
  if (!found.value()) return std::optional<TicketChange>();
  TicketChange change{*found.value(), 0};
  QueueTicket& t = change.ticket;
  // Every step starts from "called": waiting -> called -> (recalled)* -> served | no_show | transferred.
  if (t.status != "called")
    return make_error("bad_transition", "The ticket " + t.code + " is " + t.status +
                                            ", not called, so this step does not apply to it.");
  int rc = SQLITE_DONE;
  switch (action) {
    case TicketAction::recall: {
      auto seq = record_call(wdb, location, t, t.desk.value_or(0), true, now);
      if (!seq) return seq.error();
      change.call_seq = seq.value();
      break;
    }
    case TicketAction::served: {
      Stmt u(wdb, "UPDATE tickets SET status = 'served', served_at = ?2 WHERE id = ?1");
      if ((rc = u.bind(1, t.id).bind(2, now).step()) != SQLITE_DONE) return error_from(wdb, rc, fail);
      const UnixMs took_ms = std::max<UnixMs>(0, now - t.called_at.value_or(now));
      // The running average of this topic's service times, alpha = 0.3: see estimate_s above.
      Stmt a(wdb,
             "INSERT INTO topic_stats (location, topic, avg_service_ms) VALUES (?1, ?2, ?3) "
             "ON CONFLICT (location, topic) DO UPDATE SET avg_service_ms = 0.3 * ?3 + 0.7 * "
             "topic_stats.avg_service_ms");
      if ((rc = a.bind(1, location).bind(2, t.topic).bind(3, took_ms).step()) != SQLITE_DONE)
        return error_from(wdb, rc, fail);
      t.status = "served";
      break;
    }
    case TicketAction::no_show: {
      Stmt u(wdb, "UPDATE tickets SET status = 'no_show', no_show_at = ?2 WHERE id = ?1");
      if ((rc = u.bind(1, t.id).bind(2, now).step()) != SQLITE_DONE) return error_from(wdb, rc, fail);
      t.status = "no_show";
      break;
    }
    case TicketAction::transfer: {
      // Back to waiting under the new topic with its created_at untouched: it keeps its place in line.
      Stmt u(wdb,
             "UPDATE tickets SET status = 'waiting', topic = ?2, desk = NULL, called_at = NULL, "
             "transferred_at = ?3 WHERE id = ?1");
      if ((rc = u.bind(1, t.id).bind(2, new_topic).bind(3, now).step()) != SQLITE_DONE)
        return error_from(wdb, rc, fail);
      t.status = "waiting";
      t.topic = new_topic;
      t.desk.reset();
      t.called_at.reset();
      break;
    }
    case TicketAction::later: {
      // Only a ticket joined from home: its resident may still be on the way. A kiosk's resident was
      // here, so not coming to the desk is a no-show.
      if (!t.remote)
        return make_error("not_remote", "The ticket " + t.code +
                                            " was taken at a kiosk, not joined from home; mark it a no-show.");
      Stmt u(wdb,
             "UPDATE tickets SET status = 'waiting', desk = NULL, called_at = NULL, queue_at = ?2 WHERE id = ?1");
      if ((rc = u.bind(1, t.id).bind(2, now).step()) != SQLITE_DONE) return error_from(wdb, rc, fail);
      t.status = "waiting";
      t.desk.reset();
      t.called_at.reset();
      break;
    }
  }
  if (const int crc = txn.commit(); crc != SQLITE_OK) return error_from(wdb, crc, fail);
  return std::optional<TicketChange>(std::move(change));
}

Result<std::int64_t> ServiceDb::close_days_before(const std::string& location, const std::string& today,
                                                  UnixMs now) {
  const Lease lease = lease_writer();
  Conn* const wdb = lease.db();
  const char* fail = "the tickets of an earlier day could not be closed";
  // Under the location's lock, as every step of a ticket is: a desk marking yesterday's ticket served
  // at midnight then finds it expired (or the day's end finds it served), never both.
  WriteTxn txn(wdb, location);
  if (const int rc = txn.begin(); rc != SQLITE_OK) return error_from(wdb, rc, fail);
  Stmt s(
      wdb,
      "UPDATE tickets SET status = 'expired', expired_at = ?3 WHERE location = ?1 AND status IN ('waiting', "
      "'called') AND local_day < ?2");
  const int rc = s.bind(1, location).bind(2, today).bind(3, now).step();
  if (rc != SQLITE_DONE) return error_from(wdb, rc, fail);
  const auto closed = static_cast<std::int64_t>(wdb->changes());
  if (const int crc = txn.commit(); crc != SQLITE_OK) return error_from(wdb, crc, fail);
  return closed;
}

Result<std::vector<CallRow>> ServiceDb::calls(const std::string& location, std::optional<std::int64_t> after,
                                              int limit) {
  const Lease lease = lease_reader();
  Conn* const rdb = lease.db();
  // Without `after` the newest calls are wanted (a display that just started), still oldest first.
  // With the called ticket's issue time and whether its code is shared: the display tells two holders of
  // one code apart by it.
  const std::string columns =
      "c.seq AS seq, c.code, c.desk, c.called_at, c.recall, t.created_at, EXISTS (SELECT 1 FROM tickets o "
      "WHERE "
      "o.location = t.location AND o.local_day = t.local_day AND o.code = t.code AND o.id <> t.id)";
  const std::string sql =
      after ? "SELECT " + columns +
                  " FROM calls c JOIN tickets t ON t.id = c.ticket_id WHERE c.location = ?1 AND c.seq > ?2 "
                  "ORDER BY c.seq LIMIT ?3"
            : "SELECT * FROM (SELECT " + columns +
                  " FROM calls c JOIN tickets t ON t.id = c.ticket_id WHERE c.location = ?1 ORDER BY c.seq "
                  "DESC LIMIT ?3) AS latest ORDER BY seq";
  Stmt s(rdb, sql.c_str());
  s.bind(1, location).bind(3, std::int64_t{limit});
  if (after) s.bind(2, *after);
  return sql::collect(
      s,
      [](const Stmt& r) {
        return CallRow{r.int64(0), r.text(1),      static_cast<int>(r.int64(2)), r.int64(3), r.int64(4) != 0,
                       r.int64(5), r.int64(6) != 0};
      },
      service_sql::failing(rdb, "the calls cannot be read"));
}

Result<std::int64_t> ServiceDb::latest_call_seq(const std::string& location) {
  const Lease lease = lease_reader();
  Conn* const rdb = lease.db();
  Stmt s(rdb, "SELECT COALESCE(MAX(seq), 0) FROM calls WHERE location = ?1");
  return sql::single(s.bind(1, location), sql::first_int64,
                     service_sql::failing(rdb, "the calls cannot be read"));
}

namespace {

// The rows of a counting SELECT of location, topic, COUNT(*) (and then the outcome, when there is one).
Result<std::vector<TicketCount>> read_counts(Conn* db, const char* sql, bool with_outcome,
                                             std::string_view what) {
  Stmt s(db, sql);
  return sql::collect(
      s,
      [with_outcome](const Stmt& r) {
        return TicketCount{r.text(0), r.text(1), r.int64(2), with_outcome ? r.text(3) : std::string()};
      },
      service_sql::failing(db, what));
}

}  // namespace

Result<std::vector<TicketCount>> ServiceDb::ticket_counts() {
  const Lease lease = lease_reader();
  return read_counts(lease.db(),
                     "SELECT location, issued_topic, COUNT(*) FROM tickets GROUP BY location, issued_topic "
                     "ORDER BY location, issued_topic",
                     false, "the tickets cannot be counted");
}

Result<std::vector<TicketCount>> ServiceDb::called_counts() {
  const Lease lease = lease_reader();
  return read_counts(lease.db(),
                     "SELECT location, topic, COUNT(*) FROM calls WHERE recall = 0 GROUP BY location, topic "
                     "ORDER BY location, topic",
                     false, "the calls cannot be counted");
}

Result<std::vector<TicketCount>> ServiceDb::closed_counts() {
  const Lease lease = lease_reader();
  return read_counts(
      lease.db(),
      "SELECT location, topic, COUNT(*), status FROM tickets WHERE status IN ('served', "
      "'no_show', 'expired') GROUP BY location, topic, status ORDER BY location, topic, status",
      true, "the closed tickets cannot be counted");
}

namespace {

// One row per location and topic of `durations` (a SELECT of location, topic, d_ms), counted into buckets
// in SQL: only the counts cross into C++, however many tickets there were.
Result<std::vector<DurationHistogram>> histograms(Conn* db, const char* durations,
                                                  const std::vector<double>& bounds_s) {
  std::string sql = "SELECT location, topic, COUNT(*), COALESCE(SUM(d_ms), 0)";
  for (std::size_t i = 0; i < bounds_s.size(); ++i)
    sql += ", SUM(CASE WHEN d_ms <= ?" + std::to_string(i + 1) + " THEN 1 ELSE 0 END)";
  sql +=
      std::string(" FROM (") + durations + ") AS durations GROUP BY location, topic ORDER BY location, topic";
  Stmt s(db, sql.c_str());
  for (std::size_t i = 0; i < bounds_s.size(); ++i)
    s.bind(static_cast<int>(i + 1), static_cast<std::int64_t>(bounds_s[i] * 1000));
  return sql::collect(
      s,
      [&bounds_s](const Stmt& r) {
        DurationHistogram h{r.text(0), r.text(1), {}, r.int64(2), static_cast<double>(r.int64(3)) / 1000.0};
        for (std::size_t i = 0; i < bounds_s.size(); ++i)
          h.at_or_below.push_back(r.int64(static_cast<int>(i + 4)));
        return h;
      },
      service_sql::failing(db, "the durations cannot be counted"));
}

}  // namespace

Result<std::vector<DurationHistogram>> ServiceDb::wait_histograms(const std::vector<double>& bounds_s) {
  const Lease lease = lease_reader();
  return histograms(lease.db(),
                    "SELECT c.location AS location, c.topic AS topic, CASE WHEN c.called_at > t.created_at "
                    "THEN c.called_at - t.created_at ELSE 0 END AS d_ms "
                    "FROM calls c JOIN tickets t ON t.id = c.ticket_id WHERE c.recall = 0",
                    bounds_s);
}

Result<std::vector<DurationHistogram>> ServiceDb::desk_histograms(const std::vector<double>& bounds_s) {
  const Lease lease = lease_reader();
  return histograms(lease.db(),
                    "SELECT location, topic, CASE WHEN served_at > called_at THEN served_at - called_at ELSE "
                    "0 END AS d_ms FROM tickets WHERE status = "
                    "'served' AND served_at IS NOT NULL AND called_at IS NOT NULL",
                    bounds_s);
}

Result<std::optional<PublicTicket>> ServiceDb::public_ticket(const std::string& public_token, UnixMs now) {
  const Lease lease = lease_reader();
  Conn* const rdb = lease.db();
  Stmt s(
      rdb,
      "SELECT location, topic, code, status, created_at, id, local_day, language, desk, EXISTS (SELECT 1 "
      "FROM tickets o WHERE o.location = tickets.location AND o.local_day = tickets.local_day AND o.code = "
      "tickets.code AND o.id <> tickets.id), remote, COALESCE(queue_at, created_at) FROM tickets WHERE "
      "public_token = ?1");
  int rc = s.bind(1, public_token).step();
  if (rc == SQLITE_DONE) return std::optional<PublicTicket>();
  if (rc != SQLITE_ROW) return error_from(rdb, rc, "the ticket cannot be read");
  PublicTicket p{s.text(2), s.text(1), s.text(3),       0,         s.text(7), std::nullopt, std::nullopt,
                 s.text(0), s.text(6), s.int64(9) != 0, s.int64(4)};
  if (!s.is_null(8)) p.desk = static_cast<int>(s.int64(8));
  p.remote = s.int64(10) != 0;
  if (p.status != "waiting") return std::optional<PublicTicket>(std::move(p));
  // Those ahead: waiting tickets of the same queue (location, topic, day) earlier in line; the id breaks
  // a tie so that two tickets of one millisecond still get different places.
  Stmt ahead(rdb, std::string("SELECT COUNT(*) FROM tickets WHERE location = ?1 AND topic = ?2 AND local_day = "
                              "?3 AND status = 'waiting' AND (") +
                      kPlaceInLine + " < ?4 OR (" + kPlaceInLine + " = ?4 AND id < ?5))");
  rc = ahead.bind(1, s.text(0))
           .bind(2, s.text(1))
           .bind(3, s.text(6))
           .bind(4, s.int64(11))
           .bind(5, s.text(5))
           .step();
  if (rc != SQLITE_ROW) return error_from(rdb, rc, "the place in the queue cannot be counted");
  p.position = static_cast<int>(ahead.int64(0)) + 1;
  auto avg = avg_service_ms(rdb, s.text(0), p.topic);
  if (!avg) return avg.error();
  auto desks = active_desks(rdb, s.text(0), now);
  if (!desks) return desks.error();
  p.estimated_wait_s = estimate_s(p.position, avg.value(), desks.value());
  return std::optional<PublicTicket>(std::move(p));
}

}  // namespace wk::store
