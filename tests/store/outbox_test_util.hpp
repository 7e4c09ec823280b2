#pragma once
// Helpers shared by the outbox tests: a temp dir that cleans up after itself, tickets with real random
// ids, and a raw SQLite look into the file to check what the Outbox API does not show.
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>

#include "core/ticket.hpp"

namespace wk::store::testing {

class OutboxTempDir {
 public:
  OutboxTempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "wk-outbox-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  ~OutboxTempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  OutboxTempDir(const OutboxTempDir&) = delete;
  OutboxTempDir& operator=(const OutboxTempDir&) = delete;
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// A ticket as core would issue it, with random id and token; the code follows letter and number.
inline Ticket make_test_ticket(std::mt19937_64& rng, char letter, int number, const std::string& day,
                               UnixMs created_at) {
  Entropy e;
  for (auto& b : e.bytes) b = static_cast<std::uint8_t>(rng());
  Ticket t;
  t.id = uuid_v4(e.bytes.data());
  t.public_token = base64url(e.bytes.data() + 16, 18);
  t.code = format_code(letter, number);
  t.topic = std::string("topic-") + letter;
  t.language = "nl";
  t.created_at = created_at;
  t.local_day = day;
  t.number = number;
  return t;
}

// Runs one query that yields a single integer (or text) through a separate raw connection.
inline std::string query_text(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string out = "<error>";
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
      const auto* p = sqlite3_column_text(st, 0);
      out = p == nullptr ? "<null>" : reinterpret_cast<const char*>(p);
    }
    sqlite3_finalize(st);
  }
  sqlite3_close_v2(db);
  return out;
}

inline long query_long(const std::string& db_path, const std::string& sql) {
  return std::stol(query_text(db_path, sql));
}

// Ledger rows without their outbox row, or outbox rows without their ledger row: must both be 0.
inline long orphan_rows(const std::string& db_path) {
  return query_long(db_path,
                    "SELECT (SELECT count(*) FROM ledger WHERE id NOT IN (SELECT id FROM outbox)) + "
                    "(SELECT count(*) FROM outbox WHERE id NOT IN (SELECT id FROM ledger))");
}

}  // namespace wk::store::testing
