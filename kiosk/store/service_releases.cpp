// Releases the service hands out to kiosks: which serial is each channel's current one.
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

constexpr const char* kReleaseColumns = "channel, serial, version, files, published_at";

ReleaseRow read_release(const Stmt& s) {
  return ReleaseRow{s.text(0), s.int64(1), s.text(2), s.text(3), s.int64(4)};
}

}  // namespace

Result<void> ServiceDb::add_release(const ReleaseRow& row) {
  const Lease lease = lease_writer();
  Conn* const wdb = lease.db();
  const std::string fail = "the release could not be recorded";
  // The check and the insert in one write transaction: two publishers can never both pass the check.
  WriteTxn txn(wdb, "releases");
  if (const int rc = txn.begin(); rc != SQLITE_OK) return error_from(wdb, rc, fail);
  {
    Stmt s(wdb, "SELECT COALESCE(MAX(serial), 0) FROM releases WHERE channel = ?1");
    auto highest = sql::single(s.bind(1, row.channel), sql::first_int64, service_sql::failing(wdb, fail));
    if (!highest) return highest.error();
    if (row.serial <= highest.value())
      return make_error("serial_not_above", "Serial " + std::to_string(row.serial) + " is not above serial " +
                                                std::to_string(highest.value()) + ", already published on " +
                                                row.channel + "; a rollback is published as a new serial.");
  }
  Stmt ins(
      wdb,
      "INSERT INTO releases (channel, serial, version, files, published_at) VALUES (?1, ?2, ?3, ?4, ?5)");
  const int rc = ins.bind(1, row.channel)
                     .bind(2, row.serial)
                     .bind(3, row.version)
                     .bind(4, row.files_json)
                     .bind(5, row.published_at)
                     .step();
  if (rc != SQLITE_DONE) return error_from(wdb, rc, fail);
  if (const int crc = txn.commit(); crc != SQLITE_OK) return error_from(wdb, crc, fail);
  return Ok{};
}

Result<std::optional<ReleaseRow>> ServiceDb::current_release(const std::string& channel) {
  const Lease lease = lease_reader();
  Conn* const rdb = lease.db();
  Stmt s(rdb, (std::string("SELECT ") + kReleaseColumns +
               " FROM releases WHERE channel = ?1 ORDER BY serial DESC LIMIT 1")
                  .c_str());
  return sql::one(s.bind(1, channel), read_release,
                  service_sql::failing(rdb, "the channel's release cannot be read"));
}

Result<std::vector<ReleaseRow>> ServiceDb::current_releases() {
  const Lease lease = lease_reader();
  Conn* const rdb = lease.db();
  // Each channel's row with its highest serial (the primary key finds it).
  Stmt s(rdb,
         "SELECT channel, serial, version, files, published_at FROM releases r WHERE serial = (SELECT "
         "MAX(serial) FROM releases WHERE channel = r.channel) ORDER BY channel");
  return sql::collect(s, read_release, service_sql::failing(rdb, "the releases cannot be listed"));
}

}  // namespace wk::store
