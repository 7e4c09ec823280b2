// Volunteers' registrations at the service: stored once, listed for the location's staff, marked handled,
// forgotten on request, and purged past the location's retention. The personal fields reach this file
// sealed and leave it sealed. Every delete overwrites the row's bytes (the connection runs with
// secure_delete) and then empties the WAL, whose older page images would still hold the row.
#include <sqlite3.h>

#include <cstdio>

#include <nlohmann/json.hpp>

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

constexpr const char* kVolunteerColumns =
    "id, location, device_id, created_at, received_at, language, interests, availability, personal, "
    "body_mac, handled_at";

std::vector<std::string> text_list(const std::string& json) {
  const auto j = nlohmann::json::parse(json, nullptr, false);
  std::vector<std::string> out;
  if (j.is_array())
    for (const auto& v : j)
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

VolunteerRow read_volunteer(const Stmt& s) {
  VolunteerRow v;
  v.id = s.text(0);
  v.location = s.text(1);
  if (!s.is_null(2)) v.device_id = s.text(2);
  v.created_at = s.int64(3);
  v.received_at = s.int64(4);
  v.language = s.text(5);
  v.interests = text_list(s.text(6));
  v.availability = text_list(s.text(7));
  v.personal = s.text(8);
  v.body_mac = s.text(9);
  if (!s.is_null(10)) v.handled_at = s.int64(10);
  return v;
}

// Whose registration `id` is: the caller's location's, another's, or nobody's.
Result<std::optional<std::string>> location_of(Conn* db, const std::string& id, std::string_view fail) {
  Stmt s(db, "SELECT location FROM volunteers WHERE id = ?1");
  return sql::one(s.bind(1, id), sql::first_text, service_sql::failing(db, fail));
}

VolunteerReach reach_of(const std::optional<std::string>& owner, const std::string& location) {
  if (!owner) return VolunteerReach::none;
  return *owner == location ? VolunteerReach::found : VolunteerReach::elsewhere;
}

}  // namespace

Result<void> ServiceDb::empty_wal(Conn* wdb) {
  // PostgreSQL has no such journal to cut; VACUUM at least frees the dead rows' space for reuse (their
  // personal fields were only ever stored sealed).
  if (is_postgres()) {
    if (const int rc = wdb->exec("VACUUM volunteers, callbacks"); rc != SQLITE_OK)
      return error_from(wdb, rc, "the deleted registrations could not be vacuumed");
    return Ok{};
  }
  // TRUNCATE waits (busy_timeout) for readers to finish, copies every page into the file, and cuts the
  // WAL to nothing: the old page images of a deleted row go with it.
  Stmt s(wdb, "PRAGMA wal_checkpoint(TRUNCATE)");
  if (const int rc = s.step(); rc != SQLITE_ROW)
    return error_from(wdb, rc, "the journal could not be emptied");
  if (s.int64(0) != 0)
    return make_error("db_busy", "The database stayed busy, so its journal could not be emptied yet.",
                      "wal_checkpoint(TRUNCATE) answered busy");
  return Ok{};
}

// The delete stands (its bytes in the file are overwritten already) when the WAL cannot be emptied this
// moment; its old page images hold the personal fields sealed only, and the next delete empties it.
void ServiceDb::empty_wal_or_say_why(Conn* wdb) {
  if (auto emptied = empty_wal(wdb); !emptied)
    std::fprintf(stderr, "wijkqueue: %s\n", to_string(emptied.error()).c_str());
}

Result<VolunteerInsert> ServiceDb::insert_volunteer(const VolunteerRow& v) {
  const Lease lease = lease_writer();
  Conn* const wdb = lease.db();
  const std::string fail = "the volunteer's registration could not be stored";
  // One write transaction from the look-up to the insert: two retries can never both insert.
  WriteTxn txn(wdb, v.location);
  if (const int rc = txn.begin(); rc != SQLITE_OK) return error_from(wdb, rc, fail);
  {
    Stmt s(wdb, (std::string("SELECT ") + kVolunteerColumns + " FROM volunteers WHERE id = ?1").c_str());
    auto found = sql::one(s.bind(1, v.id), read_volunteer, service_sql::failing(wdb, fail));
    if (!found) return found.error();
    if (found.value()) {
      if (found.value()->location == v.location && found.value()->body_mac == v.body_mac)
        return VolunteerInsert{VolunteerOutcome::retry, std::move(*found.value())};
      return make_error("id_conflict",
                        "A registration with id " + v.id +
                            " was already stored with other contents; a retry must send the same "
                            "registration, and a new one needs a new id.");
    }
  }
  Stmt ins(wdb,
           "INSERT INTO volunteers (id, location, device_id, created_at, received_at, language, interests, "
           "availability, personal, body_mac) VALUES (?1, ?2, NULLIF(?3, ''), ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  const int rc = ins.bind(1, v.id)
                     .bind(2, v.location)
                     .bind(3, v.device_id)
                     .bind(4, v.created_at)
                     .bind(5, v.received_at)
                     .bind(6, v.language)
                     .bind(7, nlohmann::json(v.interests).dump())
                     .bind(8, nlohmann::json(v.availability).dump())
                     .bind(9, v.personal)
                     .bind(10, v.body_mac)
                     .step();
  // The look-up above found no such id under this location's lock; another location's may just have
  // taken it (PostgreSQL, another instance).
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    return make_error("id_conflict", "A registration with id " + v.id + " was stored for another location.");
  if (rc != SQLITE_DONE) return error_from(wdb, rc, fail);
  if (const int crc = txn.commit(); crc != SQLITE_OK) return error_from(wdb, crc, fail);
  VolunteerRow stored = v;
  stored.handled_at.reset();
  return VolunteerInsert{VolunteerOutcome::created, std::move(stored)};
}

Result<std::vector<VolunteerRow>> ServiceDb::open_volunteers(const std::string& location) {
  const Lease lease = lease_reader();
  Conn* const rdb = lease.db();
  Stmt s(rdb, (std::string("SELECT ") + kVolunteerColumns +
               " FROM volunteers WHERE location = ?1 AND handled_at IS NULL ORDER BY created_at, id")
                  .c_str());
  s.bind(1, location);
  return sql::collect(s, read_volunteer,
                      service_sql::failing(rdb, "the volunteers' registrations cannot be listed"));
}

Result<VolunteerStep> ServiceDb::mark_volunteer_handled(const std::string& location, const std::string& id,
                                                        UnixMs now) {
  const Lease lease = lease_writer();
  Conn* const wdb = lease.db();
  const std::string fail = "the registration could not be marked handled";
  WriteTxn txn(wdb, location);
  if (const int rc = txn.begin(); rc != SQLITE_OK) return error_from(wdb, rc, fail);
  auto owner = location_of(wdb, id, fail);
  if (!owner) return owner.error();
  const VolunteerReach reach = reach_of(owner.value(), location);
  if (reach != VolunteerReach::found) return VolunteerStep{reach, std::nullopt};
  {
    Stmt up(wdb, "UPDATE volunteers SET handled_at = ?2 WHERE id = ?1 AND handled_at IS NULL");
    if (const int rc = up.bind(1, id).bind(2, now).step(); rc != SQLITE_DONE)
      return error_from(wdb, rc, fail);
  }
  Stmt s(wdb, "SELECT handled_at FROM volunteers WHERE id = ?1");
  auto handled = sql::single(s.bind(1, id), sql::first_int64, service_sql::failing(wdb, fail));
  if (!handled) return handled.error();
  if (const int crc = txn.commit(); crc != SQLITE_OK) return error_from(wdb, crc, fail);
  return VolunteerStep{VolunteerReach::found, handled.value()};
}

Result<VolunteerReach> ServiceDb::delete_volunteer(const std::string& location, const std::string& id) {
  const Lease lease = lease_writer();
  Conn* const wdb = lease.db();
  const std::string fail = "the registration could not be deleted";
  {
    WriteTxn txn(wdb, location);
    if (const int rc = txn.begin(); rc != SQLITE_OK) return error_from(wdb, rc, fail);
    auto owner = location_of(wdb, id, fail);
    if (!owner) return owner.error();
    const VolunteerReach reach = reach_of(owner.value(), location);
    if (reach != VolunteerReach::found) return reach;
    Stmt del(wdb, "DELETE FROM volunteers WHERE id = ?1");
    if (const int rc = del.bind(1, id).step(); rc != SQLITE_DONE) return error_from(wdb, rc, fail);
    if (const int crc = txn.commit(); crc != SQLITE_OK) return error_from(wdb, crc, fail);
  }
  empty_wal_or_say_why(wdb);
  return VolunteerReach::found;
}

Result<std::int64_t> ServiceDb::purge_volunteers(const std::string& location, const VolunteerCutoffs& c) {
  const Lease lease = lease_writer();
  Conn* const wdb = lease.db();
  std::int64_t deleted = 0;
  {
    Stmt del(
        wdb,
        "DELETE FROM volunteers WHERE location = ?1 AND ((handled_at IS NOT NULL AND handled_at < ?2) OR "
        "(handled_at IS NULL AND created_at < ?3))");
    if (const int rc = del.bind(1, location).bind(2, c.handled_before).bind(3, c.unhandled_before).step();
        rc != SQLITE_DONE)
      return error_from(wdb, rc, "the registrations past their retention could not be deleted");
    deleted = wdb->changes();
  }
  if (deleted > 0) empty_wal_or_say_why(wdb);
  return deleted;
}

Result<std::vector<VolunteerCount>> ServiceDb::volunteer_counts() {
  const Lease lease = lease_reader();
  Conn* const rdb = lease.db();
  // The interests are a JSON array of ids: each backend has its own way to unfold one into rows.
  Stmt s(rdb, is_postgres()
                  ? "SELECT v.location, i.value, COUNT(*) FROM volunteers v, "
                    "json_array_elements_text(v.interests::json) AS i(value) "
                    "GROUP BY v.location, i.value ORDER BY v.location, i.value COLLATE \"C\""
                  : "SELECT v.location, i.value, COUNT(*) FROM volunteers v, json_each(v.interests) i "
                    "GROUP BY v.location, i.value ORDER BY v.location, i.value");
  return sql::collect(
      s,
      [](const Stmt& r) {
        return VolunteerCount{r.text(0), r.text(1), r.int64(2)};
      },
      service_sql::failing(rdb, "the volunteers' registrations cannot be counted"));
}

Result<std::vector<LocationRow>> ServiceDb::locations() {
  const Lease lease = lease_reader();
  Conn* const rdb = lease.db();
  Stmt s(rdb, "SELECT id, name, timezone, config_json, config_etag FROM locations ORDER BY id");
  return sql::collect(
      s,
      [](const Stmt& r) {
        return LocationRow{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4)};
      },
      service_sql::failing(rdb, "the locations cannot be listed"));
}

Result<std::vector<ReportRegistration>> ServiceDb::report_registrations(const std::string& location,
                                                                        UnixMs from_ms, UnixMs to_ms) {
  const Lease lease = lease_reader();
  Conn* const rdb = lease.db();
  // Only the columns a report counts: the sealed personal fields never leave the table here.
  Stmt s(rdb,
         "SELECT created_at, interests FROM volunteers WHERE location = ?1 AND created_at >= ?2 AND "
         "created_at < ?3 ORDER BY created_at");
  s.bind(1, location).bind(2, from_ms).bind(3, to_ms);
  return sql::collect(
      s,
      [](const Stmt& r) {
        ReportRegistration reg;
        reg.created_at = r.int64(0);
        reg.interests = text_list(r.text(1));
        return reg;
      },
      service_sql::failing(rdb, "the registrations cannot be counted"));
}

}  // namespace wk::store
