#include "store/outbox.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <limits>

#include "store/outbox_sql.hpp"
#include "store/sql_rows.hpp"

namespace wk::store {
namespace {

constexpr std::string_view kNotStored = "no ticket could be stored";
constexpr std::string_view kNotRead = "the kiosk could not read its list of unsent tickets";
constexpr std::string_view kNotUpdated = "the kiosk could not record what it sent";
constexpr std::string_view kNotPruned = "the kiosk could not clear old tickets from its disk";

#define LEDGER_COLUMNS "id, code, topic, language, created_at, public_token, local_day, number"

// One ledger row, read from the columns LEDGER_COLUMNS names, in that order.
Ticket ticket_of(const sql::Stmt& stmt) {
  return sql::ticket_at(stmt, 0);
}

// A volunteer's registration and a call-back request are the rows whose body is sealed
// (store/sealed_box.hpp); they are deleted, not kept as sent, once the service has them. Told by their
// path, so no column makes every row longer.
constexpr std::string_view kVolunteersPath = "/v1/volunteers";
constexpr std::string_view kCallbacksPath = "/v1/callbacks";

// Every read of the outbox fails in the same words.
auto not_read(sqlite3* db) {
  return [db](int rc) { return sql::error_from(db, rc, kNotRead); };
}

// Schema migrations, in order: migration i takes the file from user_version i to i + 1. Never edit one
// that has shipped; add the next. NOT NULL and CHECK constraints make a half-filled row impossible.
constexpr std::array<const char*, 1> kMigrations = {
    R"sql(
CREATE TABLE ledger (
  id           TEXT PRIMARY KEY NOT NULL,
  code         TEXT NOT NULL,
  topic        TEXT NOT NULL,
  language     TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  public_token TEXT NOT NULL,
  local_day    TEXT NOT NULL,
  number       INTEGER NOT NULL CHECK (number > 0)
);
CREATE INDEX ledger_by_day ON ledger (local_day);
CREATE TABLE outbox (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  id         TEXT NOT NULL UNIQUE,
  path       TEXT NOT NULL,
  body       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  state      TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'parked')),
  reason     TEXT,
  attempts   INTEGER NOT NULL DEFAULT 0,
  sent_at    INTEGER
);
CREATE INDEX outbox_by_state ON outbox (state, seq);
)sql",
};

Result<void> migrate(sqlite3* db) {
  // The UI thread and the sync worker may open a fresh file at the same moment: the version is read
  // inside the write transaction, so only one of them runs each migration.
  sql::WriteTxn txn(db);
  if (int rc = txn.begin(); rc != SQLITE_OK) return sql::error_from(db, rc, kNotStored);
  sql::Stmt version(db, "PRAGMA user_version");
  if (int rc = version.step(); rc != SQLITE_ROW) return sql::error_from(db, rc, kNotStored);
  const auto current = version.int64(0);
  if (current > static_cast<std::int64_t>(kMigrations.size()))
    return make_error("store_too_new",
                      "The kiosk's ticket store was written by a newer version of the app: no ticket could "
                      "be stored. Please ask a staff member.",
                      "user_version " + std::to_string(current));
  for (auto v = current; v < static_cast<std::int64_t>(kMigrations.size()); ++v) {
    if (int rc = sql::exec(db, kMigrations[static_cast<std::size_t>(v)]); rc != SQLITE_OK)
      return sql::error_from(db, rc, kNotStored);
    // PRAGMA takes no bound parameters; the value is our own integer, never outside input.
    const std::string set = "PRAGMA user_version = " + std::to_string(v + 1);
    if (int rc = sql::exec(db, set.c_str()); rc != SQLITE_OK) return sql::error_from(db, rc, kNotStored);
  }
  if (int rc = txn.commit(); rc != SQLITE_OK) return sql::error_from(db, rc, kNotStored);
  return Ok{};
}

Result<void> configure(sqlite3* db, const OutboxOptions& options) {
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  {
    sql::Stmt wal(db, "PRAGMA journal_mode = WAL");
    if (int rc = wal.step(); rc != SQLITE_ROW) return sql::error_from(db, rc, kNotStored);
    if (wal.text(0) != "wal")
      return make_error(
          "store_error",
          "The kiosk's disk does not support safe storage of tickets. Please ask a staff member.",
          "journal_mode is " + wal.text(0) + ", not wal");
  }
  // A deleted row's bytes are overwritten, not left in free pages: a volunteer's sealed details leave the
  // file once the service has them.
  if (int rc = sql::exec(db, "PRAGMA secure_delete = ON"); rc != SQLITE_OK)
    return sql::error_from(db, rc, kNotStored);
  // FULL: in WAL mode every commit is fsynced, so a committed append survives a power cut.
  if (int rc = sql::exec(db, "PRAGMA synchronous = FULL"); rc != SQLITE_OK)
    return sql::error_from(db, rc, kNotStored);
  // After a checkpoint the WAL is cut back to this size instead of staying as large as it ever grew.
  {
    sql::Stmt limit(db, "PRAGMA journal_size_limit = 1048576");
    if (int rc = limit.step(); rc != SQLITE_ROW) return sql::error_from(db, rc, kNotStored);
  }
  if (options.max_size_bytes > 0) {
    sql::Stmt page(db, "PRAGMA page_size");
    if (int rc = page.step(); rc != SQLITE_ROW) return sql::error_from(db, rc, kNotStored);
    const auto pages =
        std::max<std::int64_t>(1, options.max_size_bytes / std::max<std::int64_t>(1, page.int64(0)));
    const std::string set = "PRAGMA max_page_count = " + std::to_string(pages);
    sql::Stmt limit(db, set.c_str());
    if (int rc = limit.step(); rc != SQLITE_ROW) return sql::error_from(db, rc, kNotStored);
  }
  return migrate(db);
}

Result<void> expect_done(sqlite3* db, int rc, std::string_view consequence) {
  if (rc == SQLITE_DONE) return Ok{};
  return sql::error_from(db, rc, consequence);
}

// An UPDATE of one row by seq: a seq that does not exist is a bug of the caller, said as such.
Result<void> update_one(sqlite3* db, sql::Stmt& stmt, std::int64_t seq) {
  if (auto r = expect_done(db, stmt.step(), kNotUpdated); !r) return r;
  if (sqlite3_changes(db) == 0)
    return make_error("outbox_row_missing", "The outbox has no row " + std::to_string(seq) + ".");
  return Ok{};
}

}  // namespace

Result<std::unique_ptr<Outbox>> Outbox::open(const std::string& path, const OutboxOptions& options) {
  sqlite3* db = nullptr;
  // NOMUTEX: one Outbox per thread, so SQLite's own locking of the connection is not needed.
  const int rc = sqlite3_open_v2(path.c_str(), &db,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  std::unique_ptr<Outbox> outbox(new Outbox(db));  // closes db on every path below
  if (rc != SQLITE_OK) {
    auto e = sql::error_from(db, rc, kNotStored);
    e.detail += " [" + path + "]";
    return e;
  }
  if (auto r = configure(db, options); !r) {
    auto e = r.error();
    e.detail += " [" + path + "]";
    return e;
  }
  return outbox;
}

Outbox::~Outbox() {
  sqlite3_close_v2(db_);
}

Result<void> Outbox::append_ticket(const Ticket& ticket) {
  const std::string body = ticket_to_json(ticket).dump();
  sql::WriteTxn txn(db_);
  if (int rc = txn.begin(); rc != SQLITE_OK) return sql::error_from(db_, rc, kNotStored);
  {
    sql::Stmt ledger(
        db_,
        "INSERT INTO ledger (id, code, topic, language, created_at, public_token, local_day, number) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    ledger.bind(1, ticket.id).bind(2, ticket.code).bind(3, ticket.topic).bind(4, ticket.language);
    ledger.bind(5, std::int64_t{ticket.created_at}).bind(6, ticket.public_token).bind(7, ticket.local_day);
    ledger.bind(8, std::int64_t{ticket.number});
    if (auto r = expect_done(db_, ledger.step(), kNotStored); !r) return r;
  }
  {
    sql::Stmt outbox(db_, "INSERT INTO outbox (id, path, body, created_at) VALUES (?1, ?2, ?3, ?4)");
    outbox.bind(1, ticket.id).bind(2, std::string_view("/v1/tickets")).bind(3, body);
    outbox.bind(4, std::int64_t{ticket.created_at});
    if (auto r = expect_done(db_, outbox.step(), kNotStored); !r) return r;
  }
  if (int rc = txn.commit(); rc != SQLITE_OK) return sql::error_from(db_, rc, kNotStored);
  return Ok{};
}

Result<std::vector<OutboxRow>> Outbox::pending(int limit) {
  sql::Stmt stmt(db_,
                 "SELECT seq, id, path, body, created_at, attempts, path IN (?2, ?3) FROM outbox "
                 "WHERE state = 'pending' ORDER BY seq LIMIT ?1");
  stmt.bind(1, std::int64_t{limit}).bind(2, kVolunteersPath).bind(3, kCallbacksPath);
  return sql::collect(
      stmt,
      [](const sql::Stmt& s) {
        return OutboxRow{s.int64(0),     s.text(1),  s.text(2),
                         s.text(3),      s.int64(4), static_cast<int>(s.int64(5)),
                         s.int64(6) != 0};
      },
      not_read(db_));
}

Result<void> Outbox::append_volunteer(const VolunteerRegistration& registration, const SealedBox& box) {
  return append_sealed(registration.id, kVolunteersPath, box.seal(volunteer_to_json(registration).dump()),
                       registration.created_at);
}

Result<void> Outbox::append_callback(const CallbackRequest& request, const SealedBox& box) {
  // Sealed in memory: no byte of the number reaches the file or its WAL in the clear.
  return append_sealed(request.id, kCallbacksPath, box.seal(callback_to_json(request).dump()),
                       request.created_at);
}

Result<void> Outbox::append_sealed(const std::string& id, std::string_view path, const std::string& sealed,
                                   UnixMs created_at) {
  sql::Stmt outbox(db_, "INSERT INTO outbox (id, path, body, created_at) VALUES (?1, ?2, ?3, ?4)");
  outbox.bind(1, id).bind(2, path).bind(3, sealed);
  outbox.bind(4, std::int64_t{created_at});
  return expect_done(db_, outbox.step(), kNotStored);
}

Result<void> Outbox::mark_sent(std::int64_t seq, UnixMs now) {
  return mark_sent(std::vector<std::int64_t>{seq}, now);
}

Result<void> Outbox::mark_sent(const std::vector<std::int64_t>& seqs, UnixMs now) {
  if (seqs.empty()) return Ok{};
  bool forgot = false;
  {
    // One commit (one fsync) for all of them: a drain after an outage marks a batch at a time.
    sql::WriteTxn txn(db_);
    if (const int rc = txn.begin(); rc != SQLITE_OK) return sql::error_from(db_, rc, kNotUpdated);
    sql::Stmt keep(db_,
                   "UPDATE outbox SET state = 'sent', sent_at = ?1, reason = NULL, attempts = attempts + 1 "
                   "WHERE seq = ?2 AND path NOT IN (?3, ?4)");
    sql::Stmt forget(db_, "DELETE FROM outbox WHERE seq = ?1 AND path IN (?2, ?3)");
    for (const std::int64_t seq : seqs) {
      keep.reset().bind(1, std::int64_t{now}).bind(2, seq).bind(3, kVolunteersPath).bind(4, kCallbacksPath);
      if (auto r = expect_done(db_, keep.step(), kNotUpdated); !r) return r;
      if (sqlite3_changes(db_) == 1) continue;
      // A sealed row goes at once, and so do the old page images of it in the WAL (below).
      forget.reset().bind(1, seq).bind(2, kVolunteersPath).bind(3, kCallbacksPath);
      if (auto r = update_one(db_, forget, seq); !r) return r;
      forgot = true;
    }
    if (const int rc = txn.commit(); rc != SQLITE_OK) return sql::error_from(db_, rc, kNotUpdated);
  }
  if (forgot) {
    if (auto emptied = checkpoint(); !emptied)
      std::fprintf(stderr, "wijkkiosk: %s\n", to_string(emptied.error()).c_str());
  }
  return Ok{};
}

Result<void> Outbox::park(std::int64_t seq, const std::string& reason) {
  sql::Stmt stmt(db_,
                 "UPDATE outbox SET state = 'parked', reason = ?1, attempts = attempts + 1 WHERE seq = ?2");
  stmt.bind(1, reason).bind(2, seq);
  return update_one(db_, stmt, seq);
}

Result<void> Outbox::count_attempt(std::int64_t seq) {
  sql::Stmt stmt(db_, "UPDATE outbox SET attempts = attempts + 1 WHERE seq = ?1");
  stmt.bind(1, seq);
  return update_one(db_, stmt, seq);
}

Result<OutboxStats> Outbox::stats() {
  // One read transaction, so the counts and times belong to the same moment.
  sql::Stmt stmt(db_,
                 "SELECT (SELECT count(*) FROM outbox WHERE state = 'pending'),"
                 "       (SELECT count(*) FROM outbox WHERE state = 'sent'),"
                 "       (SELECT count(*) FROM outbox WHERE state = 'parked'),"
                 "       (SELECT min(created_at) FROM outbox WHERE state = 'pending'),"
                 "       (SELECT max(sent_at) FROM outbox WHERE state = 'sent')");
  if (int rc = stmt.step(); rc != SQLITE_ROW) return sql::error_from(db_, rc, kNotRead);
  OutboxStats s;
  s.pending = stmt.int64(0);
  s.sent = stmt.int64(1);
  s.parked = stmt.int64(2);
  if (!stmt.is_null(3)) s.oldest_pending_created_at = stmt.int64(3);
  if (!stmt.is_null(4)) s.last_sent_at = stmt.int64(4);
  return s;
}

Result<std::vector<ParkedRow>> Outbox::parked() {
  sql::Stmt stmt(db_, "SELECT seq, id, path, reason FROM outbox WHERE state = 'parked' ORDER BY seq");
  return sql::collect(
      stmt,
      [](const sql::Stmt& s) {
        return ParkedRow{s.int64(0), s.text(1), s.text(2), s.text(3)};
      },
      not_read(db_));
}

Result<std::map<char, int>> Outbox::last_numbers(const std::string& local_day,
                                                 std::optional<UnixMs> stamped_after) {
  sql::Stmt stmt(db_,
                 "SELECT substr(code, 1, 1), max(number) FROM ledger WHERE local_day = ?1 OR created_at > ?2 "
                 "GROUP BY substr(code, 1, 1)");
  stmt.bind(1, local_day).bind(2, std::int64_t{stamped_after.value_or(std::numeric_limits<UnixMs>::max())});
  return sql::gather(stmt, std::map<char, int>(), sql::add_highest, not_read(db_));
}

Result<std::optional<UnixMs>> Outbox::newest_created_at() {
  sql::Stmt stmt(db_, "SELECT max(created_at) FROM ledger");
  return sql::single(
      stmt,
      [](const sql::Stmt& s) { return s.is_null(0) ? std::nullopt : std::optional<UnixMs>(s.int64(0)); },
      not_read(db_));
}

Result<std::vector<Ticket>> Outbox::tickets() {
  sql::Stmt stmt(db_, "SELECT " LEDGER_COLUMNS " FROM ledger ORDER BY rowid");
  return sql::collect(stmt, ticket_of, not_read(db_));
}

Result<std::optional<Ticket>> Outbox::last_ticket() {
  sql::Stmt stmt(db_, "SELECT " LEDGER_COLUMNS " FROM ledger ORDER BY rowid DESC LIMIT 1");
  return sql::one(stmt, ticket_of, not_read(db_));
}

Result<Outbox::Pruned> Outbox::prune(UnixMs cutoff) {
  sql::WriteTxn txn(db_);
  if (int rc = txn.begin(); rc != SQLITE_OK) return sql::error_from(db_, rc, kNotPruned);
  Pruned pruned;
  {
    sql::Stmt rows(db_, "DELETE FROM outbox WHERE state = 'sent' AND created_at < ?1");
    rows.bind(1, std::int64_t{cutoff});
    if (auto r = expect_done(db_, rows.step(), kNotPruned); !r) return r.error();
    pruned.outbox_rows = sqlite3_changes(db_);
  }
  {
    // A ticket whose POST still waits or is parked keeps its ledger row; so do the newest ticket by stamp
    // (no later one is stamped earlier) and the last one written (the reprint).
    sql::Stmt rows(db_,
                   "DELETE FROM ledger WHERE created_at < ?1 AND id NOT IN (SELECT id FROM outbox) "
                   "AND rowid <> (SELECT max(rowid) FROM ledger) "
                   "AND created_at <> (SELECT max(created_at) FROM ledger)");
    rows.bind(1, std::int64_t{cutoff});
    if (auto r = expect_done(db_, rows.step(), kNotPruned); !r) return r.error();
    pruned.ledger_rows = sqlite3_changes(db_);
  }
  if (int rc = txn.commit(); rc != SQLITE_OK) return sql::error_from(db_, rc, kNotPruned);
  return pruned;
}

Result<void> Outbox::checkpoint() {
  // TRUNCATE waits (busy_timeout) for the other connection's readers and writers, then empties the WAL.
  sql::Stmt stmt(db_, "PRAGMA wal_checkpoint(TRUNCATE)");
  if (int rc = stmt.step(); rc != SQLITE_ROW) return sql::error_from(db_, rc, kNotPruned);
  if (stmt.int64(0) != 0)
    return make_error("store_busy", "The kiosk's ticket store was busy: its journal is emptied later.",
                      "wal_checkpoint(TRUNCATE) answered busy");
  return Ok{};
}

}  // namespace wk::store
