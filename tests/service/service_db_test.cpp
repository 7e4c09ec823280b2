// The service database on a real SQLite file: migrations, and the insert rules behind POST /v1/tickets.
#include "store/service_db.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include <sqlite3.h>

#include "fresh_service_db.hpp"
#include "support/temp_dir.hpp"

namespace wk::test {
namespace {

using store::OpenMode;
using store::ServiceDb;
using store::TicketOutcome;

Ticket make_ticket(const std::string& id, const std::string& code, const std::string& topic,
                   UnixMs created_at, const std::string& token) {
  Ticket t;
  t.id = id;
  t.code = code;
  t.topic = topic;
  t.language = "nl";
  t.created_at = created_at;
  t.public_token = token;
  t.local_day = "2026-11-24";
  t.number = std::stoi(code.substr(2));
  return t;
}

class ServiceDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = fresh_service_db(dir);
    ASSERT_TRUE(opened.ok()) << to_string(opened.error());
    db = std::move(opened.value());
    ASSERT_TRUE(db->add_location("centrum", "Wijkcentrum", "Europe/Amsterdam", 1).ok());
    ASSERT_TRUE(db->add_location("noord", "Noord", "Europe/Amsterdam", 1).ok());
  }
  TempDir dir;
  std::string path = dir.file("wijkqueue.db");
  std::unique_ptr<ServiceDb> db;
};

TEST(ServiceDbMigrations, ANewFileGetsTheLatestSchemaAndReopeningChangesNothing) {
  TempDir dir;
  const std::string path = dir.file("wijkqueue.db");
  {
    auto db = ServiceDb::open(path, OpenMode::create_new);
    ASSERT_TRUE(db.ok()) << to_string(db.error());
    auto version = db.value()->schema_version();
    ASSERT_TRUE(version.ok());
    EXPECT_EQ(version.value(), ServiceDb::latest_schema_version());
    EXPECT_GE(version.value(), 1);
    ASSERT_TRUE(db.value()->add_location("centrum", "Wijkcentrum", "Europe/Amsterdam", 1).ok());
  }
  for (int round = 0; round < 2; ++round) {
    auto db = ServiceDb::open(path, OpenMode::existing);
    ASSERT_TRUE(db.ok()) << to_string(db.error());
    EXPECT_EQ(db.value()->schema_version().value(), ServiceDb::latest_schema_version());
    auto location = db.value()->location("centrum");
    ASSERT_TRUE(location.ok());
    ASSERT_TRUE(location.value().has_value()) << "the data must survive reopening";
    EXPECT_EQ(location.value()->name, "Wijkcentrum");
  }
}

TEST(ServiceDbMigrations, RefusesToOverwriteToOpenNothingAndANewerSchema) {
  TempDir dir;
  const std::string path = dir.file("wijkqueue.db");
  auto missing = ServiceDb::open(path, OpenMode::existing);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "no_db");
  ASSERT_TRUE(ServiceDb::open(path, OpenMode::create_new).ok());
  auto again = ServiceDb::open(path, OpenMode::create_new);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "db_exists");

  // A file from a future wijkqueue: opening it must refuse rather than guess.
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "PRAGMA user_version = 999", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(raw);
  auto newer = ServiceDb::open(path, OpenMode::existing);
  ASSERT_FALSE(newer.ok());
  EXPECT_EQ(newer.error().code, "db_too_new");
}

TEST(ServiceDbMigrations, TheFileIsInWalModeWithForeignKeys) {
  TempDir dir;
  const std::string path = dir.file("wijkqueue.db");
  ASSERT_TRUE(ServiceDb::open(path, OpenMode::create_new).ok());
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(raw, "PRAGMA journal_mode", -1, &s, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)), "wal");
  sqlite3_finalize(s);
  sqlite3_close(raw);
}

TEST_F(ServiceDbTest, SameIdSameBodyIsARetryAndOtherBodyAConflict) {
  const Ticket t = make_ticket("id-1", "S-001", "schulden", 1000, "token-1-aaaaaaaaaaaaaaaa");
  auto first = db->insert_ticket(t, "centrum", "hash-1", 2000);
  ASSERT_TRUE(first.ok()) << to_string(first.error());
  EXPECT_EQ(first->outcome, TicketOutcome::created);

  auto retry = db->insert_ticket(t, "centrum", "hash-1", 3000);
  ASSERT_TRUE(retry.ok()) << to_string(retry.error());
  EXPECT_EQ(retry->outcome, TicketOutcome::retry);
  EXPECT_EQ(retry->stored.ticket, t);
  EXPECT_EQ(retry->stored.status, "waiting");

  auto other_body = db->insert_ticket(t, "centrum", "hash-2", 3000);
  ASSERT_FALSE(other_body.ok());
  EXPECT_EQ(other_body.error().code, "id_conflict");
  auto other_location = db->insert_ticket(t, "noord", "hash-1", 3000);
  ASSERT_FALSE(other_location.ok());
  EXPECT_EQ(other_location.error().code, "id_conflict");

  auto counts = db->ticket_counts();
  ASSERT_TRUE(counts.ok());
  ASSERT_EQ(counts->size(), 1u);
  EXPECT_EQ(counts.value()[0].count, 1);
}

TEST_F(ServiceDbTest, ACodeHeldThatDayIsStoredAsItsNextTwin) {
  auto first =
      db->insert_ticket(make_ticket("id-1", "S-001", "schulden", 1000, "token-1"), "centrum", "h1", 1);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->stored.code_twin, 0);
  for (int twin = 1; twin <= 2; ++twin) {
    const std::string n = std::to_string(twin + 1);
    auto again = db->insert_ticket(make_ticket("id-" + n, "S-001", "schulden", 2000, "token-" + n), "centrum",
                                   "h" + n, 1);
    ASSERT_TRUE(again.ok()) << to_string(again.error());
    EXPECT_EQ(again->outcome, TicketOutcome::created);
    EXPECT_EQ(again->stored.code_twin, twin);
  }
  auto retry =
      db->insert_ticket(make_ticket("id-2", "S-001", "schulden", 2000, "token-2"), "centrum", "h2", 1);
  ASSERT_TRUE(retry.ok());
  EXPECT_EQ(retry->outcome, TicketOutcome::retry);
  EXPECT_EQ(retry->stored.code_twin, 1);
  // The same code at another location, or on another day, is the first of its kind.
  auto other_location =
      db->insert_ticket(make_ticket("id-4", "S-001", "schulden", 2000, "token-4"), "noord", "h4", 1);
  ASSERT_TRUE(other_location.ok());
  EXPECT_EQ(other_location->stored.code_twin, 0);
  Ticket next_day = make_ticket("id-5", "S-001", "schulden", 90'000'000, "token-5");
  next_day.local_day = "2026-11-25";
  auto next = db->insert_ticket(next_day, "centrum", "h5", 1);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->stored.code_twin, 0);
  EXPECT_EQ(db->highest_numbers("centrum", "2026-11-24").value(), (std::map<char, int>{{'S', 1}}));
  auto collisions = db->code_collision_counts();
  ASSERT_TRUE(collisions.ok());
  ASSERT_EQ(collisions->size(), 1u);
  EXPECT_EQ(collisions.value()[0].count, 2);
  auto same_token =
      db->insert_ticket(make_ticket("id-6", "S-003", "schulden", 2000, "token-1"), "centrum", "h6", 1);
  ASSERT_FALSE(same_token.ok());
  EXPECT_EQ(same_token.error().code, "public_token_taken");
}

TEST_F(ServiceDbTest, ConcurrentRetriesStoreOneTicket) {
  const Ticket t = make_ticket("id-1", "S-001", "schulden", 1000, "token-1");
  std::atomic<int> created{0}, retried{0}, failed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i)
    threads.emplace_back([&] {
      auto r = db->insert_ticket(t, "centrum", "hash", 1);
      if (!r.ok())
        ++failed;
      else if (r->outcome == TicketOutcome::created)
        ++created;
      else
        ++retried;
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ(retried.load(), 15);
  EXPECT_EQ(failed.load(), 0);
}

TEST_F(ServiceDbTest, PositionCountsEarlierWaitingTicketsOfTheSameQueue) {
  ASSERT_TRUE(
      db->insert_ticket(make_ticket("id-b", "S-002", "schulden", 2000, "tok-b"), "centrum", "h", 1).ok());
  ASSERT_TRUE(
      db->insert_ticket(make_ticket("id-a", "S-001", "schulden", 1000, "tok-a"), "centrum", "h", 1).ok());
  ASSERT_TRUE(db->insert_ticket(make_ticket("id-w", "W-001", "werk", 500, "tok-w"), "centrum", "h", 1).ok());
  ASSERT_TRUE(
      db->insert_ticket(make_ticket("id-n", "S-001", "schulden", 100, "tok-n"), "noord", "h", 1).ok());
  // The ticket issued first (offline, handed in last) keeps its place: by created_at, not arrival.
  EXPECT_EQ(db->public_ticket("tok-a", 3000).value()->position, 1);
  EXPECT_EQ(db->public_ticket("tok-b", 3000).value()->position, 2);
  EXPECT_EQ(db->public_ticket("tok-w", 3000).value()->position, 1);
  EXPECT_EQ(db->public_ticket("tok-n", 3000).value()->position, 1);
  EXPECT_EQ(db->public_ticket("tok-b", 3000).value()->code, "S-002");
  EXPECT_FALSE(db->public_ticket("unknown", 3000).value().has_value());
}

TEST_F(ServiceDbTest, DevicesAreFoundByTheirTokenHashOnly) {
  ASSERT_TRUE(
      db->add_device({"dev-1", "kiosk-1", "kiosk", "centrum", 1, std::nullopt}, "hash-of-token").ok());
  auto found = db->device_by_token_hash("hash-of-token");
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found.value().has_value());
  EXPECT_EQ(found.value()->role, "kiosk");
  EXPECT_EQ(found.value()->location, "centrum");
  EXPECT_FALSE(db->device_by_token_hash("other").value().has_value());
  auto duplicate = db->add_device({"dev-2", "kiosk-2", "kiosk", "centrum", 1, std::nullopt}, "hash-of-token");
  ASSERT_FALSE(duplicate.ok());
  ASSERT_TRUE(db->record_heartbeat("dev-1", R"({"version":"1"})", 5000).ok());
  EXPECT_EQ(db->device_by_token_hash("hash-of-token").value()->last_seen_at, 5000);
  EXPECT_EQ(db->device_counts().value().at("kiosk"), 1);
}

}  // namespace
}  // namespace wk::test
