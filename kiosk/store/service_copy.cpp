// migrate-data: a team's whole database into another (SQLite into PostgreSQL), verified table by table.
// The tables are named here with their columns and keys, in an order their references allow; a column
// marked integer is bound as one, a real one is compared by its value, not by how a backend prints it.
#include <sodium.h>

#include <cstdio>
#include <cstdlib>

#include "store/db_conn.hpp"
#include "store/service_db.hpp"
#include "store/service_schema.hpp"

namespace wk::store {

using db::Conn;
using db::Stmt;

namespace {

enum class Kind { text, integer, real };

struct Column {
  const char* name;
  Kind kind;
};

struct Table {
  const char* name;
  const char* key;  // ORDER BY of the checksum
  std::vector<Column> columns;
  const char* identity = nullptr;  // PostgreSQL: the identity column to move on past the copied rows
};

constexpr Kind T = Kind::text, I = Kind::integer, R = Kind::real;

const std::vector<Table>& tables() {
  static const std::vector<Table> kTables = {
      {"settings", "key", {{"key", T}, {"value", T}}},
      {"locations",
       "id",
       {{"id", T}, {"name", T}, {"timezone", T}, {"config_json", T}, {"config_etag", T}, {"created_at", I}}},
      {"devices",
       "id",
       {{"id", T},
        {"name", T},
        {"role", T},
        {"location", T},
        {"token_hash", T},
        {"created_at", I},
        {"last_seen_at", I},
        {"heartbeat_json", T},
        {"revoked_at", I}}},
      {"tickets",
       "id",
       {{"id", T},         {"location", T},       {"code", T},      {"topic", T},      {"language", T},
        {"created_at", I}, {"public_token", T},   {"local_day", T}, {"number", I},     {"body_hash", T},
        {"status", T},     {"received_at", I},    {"desk", I},      {"called_at", I},  {"served_at", I},
        {"no_show_at", I}, {"transferred_at", I}, {"device_id", T}, {"expired_at", I}, {"issued_topic", T},
        {"code_twin", I},  {"remote", I},         {"queue_at", I}}},
      {"calls",
       "seq",
       {{"seq", I},
        {"location", T},
        {"ticket_id", T},
        {"code", T},
        {"topic", T},
        {"desk", I},
        {"called_at", I},
        {"recall", I}},
       "seq"},
      {"staff_users",
       "location, \"user\"",
       {{"location", T}, {"\"user\"", T}, {"password_hash", T}, {"created_at", I}}},
      {"staff_sessions",
       "token_hash",
       {{"token_hash", T}, {"location", T}, {"\"user\"", T}, {"created_at", I}, {"expires_at", I}}},
      {"topic_stats", "location, topic", {{"location", T}, {"topic", T}, {"avg_service_ms", R}}},
      {"print_jobs",
       "id",
       {{"id", I},
        {"location", T},
        {"ticket_id", T},
        {"device_id", T},
        {"created_at", I},
        {"expires_at", I},
        {"claimed_by", T},
        {"claimed_at", I},
        {"done_at", I},
        {"outcome", T}},
       "id"},
      {"login_failures", "id", {{"id", I}, {"user_key", T}, {"address", T}, {"at", I}, {"pending", I}}, "id"},
      {"volunteers",
       "id",
       {{"id", T},
        {"location", T},
        {"device_id", T},
        {"created_at", I},
        {"received_at", I},
        {"language", T},
        {"interests", T},
        {"availability", T},
        {"personal", T},
        {"body_mac", T},
        {"handled_at", I}}},
      {"callbacks",
       "id",
       {{"id", T},
        {"location", T},
        {"device_id", T},
        {"created_at", I},
        {"received_at", I},
        {"language", T},
        {"topic", T},
        {"part_of_day", T},
        {"personal", T},
        {"body_mac", T},
        {"taken_by", T},
        {"taken_at", I},
        {"attempts", I},
        {"closed_at", I},
        {"outcome", T}}},
      {"releases",
       "channel, serial",
       {{"channel", T}, {"serial", I}, {"version", T}, {"files", T}, {"published_at", I}}},
  };
  return kTables;
}

std::string column_list(const Table& t) {
  std::string out;
  for (const auto& c : t.columns) out += (out.empty() ? "" : ", ") + std::string(c.name);
  return out;
}

// A real as its value: the same double prints as "360000.0" in SQLite and "360000" in PostgreSQL.
std::string canonical(const Stmt& s, int i, Kind kind) {
  if (kind != Kind::real) return s.text(i);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", std::strtod(s.text(i).c_str(), nullptr));
  return buf;
}

Result<TableCount> count_table(Conn* c, const Table& t) {
  Stmt s(c, "SELECT " + column_list(t) + " FROM " + t.name + " ORDER BY " + t.key);
  crypto_hash_sha256_state h;
  crypto_hash_sha256_init(&h);
  TableCount out{t.name, 0, {}};
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) {
    std::string row;
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      const int col = static_cast<int>(i);
      row += s.is_null(col) ? std::string("\x01N") : "\x02" + canonical(s, col, t.columns[i].kind);
      row += '\x1f';
    }
    row += '\x1e';
    crypto_hash_sha256_update(&h, reinterpret_cast<const unsigned char*>(row.data()), row.size());
    ++out.rows;
  }
  if (rc != SQLITE_DONE)
    return service_sql::error_from(c, rc, std::string("the table ") + t.name + " cannot be read");
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&h, digest);
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  out.sha256 = hex;
  return out;
}

Result<std::vector<TableCount>> count_all(Conn* c) {
  std::vector<TableCount> all;
  for (const auto& t : tables()) {
    auto one = count_table(c, t);
    if (!one) return one.error();
    all.push_back(std::move(one.value()));
  }
  return all;
}

Result<void> copy_table(Conn* from, Conn* to, const Table& t) {
  const std::string what = std::string("the table ") + t.name + " cannot be copied";
  std::string params;
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    const std::string p = "?" + std::to_string(i + 1);
    params +=
        (i == 0 ? "" : ", ") + (t.columns[i].kind == Kind::real ? "CAST(" + p + " AS DOUBLE PRECISION)" : p);
  }
  Stmt read(from, "SELECT " + column_list(t) + " FROM " + t.name + " ORDER BY " + t.key);
  int rc;
  while ((rc = read.step()) == SQLITE_ROW) {
    Stmt ins(to, "INSERT INTO " + std::string(t.name) + " (" + column_list(t) + ") VALUES (" + params + ")");
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      const int col = static_cast<int>(i);
      if (read.is_null(col))
        ins.bind_null(col + 1);
      else if (t.columns[i].kind == Kind::integer)
        ins.bind(col + 1, read.int64(col));
      else
        ins.bind(col + 1, read.text(col));
    }
    if (const int irc = ins.step(); irc != SQLITE_DONE) return service_sql::error_from(to, irc, what);
  }
  if (rc != SQLITE_DONE) return service_sql::error_from(from, rc, what);
  if (t.identity != nullptr && to->backend() == db::Backend::postgres) {
    const std::string sql = std::string("SELECT setval(pg_get_serial_sequence('") + t.name + "', '" +
                            t.identity + "'), COALESCE(MAX(" + t.identity + "), 0) + 1, false) FROM " +
                            t.name;
    Stmt s(to, sql);
    if (const int src = s.step(); src != SQLITE_ROW) return service_sql::error_from(to, src, what);
  }
  return Ok{};
}

}  // namespace

Result<std::vector<TableCount>> ServiceDb::table_counts() {
  const Lease lease = lease_reader();
  return count_all(lease.db());
}

Result<std::vector<TableCount>> ServiceDb::copy_into(ServiceDb& to) {
  {
    auto theirs = to.table_counts();
    if (!theirs) return theirs.error();
    for (const auto& t : theirs.value())
      if (t.rows > 0 && t.table != "settings")
        return make_error("db_not_empty", "The database to copy into already holds " + t.table +
                                              "; migrate-data only fills an empty one.");
  }
  const Lease source = lease_reader();
  Conn* const from = source.db();
  // One snapshot of the source for the copy and its count (SQLite: a read transaction).
  if (const int rc = from->exec("BEGIN"); rc != SQLITE_OK)
    return service_sql::error_from(from, rc, "the database to copy cannot be read");
  struct EndRead {
    Conn* c;
    ~EndRead() { c->exec("ROLLBACK"); }
  } end_read{from};
  auto mine = count_all(from);
  if (!mine) return mine.error();

  const Lease target = to.lease_writer();
  Conn* const into = target.db();
  db::WriteTxn txn(into, "migrate-data");
  if (const int rc = txn.begin(); rc != SQLITE_OK)
    return service_sql::error_from(into, rc, "the copy cannot begin");
  // init made settings of its own (none today): the source's are the ones that count.
  if (const int rc = into->exec("DELETE FROM settings"); rc != SQLITE_OK)
    return service_sql::error_from(into, rc, "the copy cannot begin");
  for (const auto& t : tables())
    if (auto r = copy_table(from, into, t); !r) return r.error();
  auto copied = count_all(into);  // inside the transaction: what the commit would make
  if (!copied) return copied.error();
  for (std::size_t i = 0; i < mine.value().size(); ++i) {
    const TableCount &a = mine.value()[i], &b = copied.value()[i];
    if (a.rows != b.rows || a.sha256 != b.sha256)
      return make_error("copy_mismatch", "The copy of " + a.table + " differs from its source (" +
                                             std::to_string(a.rows) + " rows, " + std::to_string(b.rows) +
                                             " copied); nothing was kept.");
  }
  if (const int rc = txn.commit(); rc != SQLITE_OK)
    return service_sql::error_from(into, rc, "the copy cannot be kept");
  return mine;
}

}  // namespace wk::store
