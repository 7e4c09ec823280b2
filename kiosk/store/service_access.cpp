// The access half of ServiceDb: login attempts counted before the password check, logout, and taking
// access back (a staff user removed or given a new password, a device revoked).
#include <sqlite3.h>

#include <algorithm>

#include "store/db_conn.hpp"
#include "store/service_db.hpp"
#include "store/service_schema.hpp"

namespace wk::store {

using db::Conn;
using db::Stmt;
using db::WriteTxn;
using service_sql::error_from;

namespace {

// Rows (count, and the newest or oldest `at`) of the failures matching `where`, bound to key and since.
struct FailureCount {
  std::int64_t count = 0;
  UnixMs edge = 0;
};

}  // namespace

Result<LoginReservation> ServiceDb::reserve_login(const std::string& user_key, const std::string& address,
                                                  UnixMs now, const LoginLimits& limits) {
  const Lease lease = lease_writer();
  Conn* const wdb = lease.db();
  const std::string fail = "the login attempt cannot be counted";
  WriteTxn txn(wdb, "logins");
  if (const int rc = txn.begin(); rc != SQLITE_OK) return error_from(wdb, rc, fail);
  const UnixMs forget_before = now - std::max(limits.user_window_ms, limits.address_window_ms);
  {
    Stmt del(wdb, "DELETE FROM login_failures WHERE at < ?1");
    if (const int rc = del.bind(1, forget_before).step(); rc != SQLITE_DONE) return error_from(wdb, rc, fail);
  }
  FailureCount mine, here;
  {
    Stmt s(wdb,
           "SELECT COUNT(*), COALESCE(MAX(at), 0) FROM login_failures WHERE user_key = ?1 AND address = ?2 "
           "AND at >= ?3");
    const int rc = s.bind(1, user_key).bind(2, address).bind(3, now - limits.user_window_ms).step();
    if (rc != SQLITE_ROW) return error_from(wdb, rc, fail);
    mine = {s.int64(0), s.int64(1)};
  }
  {
    Stmt s(wdb,
           "SELECT COUNT(*), COALESCE(MIN(at), 0) FROM (SELECT at FROM login_failures WHERE address = ?1 "
           "AND at >= ?2 ORDER BY at DESC LIMIT ?3) AS recent");
    const int rc = s.bind(1, address)
                       .bind(2, now - limits.address_window_ms)
                       .bind(3, std::int64_t{limits.max_address_failures})
                       .step();
    if (rc != SQLITE_ROW) return error_from(wdb, rc, fail);
    here = {s.int64(0), s.int64(1)};
  }
  UnixMs wait_ms = 0;
  // The address: the oldest of its last `max` failures must leave the window first.
  if (here.count >= limits.max_address_failures) wait_ms = here.edge + limits.address_window_ms - now;
  // This user from this address: a delay that doubles with every failure past the free ones.
  if (mine.count >= limits.free_failures) {
    const auto doublings = std::min<std::int64_t>(mine.count - limits.free_failures, 20);
    const UnixMs delay = std::min(limits.max_delay_ms, limits.first_delay_ms << doublings);
    wait_ms = std::max(wait_ms, mine.edge + delay - now);
  }
  if (wait_ms > 0) return LoginReservation{0, wait_ms};
  Stmt ins(wdb,
           "INSERT INTO login_failures (user_key, address, at, pending) VALUES (?1, ?2, ?3, 1) RETURNING id");
  if (const int rc = ins.bind(1, user_key).bind(2, address).bind(3, now).step(); rc != SQLITE_ROW)
    return error_from(wdb, rc, fail);
  const std::int64_t id = ins.int64(0);
  // To its end: SQLite commits nothing while a statement is still in progress.
  if (const int rc = ins.step(); rc != SQLITE_DONE) return error_from(wdb, rc, fail);
  if (const int crc = txn.commit(); crc != SQLITE_OK) return error_from(wdb, crc, fail);
  return LoginReservation{id, 0};
}

Result<void> ServiceDb::finish_login(std::int64_t id, bool ok) {
  const Lease lease = lease_writer();
  Conn* const wdb = lease.db();
  // A success forgets this user's failures from this address; a failure is kept, no longer pending.
  Stmt s(wdb, ok ? "DELETE FROM login_failures WHERE (user_key, address) IN (SELECT user_key, address FROM "
                   "login_failures WHERE id = ?1)"
                 : "UPDATE login_failures SET pending = 0 WHERE id = ?1");
  if (const int rc = s.bind(1, id).step(); rc != SQLITE_DONE)
    return error_from(wdb, rc, "the login attempt cannot be finished");
  return Ok{};
}

Result<void> ServiceDb::delete_staff_session(const std::string& token_hash) {
  const Lease lease = lease_writer();
  Conn* const wdb = lease.db();
  Stmt s(wdb, "DELETE FROM staff_sessions WHERE token_hash = ?1");
  if (const int rc = s.bind(1, token_hash).step(); rc != SQLITE_DONE)
    return error_from(wdb, rc, "the session cannot be ended");
  return Ok{};
}

namespace {

// Inside the caller's transaction: every session of the user ends.
int end_sessions(Conn* db, const std::string& location, const std::string& user) {
  Stmt s(db, "DELETE FROM staff_sessions WHERE location = ?1 AND \"user\" = ?2");
  return s.bind(1, location).bind(2, user).step();
}

}  // namespace

Result<bool> ServiceDb::remove_staff_user(const std::string& location, const std::string& user) {
  const Lease lease = lease_writer();
  Conn* const wdb = lease.db();
  const std::string fail = "the staff user cannot be removed";
  WriteTxn txn(wdb);
  if (const int rc = txn.begin(); rc != SQLITE_OK) return error_from(wdb, rc, fail);
  Stmt s(wdb, "DELETE FROM staff_users WHERE location = ?1 AND \"user\" = ?2");
  if (const int rc = s.bind(1, location).bind(2, user).step(); rc != SQLITE_DONE)
    return error_from(wdb, rc, fail);
  const bool removed = wdb->changes() > 0;
  if (const int rc = end_sessions(wdb, location, user); rc != SQLITE_DONE) return error_from(wdb, rc, fail);
  if (const int crc = txn.commit(); crc != SQLITE_OK) return error_from(wdb, crc, fail);
  return removed;
}

Result<bool> ServiceDb::set_staff_password(const std::string& location, const std::string& user,
                                           const std::string& password_hash) {
  const Lease lease = lease_writer();
  Conn* const wdb = lease.db();
  const std::string fail = "the password cannot be changed";
  WriteTxn txn(wdb);
  if (const int rc = txn.begin(); rc != SQLITE_OK) return error_from(wdb, rc, fail);
  Stmt s(wdb, "UPDATE staff_users SET password_hash = ?3 WHERE location = ?1 AND \"user\" = ?2");
  if (const int rc = s.bind(1, location).bind(2, user).bind(3, password_hash).step(); rc != SQLITE_DONE)
    return error_from(wdb, rc, fail);
  const bool changed = wdb->changes() > 0;
  if (const int rc = end_sessions(wdb, location, user); rc != SQLITE_DONE) return error_from(wdb, rc, fail);
  if (const int crc = txn.commit(); crc != SQLITE_OK) return error_from(wdb, crc, fail);
  return changed;
}

Result<bool> ServiceDb::revoke_device(const std::string& device_id, UnixMs now) {
  const Lease lease = lease_writer();
  Conn* const wdb = lease.db();
  Stmt s(wdb, "UPDATE devices SET revoked_at = ?2 WHERE id = ?1 AND role <> 'admin' AND revoked_at IS NULL");
  if (const int rc = s.bind(1, device_id).bind(2, now).step(); rc != SQLITE_DONE)
    return error_from(wdb, rc, "the device cannot be revoked");
  return wdb->changes() > 0;
}

}  // namespace wk::store
