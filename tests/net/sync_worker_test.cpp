// The sync worker against a real wijkqueue: rows are sent in order and marked sent, a row the service
// refuses for good is parked with its reason while the rest go on, and passing trouble keeps rows pending.
#include "net/sync_worker.hpp"

#include <gtest/gtest.h>

#include <atomic>

#include "net_test_util.hpp"
#include "store/outbox.hpp"
#include "store/sealed_box.hpp"
#include "support/fault_proxy.hpp"
#include "support/sample_volunteer.hpp"
#include "support/temp_dir.hpp"
#include "support/wait.hpp"

namespace wk::net {
namespace {

using namespace std::chrono_literals;

class SyncWorkerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { service_ = new test::Wijkqueue(); }
  static void TearDownTestSuite() {
    delete service_;
    service_ = nullptr;
  }
  void SetUp() override {
    auto ob = store::Outbox::open(db_);
    ASSERT_TRUE(ob.ok()) << to_string(ob.error());
    outbox_ = std::move(ob.value());
  }
  SyncWorker::Options options(const std::string& token) {
    SyncWorker::Options o;
    o.outbox_path = db_;
    o.client = testing::client_options(*service_, token);
    o.base_backoff_ms = 20;
    o.max_backoff_ms = 200;
    o.on_change = [this] { ++changes_; };
    return o;
  }
  Ticket append(const std::string& topic) {
    const Ticket t = maker_.issue(topic);
    EXPECT_TRUE(outbox_->append_ticket(t).ok());
    return t;
  }
  long public_status(const Ticket& t) {
    auto r = QueueClient(testing::client_options(*service_, "")).get("/v1/public/tickets/" + t.public_token);
    return r.ok() ? r->status : -1;
  }
  store::OutboxStats stats() { return outbox_->stats().value(); }

  static test::Wijkqueue* service_;
  static testing::TicketMaker maker_;
  test::TempDir dir_{"sync-worker"};
  std::string db_ = dir_.file("outbox.db");
  std::unique_ptr<store::Outbox> outbox_;
  std::atomic<int> changes_{0};
};
test::Wijkqueue* SyncWorkerTest::service_ = nullptr;
testing::TicketMaker SyncWorkerTest::maker_;

TEST_F(SyncWorkerTest, RowsReachTheServiceAndAreMarkedSent) {
  std::vector<Ticket> tickets;
  for (const char* topic : {"werk", "schulden", "anders", "werk", "schulden"})
    tickets.push_back(append(topic));
  SyncWorker worker(options(service_->kiosk_token()));
  worker.start();
  worker.poke();
  ASSERT_TRUE(test::wait_until([&] { return stats().sent == 5; })) << worker.status().last_error;
  // The status follows each row's mark on disk a moment later.
  EXPECT_TRUE(test::wait_until([&] { return worker.status().last_sync_at == stats().last_sent_at; }));
  const auto s = worker.status();
  EXPECT_TRUE(s.reachable);
  EXPECT_TRUE(s.reachable_since.has_value());
  EXPECT_TRUE(s.last_sync_at.has_value());
  EXPECT_TRUE(s.last_error.empty()) << s.last_error;
  EXPECT_GE(changes_.load(), 5);
  for (const auto& t : tickets) EXPECT_EQ(public_status(t), 200) << t.code;
  EXPECT_EQ(stats().pending, 0);
  EXPECT_EQ(stats().last_sent_at, s.last_sync_at);
}

// A volunteer's sealed registration is never sent sealed: without this kiosk's key it is set aside for IT,
// and the tickets behind it still go.
TEST_F(SyncWorkerTest, ASealedRowWithoutItsKeyIsSetAsideNotSentSealed) {
  auto box = store::SealedBox::open_or_create(dir_.file("volunteer.key"));
  ASSERT_TRUE(box.ok());
  const VolunteerRegistration v = test::sample_volunteer(service_->now());
  ASSERT_TRUE(outbox_->append_volunteer(v, box.value()).ok());
  const Ticket t = append("werk");
  SyncWorker worker(options(service_->kiosk_token()));  // no sealed_box
  worker.start();
  worker.poke();
  ASSERT_TRUE(test::wait_until([&] { return stats().sent == 1 && stats().parked == 1; }))
      << worker.status().last_error;
  const auto parked = outbox_->parked().value();
  ASSERT_EQ(parked.size(), 1u);
  EXPECT_EQ(parked[0].id, v.id);
  EXPECT_NE(parked[0].reason.find("cannot be opened"), std::string::npos) << parked[0].reason;
  EXPECT_EQ(parked[0].reason.find(test::kSampleVolunteerName), std::string::npos);
  EXPECT_EQ(public_status(t), 200);
}

TEST_F(SyncWorkerTest, ARowWithAnUnknownTopicIsParkedWithItsReasonAndTheRestGoOn) {
  const Ticket before = append("werk");
  const Ticket unknown = append("bestaat-niet");
  const Ticket after = append("schulden");
  SyncWorker worker(options(service_->kiosk_token()));
  worker.start();
  ASSERT_TRUE(test::wait_until([&] { return stats().sent == 2 && stats().parked == 1; }))
      << worker.status().last_error;
  auto parked = outbox_->parked().value();
  ASSERT_EQ(parked.size(), 1u);
  EXPECT_EQ(parked[0].id, unknown.id);
  EXPECT_EQ(parked[0].reason.rfind("HTTP 422 unknown_topic: ", 0), 0u) << parked[0].reason;
  EXPECT_EQ(public_status(before), 200);
  EXPECT_EQ(public_status(after), 200);
  EXPECT_EQ(public_status(unknown), 404);
}

TEST_F(SyncWorkerTest, ATicketTheServiceAlreadyHasIsMarkedSentAndAConflictIsParked) {
  // The first was delivered before a crash that came before mark_sent: the service answers 200.
  const Ticket delivered = maker_.issue("werk");
  QueueClient direct(testing::client_options(*service_, service_->kiosk_token()));
  ASSERT_EQ(direct.post("/v1/tickets", ticket_to_json(delivered).dump())->status, 201);
  ASSERT_TRUE(outbox_->append_ticket(delivered).ok());
  // The second has an id the service holds with another body: 409, which no retry fixes.
  Ticket conflicting = maker_.issue("anders");
  Ticket other = conflicting;
  other.language = "en";
  ASSERT_EQ(direct.post("/v1/tickets", ticket_to_json(other).dump())->status, 201);
  ASSERT_TRUE(outbox_->append_ticket(conflicting).ok());
  const Ticket fresh = append("schulden");

  SyncWorker worker(options(service_->kiosk_token()));
  worker.start();
  ASSERT_TRUE(test::wait_until([&] { return stats().sent == 2 && stats().parked == 1; }))
      << worker.status().last_error;
  auto parked = outbox_->parked().value();
  ASSERT_EQ(parked.size(), 1u);
  EXPECT_EQ(parked[0].id, conflicting.id);
  EXPECT_EQ(parked[0].reason.rfind("HTTP 409", 0), 0u) << parked[0].reason;
  EXPECT_EQ(public_status(fresh), 200);
}

TEST_F(SyncWorkerTest, ARefusedTokenKeepsRowsPendingAndSaysSo) {
  append("werk");
  SyncWorker worker(options("not-a-token"));
  worker.start();
  ASSERT_TRUE(test::wait_until([&] { return worker.status().last_error.find("401") != std::string::npos; }));
  ASSERT_TRUE(test::wait_until(
      [&] { return store::Outbox::open(db_).value()->pending(1).value().front().attempts >= 2; }));
  worker.stop();
  EXPECT_TRUE(worker.status().reachable);  // the service answered; it is the token that is wrong
  EXPECT_EQ(stats().pending, 1);
  EXPECT_EQ(stats().parked, 0);
}

TEST_F(SyncWorkerTest, RowsWaitWhileTheServiceIsAwayAndGoWhenItIsBack) {
  service_->stop();
  const Ticket t = append("schulden");
  SyncWorker worker(options(service_->kiosk_token()));
  worker.start();
  ASSERT_TRUE(test::wait_until([&] { return worker.status().unreachable_since.has_value(); }));
  EXPECT_FALSE(worker.status().reachable);
  EXPECT_EQ(stats().pending, 1);
  service_->start();
  ASSERT_TRUE(test::wait_until([&] { return stats().sent == 1; })) << worker.status().last_error;
  // The row is marked sent on disk a moment before the worker's status says so: wait for that too.
  EXPECT_TRUE(test::wait_until([&] { return worker.status().reachable; })) << worker.status().last_error;
  EXPECT_FALSE(worker.status().unreachable_since.has_value());
  EXPECT_EQ(public_status(t), 200);
}

// A service that was away a while has its rows seconds after it is back, not at the end of a minute's
// backoff: while nothing answers at all, the worker knocks at the short interval. Here the full backoff is
// a minute from the first retry, so rows that arrive in time can only have come by the short one.
TEST_F(SyncWorkerTest, AfterAnOutageRowsGoWithinSecondsNotAtTheEndOfTheBackoff) {
  service_->stop();
  const Ticket t = append("werk");
  auto o = options(service_->kiosk_token());
  o.base_backoff_ms = o.max_backoff_ms = 60000;
  o.heartbeat_interval_ms = 0;  // only the rows knock
  SyncWorker worker(o);
  worker.start();
  // Knocked three times while away: a minute's backoff would have allowed one.
  ASSERT_TRUE(test::wait_until(
      [&] { return store::Outbox::open(db_).value()->pending(1).value().front().attempts >= 3; }, 20s));
  service_->start();
  ASSERT_TRUE(test::wait_until([&] { return stats().sent == 1; }, 20s)) << worker.status().last_error;
  EXPECT_EQ(public_status(t), 200);
}

// A connection cut off in the TLS handshake (a service restarting, a line that drops) is the service being
// away too: knocked at the short interval, and told in words that do not send IT to the certificate.
TEST_F(SyncWorkerTest, AConnectionCutOffInTheHandshakeIsKnockedAtTheShortInterval) {
  append("werk");
  test::FaultProxy proxy(service_->port());
  auto o = options(service_->kiosk_token());
  o.client.base_url = "https://localhost:" + std::to_string(proxy.port());
  o.base_backoff_ms = o.max_backoff_ms = 60000;
  o.heartbeat_interval_ms = 0;
  proxy.set(test::Fault::drop);  // accepted, then closed: curl's SSL_ERROR_SYSCALL
  SyncWorker worker(o);
  worker.start();
  ASSERT_TRUE(test::wait_until(
      [&] { return store::Outbox::open(db_).value()->pending(1).value().front().attempts >= 2; }, 20s));
  EXPECT_FALSE(worker.status().reachable);
  EXPECT_EQ(worker.status().last_error.find("certificate"), std::string::npos) << worker.status().last_error;
}

}  // namespace
}  // namespace wk::net

namespace wk::net {
namespace {

// With nothing to send, the heartbeat still tells the kiosk (and IT) that the service is there, and
// carries the outbox's depth.
TEST_F(SyncWorkerTest, HeartbeatMakesTheServiceReachableWithAnEmptyOutbox) {
  auto o = options(service_->kiosk_token());
  o.now = testing::wall_ms;
  o.version = "9.9.9";
  SyncWorker worker(o);
  worker.start();
  ASSERT_TRUE(test::wait_until([&] { return worker.status().reachable; })) << worker.status().last_error;
  EXPECT_TRUE(worker.status().reachable_since.has_value());
  EXPECT_FALSE(worker.status().unreachable_since.has_value());
  EXPECT_TRUE(test::wait_until([&] {
    return service_->server_log().find("POST /v1/heartbeat 204") != std::string::npos;
  })) << service_->server_log();
  worker.stop();
}

TEST_F(SyncWorkerTest, HeartbeatWithABadTokenSaysSoForIt) {
  auto o = options("not-a-token");
  o.now = testing::wall_ms;
  SyncWorker worker(o);
  worker.start();
  ASSERT_TRUE(test::wait_until([&] { return !worker.status().last_error.empty(); }));
  EXPECT_NE(worker.status().last_error.find("401"), std::string::npos) << worker.status().last_error;
  worker.stop();
}

}  // namespace
}  // namespace wk::net
