#include "store/service_schema.hpp"

#include <string>

#include "store/outbox_sql.hpp"

namespace wk::store::service_sql {

const std::vector<const char*>& migrations() {
  // Times are UTC milliseconds. Tickets keep room for the counter issue: `status` grows a lifecycle there
  // (called, served, no_show) with its calls in a table of their own.
  static const std::vector<const char*> kMigrations = {
      R"sql(
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE locations (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  timezone    TEXT NOT NULL,
  config_json TEXT,
  config_etag TEXT,
  created_at  INTEGER NOT NULL
);
CREATE TABLE devices (
  id             TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  role           TEXT NOT NULL,
  location       TEXT NOT NULL,
  token_hash     TEXT NOT NULL UNIQUE,
  created_at     INTEGER NOT NULL,
  last_seen_at   INTEGER,
  heartbeat_json TEXT
);
CREATE TABLE tickets (
  id           TEXT PRIMARY KEY,
  location     TEXT NOT NULL REFERENCES locations(id),
  code         TEXT NOT NULL,
  topic        TEXT NOT NULL,
  language     TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  public_token TEXT NOT NULL UNIQUE,
  local_day    TEXT NOT NULL,
  number       INTEGER NOT NULL,
  body_hash    TEXT NOT NULL,
  status       TEXT NOT NULL DEFAULT 'waiting',
  received_at  INTEGER NOT NULL,
  UNIQUE (location, local_day, code)
);
CREATE INDEX tickets_queue ON tickets (location, topic, status, created_at);
)sql",
      // 2: the counter. A ticket keeps the time of each step of its life (waiting -> called ->
      // served | no_show, or transferred back to waiting) for wait and service times; every call,
      // recalls included, is a row of `calls`, whose seq is what displays long-poll on. Staff users log
      // in with a password (Argon2id, hashed by service/) and get a session whose token is kept hashed.
      // topic_stats holds the running average service time per topic behind the wait estimate.
      R"sql(
ALTER TABLE tickets ADD COLUMN desk INTEGER;
ALTER TABLE tickets ADD COLUMN called_at INTEGER;
ALTER TABLE tickets ADD COLUMN served_at INTEGER;
ALTER TABLE tickets ADD COLUMN no_show_at INTEGER;
ALTER TABLE tickets ADD COLUMN transferred_at INTEGER;
CREATE TABLE calls (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  location  TEXT NOT NULL REFERENCES locations(id),
  ticket_id TEXT NOT NULL REFERENCES tickets(id),
  code      TEXT NOT NULL,
  topic     TEXT NOT NULL,
  desk      INTEGER NOT NULL,
  called_at INTEGER NOT NULL,
  recall    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX calls_by_location ON calls (location, seq);
CREATE TABLE staff_users (
  location      TEXT NOT NULL REFERENCES locations(id),
  user          TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  PRIMARY KEY (location, user)
);
CREATE TABLE staff_sessions (
  token_hash TEXT PRIMARY KEY,
  location   TEXT NOT NULL,
  user       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE topic_stats (
  location       TEXT NOT NULL,
  topic          TEXT NOT NULL,
  avg_service_ms REAL NOT NULL,
  PRIMARY KEY (location, topic)
);
)sql",
      // 3: reprints from the counter. A ticket remembers the kiosk that issued it (NULL for older tickets
      // and for any kiosk's ticket sent before this version), so a reprint comes out of the printer the
      // resident took it from. A print job lives a short while: pending until a kiosk claims it (the claim
      // is a lease, so a kiosk that dies while printing lets another try), done with an outcome, or
      // expired when no kiosk answered in time (then the resident is long gone from the kiosk).
      R"sql(
ALTER TABLE tickets ADD COLUMN device_id TEXT;
CREATE TABLE print_jobs (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  location    TEXT NOT NULL REFERENCES locations(id),
  ticket_id   TEXT NOT NULL REFERENCES tickets(id),
  device_id   TEXT,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  claimed_by  TEXT,
  claimed_at  INTEGER,
  done_at     INTEGER,
  outcome     TEXT
);
CREATE INDEX print_jobs_open ON print_jobs (location, done_at, id);
)sql",
      // 4: the end of the day. A ticket still waiting or called when its location's day ends is closed as
      // expired, with the time it was closed; the index finds a location's open tickets of earlier days.
      R"sql(
ALTER TABLE tickets ADD COLUMN expired_at INTEGER;
CREATE INDEX tickets_by_day ON tickets (location, status, local_day);
)sql",
      // 5: access that can be taken back, and login limits that survive a restart. A revoked device's
      // token is refused from its next request on. Every login attempt is written down before its
      // password is checked (pending = 1), and stays as a failure unless it succeeds, so parallel
      // attempts cannot outrun the limit and a crash mid-check counts against the attacker.
      R"sql(
ALTER TABLE devices ADD COLUMN revoked_at INTEGER;
CREATE TABLE login_failures (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  user_key TEXT NOT NULL,
  address  TEXT NOT NULL,
  at       INTEGER NOT NULL,
  pending  INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX login_failures_by_user ON login_failures (user_key, address, at);
CREATE INDEX login_failures_by_address ON login_failures (address, at);
)sql",
      // 6: metrics that only go up. A ticket is counted under the topic it was issued for, which a
      // transfer does not change (tickets from before this version: their topic now, the best there is).
      R"sql(
ALTER TABLE tickets ADD COLUMN issued_topic TEXT;
UPDATE tickets SET issued_topic = topic;
)sql",
      // 7: no ticket is refused for its code. A code already held at the location that day (a kiosk that
      // lost its data folder, two kiosks on one slot) is stored all the same as that code's next twin: 0
      // for the first holder, 1, 2, ... after it. SQLite cannot drop the old UNIQUE (location, local_day,
      // code), so the table is rebuilt with every row and index (migrate() runs it with foreign keys off
      // and checks them before the commit). The partial index finds the rare twins for the fleet view and
      // /metrics without a scan.
      R"sql(
CREATE TABLE tickets_v7 (
  id             TEXT PRIMARY KEY,
  location       TEXT NOT NULL REFERENCES locations(id),
  code           TEXT NOT NULL,
  topic          TEXT NOT NULL,
  language       TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  public_token   TEXT NOT NULL UNIQUE,
  local_day      TEXT NOT NULL,
  number         INTEGER NOT NULL,
  body_hash      TEXT NOT NULL,
  status         TEXT NOT NULL DEFAULT 'waiting',
  received_at    INTEGER NOT NULL,
  desk           INTEGER,
  called_at      INTEGER,
  served_at      INTEGER,
  no_show_at     INTEGER,
  transferred_at INTEGER,
  device_id      TEXT,
  expired_at     INTEGER,
  issued_topic   TEXT,
  code_twin      INTEGER NOT NULL DEFAULT 0,
  UNIQUE (location, local_day, code, code_twin)
);
INSERT INTO tickets_v7 (id, location, code, topic, language, created_at, public_token, local_day, number,
  body_hash, status, received_at, desk, called_at, served_at, no_show_at, transferred_at, device_id,
  expired_at, issued_topic, code_twin)
SELECT id, location, code, topic, language, created_at, public_token, local_day, number, body_hash, status,
  received_at, desk, called_at, served_at, no_show_at, transferred_at, device_id, expired_at, issued_topic, 0
FROM tickets;
DROP TABLE tickets;
ALTER TABLE tickets_v7 RENAME TO tickets;
CREATE INDEX tickets_queue ON tickets (location, topic, status, created_at);
CREATE INDEX tickets_by_day ON tickets (location, status, local_day);
CREATE INDEX tickets_twins ON tickets (location, local_day, code) WHERE code_twin > 0;
)sql",
      // 8: volunteers' registrations (issue 13). What staff filter and count by is kept in clear: where,
      // when, the language, the interests and availability (JSON arrays), whether it was handled, and the
      // kiosk that sent it. The first name and the phone number or e-mail address are only ever stored
      // sealed (`personal`, libsodium secretbox under the service's volunteer.key), so the file alone
      // reveals no one. `body_mac` tells a retry from a conflict: a keyed hash of the body as sent, never a
      // plain one (a phone number has too few digits to hide behind SHA-256).
      R"sql(
CREATE TABLE volunteers (
  id           TEXT PRIMARY KEY,
  location     TEXT NOT NULL REFERENCES locations(id),
  device_id    TEXT,
  created_at   INTEGER NOT NULL,
  received_at  INTEGER NOT NULL,
  language     TEXT NOT NULL,
  interests    TEXT NOT NULL,
  availability TEXT NOT NULL,
  personal     TEXT NOT NULL,
  body_mac     TEXT NOT NULL,
  handled_at   INTEGER
);
CREATE INDEX volunteers_by_location ON volunteers (location, handled_at, created_at);
)sql",
      // 9: releases published for kiosks to update from (issue 14). A channel's current release is its
      // highest serial; rows are never changed, so a rollback is a new, higher serial. `files` is the
      // manifest's file list (JSON [{path, size, sha256}]) as checked at publish time, so a request for a
      // file is answered without reading the manifest again.
      R"sql(
CREATE TABLE releases (
  channel      TEXT NOT NULL,
  serial       INTEGER NOT NULL,
  version      TEXT NOT NULL,
  files        TEXT NOT NULL,
  published_at INTEGER NOT NULL,
  PRIMARY KEY (channel, serial)
);
)sql",
      // 10: joining from home and "bel mij terug" (issue 18). `remote` marks a ticket joined through
      // /join/{location} (its code "S-W03", a form no kiosk makes); `queue_at` is its place in line once
      // staff sent it back to wait ("later"), else created_at is. `remote_joins` holds the last hour's joins
      // for the caps: a keyed hash of the address, never the address. A call-back request keeps its phone
      // number sealed in `personal` (as a volunteer's registration does); past the retention `personal` and
      // `body_mac` are emptied and the row stays for the reports' counts.
      R"sql(
ALTER TABLE tickets ADD COLUMN remote INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN queue_at INTEGER;
CREATE TABLE remote_joins (
  location    TEXT NOT NULL,
  address_key TEXT NOT NULL,
  at          INTEGER NOT NULL
);
CREATE INDEX remote_joins_by_location ON remote_joins (location, at);
CREATE INDEX remote_joins_by_address ON remote_joins (location, address_key, at);
CREATE TABLE callbacks (
  id          TEXT PRIMARY KEY,
  location    TEXT NOT NULL REFERENCES locations(id),
  device_id   TEXT,
  created_at  INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  language    TEXT NOT NULL,
  topic       TEXT NOT NULL,
  part_of_day TEXT NOT NULL,
  personal    TEXT NOT NULL,
  body_mac    TEXT NOT NULL,
  taken_by    TEXT,
  taken_at    INTEGER,
  attempts    INTEGER NOT NULL DEFAULT 0,
  closed_at   INTEGER,
  outcome     TEXT
);
CREATE INDEX callbacks_by_location ON callbacks (location, closed_at, created_at);
)sql",
      // 11: the reports' first call of each ticket (store/service_reports.cpp) as one index search per
      // ticket; without it every report grouped all the location's calls of the year (issue 20's bench).
      R"sql(
CREATE INDEX calls_by_ticket ON calls (ticket_id, called_at);
)sql",
  };
  return kMigrations;
}

// Migrations current..end, each in its own transaction; foreign keys are the caller's.
static Result<void> migrate_from(sqlite3* db, std::size_t current, const std::vector<const char*>& all);

Result<void> migrate(sqlite3* db) {
  std::size_t current = 0;
  {  // finalized before any change: a statement left pending would keep a rebuilt table locked
    sql::Stmt version(db, "PRAGMA user_version");
    if (const int rc = version.step(); rc != SQLITE_ROW)
      return error_from(db, rc, "its schema version cannot be read");
    current = static_cast<std::size_t>(version.int64(0));
  }
  const auto& all = migrations();
  if (current > all.size())
    return make_error("db_too_new", "The database was made by a newer wijkqueue (schema " +
                                        std::to_string(current) + ", this one knows " +
                                        std::to_string(all.size()) + "): run the newer version.");
  if (current == all.size()) return Ok{};
  // SQLite's way to rebuild a table that others reference: foreign keys off (only possible outside a
  // transaction), the change, then a check of every reference before the commit; on again afterwards.
  bool fk_on = false;
  {  // finalized before the change: a pending statement is an open transaction, where the pragma is a no-op
    sql::Stmt fk_state(db, "PRAGMA foreign_keys");
    fk_on = fk_state.step() == SQLITE_ROW && fk_state.int64(0) != 0;
  }
  if (fk_on && sql::exec(db, "PRAGMA foreign_keys = OFF") != SQLITE_OK)
    return error_from(db, sqlite3_errcode(db), "its schema cannot be updated");
  auto migrated = migrate_from(db, current, all);
  if (fk_on && sql::exec(db, "PRAGMA foreign_keys = ON") != SQLITE_OK && migrated)
    return error_from(db, sqlite3_errcode(db), "its schema cannot be updated");
  return migrated;
}

static Result<void> migrate_from(sqlite3* db, std::size_t current, const std::vector<const char*>& all) {
  for (std::size_t i = current; i < all.size(); ++i) {
    sql::WriteTxn txn(db);
    if (const int rc = txn.begin(); rc != SQLITE_OK)
      return error_from(db, rc, "its schema cannot be updated");
    if (const int rc = sql::exec(db, all[i]); rc != SQLITE_OK)
      return error_from(db, rc, "its schema cannot be updated");
    {
      sql::Stmt check(db, "PRAGMA foreign_key_check");
      if (const int rc = check.step(); rc != SQLITE_DONE)
        return rc == SQLITE_ROW ? make_error("db_corrupt",
                                             "The database of the queue service has a row whose reference "
                                             "is broken (table " +
                                                 check.text(0) + "), so its schema cannot be updated.")
                                : error_from(db, rc, "its schema cannot be updated");
    }
    // PRAGMA takes no parameters; the value is our own integer, never input.
    const std::string set_version = "PRAGMA user_version = " + std::to_string(i + 1);
    if (const int rc = sql::exec(db, set_version.c_str()); rc != SQLITE_OK)
      return error_from(db, rc, "its schema cannot be updated");
    if (const int rc = txn.commit(); rc != SQLITE_OK)
      return error_from(db, rc, "its schema cannot be updated");
  }
  return Ok{};
}

// The same words for both backends: a PostgreSQL failure arrives as the SQLite code nearest to it.
static Error error_for(int rc, std::string detail, std::string_view consequence) {
  const std::string what = std::string(consequence);
  if (rc == db::kUnavailable)
    return make_error("db_unavailable",
                      "The database server of the queue service does not answer, so " + what +
                          ". Try again shortly; check that PostgreSQL runs and can be reached.",
                      detail);
  switch (rc & 0xff) {
    case SQLITE_FULL:
      return make_error("disk_full",
                        "The disk of the queue service is full, so " + what +
                            ". Free space on the disk that holds the database (wijkqueue.db, or PostgreSQL's "
                            "data directory).",
                        detail);
    case SQLITE_IOERR:
      return make_error("disk_error",
                        "The queue service could not read or write its disk, so " + what +
                            ". Check the disk that holds the database.",
                        detail);
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return make_error("db_readonly",
                        "The database of the queue service is read-only, so " + what +
                            ". Check the permissions of wijkqueue.db and its directory.",
                        detail);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return make_error("db_corrupt",
                        "The database of the queue service is damaged or not a wijkqueue database, so " +
                            what + ". Restore it from a backup.",
                        detail);
    case SQLITE_CANTOPEN:
      return make_error("db_cannot_open",
                        "The database of the queue service cannot be opened, so " + what +
                            ". Check that the directory exists and is writable.",
                        detail);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return make_error("db_busy",
                        "The database of the queue service stayed busy, so " + what + ". Try again.", detail);
    default:
      return make_error("db_error", "The database of the queue service failed, so " + what + ".", detail);
  }
}

Error error_from(sqlite3* db, int rc, std::string_view consequence) {
  std::string detail = "sqlite " + std::to_string(rc) + " (" + sqlite3_errstr(rc) + ")";
  if (db != nullptr && sqlite3_extended_errcode(db) == rc) detail += ": " + std::string(sqlite3_errmsg(db));
  return error_for(rc, std::move(detail), consequence);
}

Error error_from(db::Conn* db, int rc, std::string_view consequence) {
  return error_for(rc, db != nullptr ? db->message() : "code " + std::to_string(rc), consequence);
}

}  // namespace wk::store::service_sql
