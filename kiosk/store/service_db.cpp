#include "store/service_db.hpp"

#include <sqlite3.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <system_error>

#include "store/db_conn.hpp"
#include "store/outbox_sql.hpp"
#include "store/service_schema.hpp"
#include "store/sql_rows.hpp"

namespace wk::store {

using db::Conn;
using db::Stmt;
using db::WriteTxn;
using service_sql::error_from;

namespace {

constexpr const char* kTicketColumns =
    "id, code, topic, language, created_at, public_token, local_day, number, location, status, code_twin";

StoredTicket read_ticket(const Stmt& s) {
  return StoredTicket{sql::ticket_at(s, 0), s.text(8), s.text(9), static_cast<int>(s.int64(10))};
}

// The columns id, name, role, location, created_at, last_seen_at, in that order.
DeviceRow read_device(const Stmt& s) {
  DeviceRow d{s.text(0), s.text(1), s.text(2), s.text(3), s.int64(4), std::nullopt};
  if (!s.is_null(5)) d.last_seen_at = s.int64(5);
  return d;
}

// read_device's columns, then heartbeat_json, revoked_at.
FleetRow read_fleet_row(const Stmt& s) {
  FleetRow r;
  r.device = read_device(s);
  if (!s.is_null(6)) r.heartbeat_json = s.text(6);
  if (!s.is_null(7)) r.revoked_at = s.int64(7);
  return r;
}

// Reads of several request threads at once; more would only queue on the two cores of a small server.
constexpr int kReaders = 4;

bool is_constraint(int rc) {
  return (rc & 0xff) == SQLITE_CONSTRAINT;
}

}  // namespace

// The connections of one ServiceDb. SQLite: one writer under a mutex and read-only readers. PostgreSQL:
// one set of connections for reads and writes alike (the server does the locking).
class ServiceDb::Pool {
 public:
  Pool(db::Backend backend, std::unique_ptr<Conn> writer, std::vector<std::unique_ptr<Conn>> readers)
      : backend_(backend), writer_(std::move(writer)), all_(std::move(readers)) {
    for (const auto& c : all_) free_.push_back(c.get());
  }
  db::Backend backend() const { return backend_; }

  Conn* take(bool writer) {
    if (writer && writer_) {
      writer_mu_.lock();
      return writer_.get();
    }
    std::unique_lock lock(mu_);
    returned_.wait(lock, [this] { return !free_.empty(); });
    Conn* c = free_.back();
    free_.pop_back();
    lock.unlock();
    c->usable();  // a connection a restarted server dropped is made again here
    return c;
  }
  void give_back(Conn* c, bool writer) {
    if (writer && writer_) {
      writer_mu_.unlock();
      return;
    }
    {
      std::lock_guard lock(mu_);
      free_.push_back(c);
    }
    returned_.notify_one();
  }

 private:
  db::Backend backend_;
  std::unique_ptr<Conn> writer_;  // SQLite only (and not when opened read-only)
  std::mutex writer_mu_;
  std::vector<std::unique_ptr<Conn>> all_;
  std::mutex mu_;
  std::condition_variable returned_;
  std::vector<Conn*> free_;
};

ServiceDb::Lease::Lease(Pool& pool, Conn* conn, bool writer) : pool_(pool), conn_(conn), writer_(writer) {}

ServiceDb::Lease::~Lease() {
  pool_.give_back(conn_, writer_);
}

ServiceDb::Lease ServiceDb::lease_writer() {
  return Lease(*pool_, pool_->take(true), true);
}

ServiceDb::Lease ServiceDb::lease_reader() {
  return Lease(*pool_, pool_->take(false), false);
}

ServiceDb::ServiceDb(std::unique_ptr<Pool> pool, std::string path, std::optional<PostgresTarget> target)
    : pool_(std::move(pool)), path_(std::move(path)), target_(std::move(target)) {}

ServiceDb::~ServiceDb() = default;

bool ServiceDb::is_postgres() const {
  return pool_->backend() == db::Backend::postgres;
}

namespace {

// WAL lets readers go on while a ticket commits; synchronous=FULL makes a commit survive a power cut.
// secure_delete: a deleted row's bytes are overwritten, not left in free pages, so a volunteer who asks
// to be forgotten (or whose retention ends) is gone from the file, not just from its queries.
Result<void> configure_and_migrate(sqlite3* db) {
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, 5000);  // the CLI may write while the server runs
  for (const char* pragma : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL",
                             "PRAGMA foreign_keys = ON", "PRAGMA secure_delete = ON"}) {
    if (const int rc = sql::exec(db, pragma); rc != SQLITE_OK)
      return error_from(db, rc, "the database cannot be set up");
  }
  return service_sql::migrate(db);
}

Result<std::unique_ptr<Conn>> open_sqlite(const std::string& path, int flags, const char* why) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  if (rc != SQLITE_OK) {
    Error e = error_from(raw, rc, std::string("the database ") + path + why);
    sqlite3_close(raw);
    return e;
  }
  return db::sqlite_conn(raw);
}

}  // namespace

Result<std::unique_ptr<ServiceDb>> ServiceDb::open_read_only(const std::string& path) {
  auto reader =
      open_sqlite(path, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX, " cannot be opened for reading");
  if (!reader) return reader.error();
  std::vector<std::unique_ptr<Conn>> readers;
  readers.push_back(std::move(reader.value()));
  std::unique_ptr<ServiceDb> db(
      new ServiceDb(std::make_unique<Pool>(db::Backend::sqlite, nullptr, std::move(readers)), path));
  auto version = db->schema_version();
  if (!version) return version.error();
  if (version.value() != latest_schema_version())
    return make_error("db_old_schema", "The database at " + path + " is at schema " +
                                           std::to_string(version.value()) + ", not " +
                                           std::to_string(latest_schema_version()) +
                                           ": run 'wijkqueue migrate --dir DIR' on it first.");
  return db;
}

Result<std::unique_ptr<ServiceDb>> ServiceDb::open(const std::string& path, OpenMode mode) {
  std::error_code ec;
  const bool exists = std::filesystem::exists(path, ec);
  if (mode == OpenMode::create_new && exists)
    return make_error("db_exists", "There is already a database at " + path + "; it is left as it is.");
  if (mode != OpenMode::create_new && !exists)
    return make_error("no_db", "There is no database at " + path + ". Run 'wijkqueue init --dir DIR' first.");
  if (mode == OpenMode::read_only) return open_read_only(path);
  // FULLMUTEX as a second line of defence: the writer's mutex already serialises every change.
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX;
  if (mode == OpenMode::create_new) flags |= SQLITE_OPEN_CREATE;
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  if (rc != SQLITE_OK) {
    Error e = error_from(raw, rc, "the database " + path + " cannot be opened");
    sqlite3_close(raw);
    return e;
  }
  auto writer = db::sqlite_conn(raw);  // owns raw from here on
  if (auto r = configure_and_migrate(raw); !r) return r.error();
  std::vector<std::unique_ptr<Conn>> readers;
  for (int i = 0; i < kReaders; ++i) {
    auto reader =
        open_sqlite(path, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, " cannot be opened for reading");
    if (!reader) return reader.error();
    readers.push_back(std::move(reader.value()));
  }
  return std::unique_ptr<ServiceDb>(new ServiceDb(
      std::make_unique<Pool>(db::Backend::sqlite, std::move(writer), std::move(readers)), path));
}

Result<std::unique_ptr<ServiceDb>> ServiceDb::open_postgres(const PostgresTarget& target, OpenMode mode) {
  std::vector<std::unique_ptr<Conn>> conns;
  for (int i = 0; i < std::max(1, target.connections); ++i) {
    std::string why;
    auto c = db::postgres_conn(target.conninfo, target.password, why);
    if (!c)
      return make_error("db_unavailable",
                        "The PostgreSQL database cannot be reached: " + why +
                            ". Check the address in --db, the password file, and that the server runs.",
                        why);
    conns.push_back(std::move(c));
  }
  Conn* first = conns.front().get();
  {
    Stmt s(first, "SELECT to_regclass('wijkqueue_schema') IS NOT NULL");
    if (const int rc = s.step(); rc != SQLITE_ROW)
      return error_from(first, rc, "the database cannot be read");
    const bool has_schema = s.int64(0) != 0;
    if (mode == OpenMode::read_only)
      return make_error("bad_argument", "A PostgreSQL database is not opened read-only here.");
    if (mode == OpenMode::create_new && has_schema)
      return make_error("db_exists",
                        "That PostgreSQL database holds a wijkqueue schema already; it is left as it is.");
    if (mode == OpenMode::existing && !has_schema)
      return make_error("no_db",
                        "That PostgreSQL database holds no wijkqueue schema. Run 'wijkqueue init --dir DIR "
                        "--db URL' or 'wijkqueue migrate' first.");
  }
  if (auto r = service_sql::migrate_pg(first); !r) return r.error();
  return std::unique_ptr<ServiceDb>(
      new ServiceDb(std::make_unique<Pool>(db::Backend::postgres, nullptr, std::move(conns)), "", target));
}

int ServiceDb::latest_schema_version() {
  return static_cast<int>(service_sql::migrations().size());
}

Result<int> ServiceDb::schema_version() {
  const Lease lease = lease_reader();
  Conn* const rdb = lease.db();
  Stmt s(rdb,
         is_postgres() ? "SELECT COALESCE(MAX(version), 0) FROM wijkqueue_schema" : "PRAGMA user_version");
  if (const int rc = s.step(); rc != SQLITE_ROW)
    return error_from(rdb, rc, "its schema version cannot be read");
  return static_cast<int>(s.int64(0));
}

Result<void> ServiceDb::ping() {
  const Lease lease = lease_reader();
  Conn* const rdb = lease.db();
  Stmt s(rdb, "SELECT COUNT(*) FROM locations");
  if (const int rc = s.step(); rc != SQLITE_ROW) return error_from(rdb, rc, "the database does not answer");
  return Ok{};
}

Result<void> ServiceDb::check_writable(std::uint64_t min_free_bytes) {
  // PostgreSQL keeps its own disk (a full one fails a write with disk_full). What a load balancer must
  // know is whether this server still takes writes: a primary demoted in a failover answers reads only.
  if (is_postgres()) {
    const Lease lease = lease_reader();
    Conn* const rdb = lease.db();
    Stmt s(rdb, "SELECT pg_is_in_recovery()");
    if (const int rc = s.step(); rc != SQLITE_ROW) return error_from(rdb, rc, "the database does not answer");
    if (s.int64(0) != 0)
      return make_error("db_unavailable",
                        "The database server is a standby (read-only) now, so no change can be stored; the "
                        "instance waits for the primary.");
    return Ok{};
  }
  const std::string dir = std::filesystem::path(path_).parent_path().string();
  if (::access(path_.c_str(), W_OK) != 0 || ::access(dir.empty() ? "." : dir.c_str(), W_OK) != 0)
    return make_error("not_writable", "The database file or its folder cannot be written.", path_);
  struct statvfs fs {};
  if (::statvfs(path_.c_str(), &fs) != 0)
    return make_error("not_writable", "The database's disk cannot be looked at.", path_);
  if (fs.f_flag & ST_RDONLY)
    return make_error("not_writable", "The database's disk is mounted read-only.", path_);
  const std::uint64_t free_bytes = static_cast<std::uint64_t>(fs.f_bavail) * fs.f_frsize;
  if (free_bytes < min_free_bytes)
    return make_error("disk_full",
                      "The database's disk has " + std::to_string(free_bytes / (1024 * 1024)) +
                          " MiB free, below the " + std::to_string(min_free_bytes / (1024 * 1024)) +
                          " MiB the service keeps in reserve.",
                      path_);
  return Ok{};
}

Result<void> ServiceDb::set_setting(const std::string& key, const std::string& value) {
  const Lease lease = lease_writer();
  Conn* const wdb = lease.db();
  Stmt s(wdb, "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2");
  if (const int rc = s.bind(1, key).bind(2, value).step(); rc != SQLITE_DONE)
    return error_from(wdb, rc, "the setting " + key + " cannot be stored");
  return Ok{};
}

Result<std::optional<std::string>> ServiceDb::setting(const std::string& key) {
  const Lease lease = lease_reader();
  Conn* const rdb = lease.db();
  Stmt s(rdb, "SELECT value FROM settings WHERE key = ?1");
  const std::string fail = "the setting " + key + " cannot be read";
  return sql::one(s.bind(1, key), sql::first_text, service_sql::failing(rdb, fail));
}

Result<void> ServiceDb::add_location(const std::string& id, const std::string& name,
                                     const std::string& timezone, UnixMs now) {
  const Lease lease = lease_writer();
  Conn* const wdb = lease.db();
  Stmt s(wdb, "INSERT INTO locations (id, name, timezone, created_at) VALUES (?1, ?2, ?3, ?4)");
  const int rc = s.bind(1, id).bind(2, name).bind(3, timezone).bind(4, now).step();
  if (is_constraint(rc)) return make_error("location_exists", "There is already a location '" + id + "'.");
  if (rc != SQLITE_DONE) return error_from(wdb, rc, "the location cannot be added");
  return Ok{};
}

Result<std::optional<LocationRow>> ServiceDb::location(const std::string& id) {
  const Lease lease = lease_reader();
  Conn* const rdb = lease.db();
  Stmt s(rdb, "SELECT id, name, timezone, config_json, config_etag FROM locations WHERE id = ?1");
  return sql::one(
      s.bind(1, id),
      [](const Stmt& r) {
        return LocationRow{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4)};
      },
      service_sql::failing(rdb, "the location cannot be read"));
}

Result<void> ServiceDb::set_location_config(const std::string& id, const std::string& config_json,
                                            const std::string& etag) {
  const Lease lease = lease_writer();
  Conn* const wdb = lease.db();
  Stmt s(wdb, "UPDATE locations SET config_json = ?2, config_etag = ?3 WHERE id = ?1");
  if (const int rc = s.bind(1, id).bind(2, config_json).bind(3, etag).step(); rc != SQLITE_DONE)
    return error_from(wdb, rc, "the configuration cannot be stored");
  if (wdb->changes() == 0)
    return make_error("unknown_location",
                      "There is no location '" + id + "'. Add it with 'wijkqueue location add'.");
  return Ok{};
}

Result<void> ServiceDb::add_device(const DeviceRow& d, const std::string& token_hash) {
  const Lease lease = lease_writer();
  Conn* const wdb = lease.db();
  Stmt s(wdb,
         "INSERT INTO devices (id, name, role, location, token_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5, "
         "?6)");
  const int rc = s.bind(1, d.id)
                     .bind(2, d.name)
                     .bind(3, d.role)
                     .bind(4, d.location)
                     .bind(5, token_hash)
                     .bind(6, d.created_at)
                     .step();
  if (is_constraint(rc)) return make_error("device_exists", "A device with this id or token exists already.");
  if (rc != SQLITE_DONE) return error_from(wdb, rc, "the device cannot be added");
  return Ok{};
}

Result<std::optional<DeviceRow>> ServiceDb::device_by_token_hash(const std::string& token_hash) {
  const Lease lease = lease_reader();
  Conn* const rdb = lease.db();
  Stmt s(rdb,
         "SELECT id, name, role, location, created_at, last_seen_at FROM devices WHERE token_hash = ?1 AND "
         "revoked_at IS NULL");
  return sql::one(s.bind(1, token_hash), read_device,
                  service_sql::failing(rdb, "the device cannot be looked up"));
}

Result<void> ServiceDb::record_heartbeat(const std::string& device_id, const std::string& heartbeat_json,
                                         UnixMs now) {
  const Lease lease = lease_writer();
  Conn* const wdb = lease.db();
  Stmt s(wdb, "UPDATE devices SET heartbeat_json = ?2, last_seen_at = ?3 WHERE id = ?1");
  if (const int rc = s.bind(1, device_id).bind(2, heartbeat_json).bind(3, now).step(); rc != SQLITE_DONE)
    return error_from(wdb, rc, "the heartbeat cannot be stored");
  return Ok{};
}

Result<std::vector<FleetRow>> ServiceDb::fleet() {
  const Lease lease = lease_reader();
  Conn* const rdb = lease.db();
  Stmt s(rdb,
         "SELECT id, name, role, location, created_at, last_seen_at, heartbeat_json, revoked_at FROM devices "
         "WHERE role <> 'admin' ORDER BY location, name, id");
  return sql::collect(s, read_fleet_row, service_sql::failing(rdb, "the devices cannot be listed"));
}

Result<std::map<std::string, std::int64_t>> ServiceDb::device_counts() {
  const Lease lease = lease_reader();
  Conn* const rdb = lease.db();
  // Kiosks and displays that may still connect: the admin token is no device, a revoked one no longer is.
  Stmt s(
      rdb,
      "SELECT role, COUNT(*) FROM devices WHERE role <> 'admin' AND revoked_at IS NULL GROUP BY role ORDER "
      "BY role");
  return sql::gather(
      s, std::map<std::string, std::int64_t>(),
      [](auto& counts, const Stmt& r) { counts[r.text(0)] = r.int64(1); },
      service_sql::failing(rdb, "the devices cannot be counted"));
}

Result<TicketInsert> ServiceDb::insert_ticket(const Ticket& t, const std::string& location,
                                              const std::string& body_hash, UnixMs now,
                                              const std::string& device_id, const std::string& today) {
  const Lease lease = lease_writer();
  Conn* const wdb = lease.db();
  const std::string fail = "the ticket could not be stored";
  // One write transaction from the first look-up to the insert: two retries of one ticket can never
  // both find it missing and both insert.
  WriteTxn txn(wdb, location);
  if (const int rc = txn.begin(); rc != SQLITE_OK) return error_from(wdb, rc, fail);
  {
    Stmt s(wdb, (std::string("SELECT ") + kTicketColumns + ", body_hash FROM tickets WHERE id = ?1").c_str());
    const int rc = s.bind(1, t.id).step();
    if (rc == SQLITE_ROW) {
      if (s.text(8) == location && s.text(11) == body_hash)
        return TicketInsert{TicketOutcome::retry, read_ticket(s)};
      return make_error("id_conflict",
                        "A ticket with id " + t.id +
                            " was already stored with other contents; a retry must send the same "
                            "ticket, and a new ticket needs a new id.");
    }
    if (rc != SQLITE_DONE) return error_from(wdb, rc, fail);
  }
  // A code already held that day is never a reason to set the resident's ticket aside: it becomes the
  // code's next twin, and staff, display and status page tell the holders apart by their issue time.
  int twin = 0;
  {
    Stmt s(wdb,
           "SELECT COALESCE(MAX(code_twin) + 1, 0) FROM tickets WHERE location = ?1 AND local_day = ?2 AND "
           "code = ?3");
    const int rc = s.bind(1, location).bind(2, t.local_day).bind(3, t.code).step();
    if (rc != SQLITE_ROW) return error_from(wdb, rc, fail);
    twin = static_cast<int>(s.int64(0));
  }
  Stmt ins(
      wdb,
      "INSERT INTO tickets (id, location, code, topic, language, created_at, public_token, local_day, "
      "number, "
      "body_hash, status, received_at, device_id, expired_at, issued_topic, code_twin) VALUES (?1, ?2, ?3, "
      "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?13, ?11, NULLIF(?12, ''), CASE ?13 WHEN 'expired' THEN ?11 END, ?4, "
      "?14)");
  const std::string status = !today.empty() && t.local_day < today ? "expired" : "waiting";
  const int rc = ins.bind(1, t.id)
                     .bind(2, location)
                     .bind(3, t.code)
                     .bind(4, t.topic)
                     .bind(5, t.language)
                     .bind(6, t.created_at)
                     .bind(7, t.public_token)
                     .bind(8, t.local_day)
                     .bind(9, static_cast<std::int64_t>(t.number))
                     .bind(10, body_hash)
                     .bind(11, now)
                     .bind(12, device_id)
                     .bind(13, status)
                     .bind(14, std::int64_t{twin})
                     .step();
  // The id and the twin were settled above, so a constraint here is the public token (or the location,
  // which the caller took from the device's own row). On PostgreSQL also the id, when another instance
  // stored it just now for another location (the lock above is the location's).
  if (is_constraint(rc) && wdb->message().find("tickets_pkey") != std::string::npos)
    return make_error("id_conflict", "A ticket with id " + t.id + " was stored for another location.");
  if (is_constraint(rc))
    return make_error("public_token_taken",
                      "Another ticket already has this public_token; a ticket needs a new "
                      "random token.",
                      wdb->message());
  if (rc != SQLITE_DONE) return error_from(wdb, rc, fail);
  if (const int crc = txn.commit(); crc != SQLITE_OK) return error_from(wdb, crc, fail);
  return TicketInsert{TicketOutcome::created, StoredTicket{t, location, status, twin}};
}

}  // namespace wk::store
