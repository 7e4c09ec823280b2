// Schema 7 rebuilds the tickets table (SQLite cannot drop its old UNIQUE on the code): a database of
// schema 6 keeps every ticket, call and print job, its references and indexes, and takes twins afterwards.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>

#include "store/service_db.hpp"
#include "store/service_schema.hpp"
#include "support/temp_dir.hpp"

namespace wk::test {
namespace {

void exec(sqlite3* db, const std::string& sql) {
  char* message = nullptr;
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message), SQLITE_OK) << message << "\n" << sql;
}

std::string one(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* s = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  std::string out;
  if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0) != nullptr)
    out = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
  sqlite3_finalize(s);
  return out;
}

TEST(ServiceDbMigrations, SchemaSevenKeepsEveryTicketCallAndPrintJob) {
  TempDir dir;
  const std::string path = dir.file("wijkqueue.db");
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    const auto& all = store::service_sql::migrations();
    ASSERT_GE(all.size(), 7u);
    for (std::size_t i = 0; i < 6; ++i) exec(db, all[i]);
    exec(db, "PRAGMA user_version = 6");
    exec(db,
         "INSERT INTO locations (id, name, timezone, created_at) VALUES ('centrum', 'W', 'Europe/Amsterdam', "
         "1);"
         "INSERT INTO tickets (id, location, code, topic, language, created_at, public_token, local_day, "
         "number,"
         " body_hash, status, received_at, desk, called_at, device_id, issued_topic) VALUES"
         " ('t1', 'centrum', 'S-001', 'schulden', 'nl', 1000, 'tok1', '2026-11-24', 1, 'h1', 'called', 1000, "
         "2,"
         " 1500, 'dev-1', 'schulden'),"
         " ('t2', 'centrum', 'S-002', 'schulden', 'en', 2000, 'tok2', '2026-11-24', 2, 'h2', 'waiting', 2000,"
         " NULL, NULL, NULL, 'schulden');"
         "INSERT INTO calls (location, ticket_id, code, topic, desk, called_at) VALUES"
         " ('centrum', 't1', 'S-001', 'schulden', 2, 1500);"
         "INSERT INTO print_jobs (location, ticket_id, created_at, expires_at) VALUES ('centrum', 't1', "
         "1600, 9e9);");
    sqlite3_close(db);
  }
  {
    auto opened = store::ServiceDb::open(path, store::OpenMode::existing);
    ASSERT_TRUE(opened.ok()) << to_string(opened.error());
    auto& db = *opened.value();
    EXPECT_EQ(db.schema_version().value(), store::ServiceDb::latest_schema_version());
    const auto called = db.public_ticket("tok1", 2000);
    ASSERT_TRUE(called.ok() && called.value());
    EXPECT_EQ(called.value()->code, "S-001");
    EXPECT_EQ(called.value()->status, "called");
    EXPECT_EQ(called.value()->desk, 2);
    EXPECT_FALSE(called.value()->code_shared);
    const auto calls = db.calls("centrum", std::nullopt, 10);
    ASSERT_TRUE(calls.ok());
    ASSERT_EQ(calls->size(), 1u);
    EXPECT_EQ(calls.value()[0].issued_at, 1000);
    const auto queue = db.queue("centrum", {"schulden"}, "2026-11-24", 3000);
    ASSERT_TRUE(queue.ok());
    ASSERT_EQ(queue->waiting.size(), 1u);
    EXPECT_EQ(queue->waiting[0].id, "t2");
    EXPECT_EQ(db.print_job("centrum", 1, 2000).value()->ticket_id, "t1");
    // The old UNIQUE is gone: the code held that day is taken as its twin.
    Ticket t;
    t.id = "t3";
    t.code = "S-002";
    t.topic = "schulden";
    t.language = "nl";
    t.created_at = 3000;
    t.public_token = "tok3";
    t.local_day = "2026-11-24";
    t.number = 2;
    const auto twin = db.insert_ticket(t, "centrum", "h3", 3000);
    ASSERT_TRUE(twin.ok()) << to_string(twin.error());
    EXPECT_EQ(twin->stored.code_twin, 1);
    EXPECT_TRUE(db.public_ticket("tok2", 3000).value()->code_shared);
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  EXPECT_EQ(one(db, "SELECT COUNT(*) FROM tickets"), "3");
  EXPECT_EQ(one(db, "SELECT group_concat(code_twin) FROM (SELECT code_twin FROM tickets ORDER BY id)"),
            "0,0,1");
  EXPECT_EQ(one(db, "SELECT device_id FROM tickets WHERE id = 't1'"), "dev-1");
  EXPECT_EQ(one(db,
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name IN ('tickets_queue', "
                "'tickets_by_day', 'tickets_twins')"),
            "3");
  EXPECT_EQ(one(db, "SELECT COUNT(*) FROM pragma_foreign_key_check"), "0");
  EXPECT_NE(one(db, "SELECT sql FROM sqlite_master WHERE name = 'calls'").find("REFERENCES tickets(id)"),
            std::string::npos);
  EXPECT_EQ(one(db, "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'tickets_v7%'"), "0");
  sqlite3_close(db);
}

}  // namespace
}  // namespace wk::test
