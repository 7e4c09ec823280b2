// The kiosk learns the service's time from the Date of its answers: a real wijkqueue over TLS whose clock
// the test sets days or hours away from the kiosk's; the offset is kept in the data dir (a real file) and
// reported in the heartbeat, which IT sees in GET /v1/fleet.
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>

#include "core/clock_offset.hpp"
#include "net/queue_client.hpp"
#include "net/sync_worker.hpp"
#include "net_test_util.hpp"
#include "store/outbox.hpp"
#include "store/outbox_clock.hpp"
#include "support/http_client.hpp"
#include "support/temp_dir.hpp"
#include "support/wait.hpp"

namespace wk::net {
namespace {

constexpr std::int64_t kHour = 3'600'000;
constexpr std::int64_t kDay = 24 * kHour;

// The kiosk's clock in these tests: the real time, the service's set apart from it.
UnixMs kiosk_clock() {
  return test::real_time_ms();
}

// How far the service's clock is from the kiosk's right now (both read here, a moment apart).
std::int64_t true_offset(const test::Wijkqueue& wq) {
  return wq.now() - kiosk_clock();
}

bool near(std::optional<std::int64_t> got, std::int64_t want, std::int64_t within = 2'000) {
  return got && std::llabs(*got - want) <= within;
}

TEST(QueueClientDate, EveryAnswerCarriesTheServicesTimeAndTheCallsOwnTimes) {
  test::Wijkqueue wq;
  const UnixMs service_at = test::an_ordinary_weekday() + 3 * kDay + 12'345;
  wq.clock().freeze_at(service_at);
  ClientOptions options = testing::client_options(wq, wq.kiosk_token());
  // The kiosk's clock, moving on by 100 ms at each reading: the call went out at one, came in at the next.
  std::atomic<UnixMs> kiosk{service_at - 5 * kDay};
  options.clock = [&] { return kiosk.fetch_add(100); };
  QueueClient client(options);
  auto r = client.get("/v1/config");
  ASSERT_TRUE(r.ok()) << to_string(r.error());
  EXPECT_EQ(r->status, 200);
  ASSERT_TRUE(r->date.has_value()) << "no Date header read";
  EXPECT_EQ(*r->date, service_at / 1000 * 1000) << "whole seconds of the service's clock";
  ASSERT_TRUE(r->sent_at && r->received_at);
  EXPECT_EQ(*r->received_at - *r->sent_at, 100);
  const UnixMs midpoint = *r->sent_at + 50;
  EXPECT_EQ(clock_offset_of(r.value()), service_at / 1000 * 1000 + 500 - midpoint);
  EXPECT_TRUE(near(clock_offset_of(r.value()), 5 * kDay));

  // A refusal is an answer too, and has the service's time.
  auto refused = QueueClient(testing::client_options(wq, "not-a-token")).get("/v1/config");
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->status, 401);
  EXPECT_EQ(refused->date, service_at / 1000 * 1000);
  EXPECT_FALSE(clock_offset_of(refused.value()).has_value()) << "a client without a clock has no times";
}

class ClockOffsetSyncTest : public ::testing::Test {
 protected:
  SyncWorker::Options options() {
    SyncWorker::Options o;
    o.outbox_path = dir_.file("outbox.db");
    o.client = testing::client_options(wq_, wq_.kiosk_token());
    o.now = kiosk_clock;
    o.base_backoff_ms = 20;
    o.max_backoff_ms = 200;
    o.clock_offset = kept_;
    return o;
  }
  // The kiosk's clock_offset_ms as IT sees it in the fleet view (nullopt while absent or null).
  std::optional<std::int64_t> fleet_offset() {
    const auto r = test::http_request("GET", wq_.url("/v1/fleet"), wq_.ca_file(), wq_.admin_token());
    const auto fleet = nlohmann::json::parse(r.body, nullptr, false);
    if (!fleet.is_object()) return std::nullopt;
    for (const auto& d : fleet.value("devices", nlohmann::json::array())) {
      if (d.value("role", "") != "kiosk" || !d.contains("heartbeat") || !d["heartbeat"].is_object()) continue;
      const auto& hb = d["heartbeat"];
      if (hb.contains("clock_offset_ms") && hb["clock_offset_ms"].is_number_integer())
        return hb["clock_offset_ms"].get<std::int64_t>();
    }
    return std::nullopt;
  }

  test::Wijkqueue wq_;
  test::TempDir dir_{"clock-offset-sync"};
  std::string kept_path_ = dir_.file("clock_offset.json");
  std::shared_ptr<store::KeptClockOffset> kept_ = std::make_shared<store::KeptClockOffset>(kept_path_);
};

TEST_F(ClockOffsetSyncTest, AServiceDaysAheadIsLearnedKeptAndShownToIT) {
  wq_.clock().run_from(kiosk_clock() + 3 * kDay + 2 * kHour);
  SyncWorker worker(options());
  worker.start();
  ASSERT_TRUE(test::wait_until([&] { return near(kept_->get(), true_offset(wq_)); }))
      << "kept: " << kept_->get().value_or(0) << ", true: " << true_offset(wq_);
  // Kept on disk in the data dir: a reopen reads it back.
  EXPECT_TRUE(near(store::KeptClockOffset(kept_path_).get(), 3 * kDay + 2 * kHour));
  // The heartbeat carries it at once (not a minute later), and IT sees it.
  EXPECT_TRUE(test::wait_until([&] { return near(fleet_offset(), 3 * kDay + 2 * kHour); }))
      << test::http_request("GET", wq_.url("/v1/fleet"), wq_.ca_file(), wq_.admin_token()).body;
  worker.stop();
}

TEST_F(ClockOffsetSyncTest, AServiceHoursBehindReplacesTheKeptOffsetAndTicketsTeachItToo) {
  wq_.clock().run_from(kiosk_clock() + 2 * kDay);
  {
    SyncWorker worker(options());
    worker.start();
    ASSERT_TRUE(test::wait_until([&] { return near(kept_->get(), 2 * kDay); }));
  }
  // The service's clock is now five hours behind the kiosk's, and stands still. No heartbeat this time:
  // the answers to the tickets the kiosk sends are what teach it.
  wq_.clock().freeze_at(kiosk_clock() - 5 * kHour);
  auto outbox = store::Outbox::open(dir_.file("outbox.db"));
  ASSERT_TRUE(outbox.ok()) << to_string(outbox.error());
  testing::TicketMaker maker;
  ASSERT_TRUE(outbox.value()->append_ticket(maker.issue("werk")).ok());
  auto o = options();
  o.heartbeat_interval_ms = 0;
  SyncWorker worker(o);
  worker.start();
  worker.poke();
  ASSERT_TRUE(test::wait_until([&] { return outbox.value()->stats()->pending == 0; }))
      << worker.status().last_error;
  EXPECT_TRUE(near(kept_->get(), true_offset(wq_), 3'000))
      << "kept: " << kept_->get().value_or(0) << ", true: " << true_offset(wq_);
  EXPECT_TRUE(near(store::KeptClockOffset(kept_path_).get(), -5 * kHour, 5'000));
}

TEST_F(ClockOffsetSyncTest, WithTheServiceAwayTheKeptOffsetStays) {
  wq_.clock().run_from(kiosk_clock() - 4 * kHour);
  auto o = options();
  SyncWorker worker(o);
  worker.start();
  ASSERT_TRUE(test::wait_until([&] { return near(fleet_offset(), -4 * kHour); }));
  worker.stop();
  const auto learned = kept_->get();
  ASSERT_TRUE(learned);
  // The service goes away; a new run of the kiosk (a new KeptClockOffset on the same data dir) still has
  // the offset, and a worker that reaches nobody does not lose it.
  wq_.stop();
  auto reopened = std::make_shared<store::KeptClockOffset>(kept_path_);
  EXPECT_EQ(reopened->get(), learned);
  o.clock_offset = reopened;
  SyncWorker offline(o);
  offline.start();
  ASSERT_TRUE(test::wait_until([&] { return offline.status().unreachable_since.has_value(); }));
  EXPECT_EQ(reopened->get(), learned);
  offline.stop();
}

}  // namespace
}  // namespace wk::net
