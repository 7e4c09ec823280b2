// "Bel mij terug" from the kiosk's outbox to a real wijkqueue over real TLS: the sealed request is opened
// only for its POST /v1/callbacks, reaches the service once, and leaves the kiosk on the service's 201 (or
// its 200 for one it already holds); a 503 keeps it on the kiosk, sealed, until the service takes it.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <sstream>

#include "net/sync_worker.hpp"
#include "net_test_util.hpp"
#include "store/outbox.hpp"
#include "store/sealed_box.hpp"
#include "support/http_client.hpp"
#include "support/sample_callback.hpp"
#include "support/temp_dir.hpp"
#include "support/wait.hpp"

namespace wk::net {
namespace {

using namespace std::chrono_literals;

test::WijkqueueOptions calling_back() {
  test::WijkqueueOptions o;
  o.config_toml = test::test_location_toml(o.location) + "\n[callback]\nretention_days = 30\n";
  return o;
}

std::string raw_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class SyncCallbackTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { service_ = new test::Wijkqueue(calling_back()); }
  static void TearDownTestSuite() {
    delete service_;
    service_ = nullptr;
  }
  void SetUp() override {
    auto ob = store::Outbox::open(db_);
    ASSERT_TRUE(ob.ok()) << to_string(ob.error());
    outbox_ = std::move(ob.value());
    auto box = store::SealedBox::open_or_create(dir_.file("volunteer.key"));
    ASSERT_TRUE(box.ok());
    box_ = std::make_shared<const store::SealedBox>(std::move(box.value()));
  }
  SyncWorker::Options options() {
    SyncWorker::Options o;
    o.outbox_path = db_;
    o.client = testing::client_options(*service_, service_->kiosk_token());
    o.sealed_box = box_;
    o.now = [] { return testing::wall_ms(); };
    o.base_backoff_ms = 20;
    o.max_backoff_ms = 200;
    return o;
  }
  // A request of its own for each test: the service is shared by the suite.
  CallbackRequest request() {
    const Entropy e = testing::urandom_entropy();
    return test::sample_callback(service_->now(), uuid_v4(e.bytes.data()));
  }
  store::OutboxStats stats() { return outbox_->stats().value(); }
  // The requests the service holds for the location, as its staff see them (GET /v1/callbacks).
  static nlohmann::json held() {
    const auto login = test::http_request("POST", service_->url("/v1/login"), service_->ca_file(), {},
                                          nlohmann::json{{"location", service_->location()},
                                                         {"user", service_->staff_user()},
                                                         {"password", service_->staff_password()}}
                                              .dump());
    EXPECT_EQ(login.status, 200) << login.body;
    const std::string token = nlohmann::json::parse(login.body).value("token", "");
    const auto list = test::http_request("GET", service_->url("/v1/callbacks"), service_->ca_file(), token);
    EXPECT_EQ(list.status, 200) << list.body;
    return nlohmann::json::parse(list.body).value("callbacks", nlohmann::json::array());
  }
  static std::size_t held_with(const std::string& id) {
    std::size_t n = 0;
    for (const auto& c : held())
      if (c.value("id", "") == id) ++n;
    return n;
  }

  static test::Wijkqueue* service_;
  test::TempDir dir_{"sync-callback"};
  std::string db_ = dir_.file("outbox.db");
  std::unique_ptr<store::Outbox> outbox_;
  std::shared_ptr<const store::SealedBox> box_;
};
test::Wijkqueue* SyncCallbackTest::service_ = nullptr;

TEST_F(SyncCallbackTest, SentOnceOpenedOnlyForThePostAndDeletedOnThe201) {
  const CallbackRequest c = request();
  ASSERT_TRUE(outbox_->append_callback(c, *box_).ok());
  SyncWorker worker(options());
  worker.start();
  worker.poke();
  ASSERT_TRUE(test::wait_until([&] { return stats().pending == 0; }, 30s)) << worker.status().last_error;
  EXPECT_EQ(stats().sent, 0) << "deleted, not kept as sent";
  EXPECT_EQ(stats().parked, 0);
  EXPECT_TRUE(worker.status().last_error.empty()) << worker.status().last_error;
  EXPECT_NE(service_->server_log().find(" POST /v1/callbacks 201 "), std::string::npos);
  worker.poke();  // another look at the outbox sends nothing more
  EXPECT_EQ(held_with(c.id), 1u);
  worker.stop();
  for (const char* f : {"outbox.db", "outbox.db-wal"})
    EXPECT_EQ(raw_bytes(dir_.file(f)).find(test::kSampleCallbackDigits), std::string::npos) << f;
  EXPECT_EQ(service_->server_log().find(test::kSampleCallbackDigits), std::string::npos) << "in the log";
}

// The POST went through before a crash that came before the row was deleted: the service answers 200 to
// the same request again, and the kiosk lets it go all the same.
TEST_F(SyncCallbackTest, OneTheServiceAlreadyHoldsIsDeletedOnThe200) {
  const CallbackRequest c = request();
  QueueClient direct(testing::client_options(*service_, service_->kiosk_token()));
  const auto first = direct.post("/v1/callbacks", callback_to_json(c).dump());
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->status, 201) << first->body;
  ASSERT_TRUE(outbox_->append_callback(c, *box_).ok());
  SyncWorker worker(options());
  worker.start();
  worker.poke();
  ASSERT_TRUE(test::wait_until([&] { return stats().pending == 0; }, 30s)) << worker.status().last_error;
  EXPECT_EQ(stats().parked, 0);
  EXPECT_NE(service_->server_log().find(" POST /v1/callbacks 200 "), std::string::npos);
  EXPECT_EQ(held_with(c.id), 1u);
}

// The service's database is busy (another writer holds its lock): its 503 keeps the request on the kiosk,
// sealed and pending, never parked; once the lock goes it arrives, once.
TEST_F(SyncCallbackTest, A503KeepsItSealedOnTheKioskUntilTheServiceTakesIt) {
  if (service_->on_postgres()) GTEST_SKIP() << "SQLite's file lock; PostgreSQL's outage: SyncPostgresRestart";
  const CallbackRequest c = request();
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(service_->db_file().c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  ASSERT_TRUE(outbox_->append_callback(c, *box_).ok());
  SyncWorker worker(options());
  worker.start();
  worker.poke();
  const bool refused = test::wait_until(
      [&] { return service_->server_log().find(" POST /v1/callbacks 503 ") != std::string::npos; }, 60s);
  const auto during = stats();
  ASSERT_EQ(sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(other);
  ASSERT_TRUE(refused) << service_->server_log();
  EXPECT_EQ(during.pending, 1) << "a 503 is retried";
  EXPECT_EQ(during.parked, 0) << "a 503 is retried, never set aside";
  ASSERT_TRUE(test::wait_until([&] { return stats().pending == 0; }, 60s)) << worker.status().last_error;
  EXPECT_EQ(stats().parked, 0);
  EXPECT_EQ(held_with(c.id), 1u);
}

}  // namespace
}  // namespace wk::net
