// A kiosk with a wrong clock, through its own shell (KioskRuntime, as the GUI and `wijkkiosk issue` drive
// it) against a real wijkqueue over TLS, with a real outbox and a real kept offset in its data dir. The
// kiosk's clock is handed in three hours fast; the service's clock runs from 22:30 local on an ordinary
// weekday, whatever the real date.
#include <gtest/gtest.h>

#include <cmath>

#include "app/kiosk_runtime.hpp"
#include "store/tz_file.hpp"
#include "support/http_client.hpp"
#include "support/kiosk_device.hpp"
#include "support/temp_dir.hpp"
#include "support/test_clock.hpp"
#include "support/wait.hpp"
#include "support/wijkqueue.hpp"

namespace wk::test {
namespace {

constexpr std::int64_t kHour = 3'600'000;

// 22:30 in Amsterdam on the day of `t` (a weekday far from a change of the clocks).
UnixMs half_past_ten_local(const TzRule& tz, UnixMs t) {
  const CivilTime c = to_local(tz, t);
  return unix_from_civil(c.year, c.month, c.day, 22, 30, 0) * 1000 - utc_offset_s(tz, t / 1000) * 1000LL;
}

class KioskClockTest : public ::testing::Test {
 protected:
  void SetUp() override {
    tz_ = store::load_tz_rule("Europe/Amsterdam").value();
    service_time_ = half_past_ten_local(tz_, an_ordinary_weekday());
    ASSERT_EQ(to_local(tz_, service_time_).hour, 22);
    wq_.clock().run_from(service_time_);
    write_kiosk_device(dir_.path(), kiosk_device_of(wq_));
  }

  // The kiosk's own clock: three hours ahead of the service's, so 01:30 tomorrow by itself.
  UnixMs fast_clock() const { return wq_.now() + 3 * kHour; }

  std::unique_ptr<app::KioskRuntime> open(bool start_workers) {
    app::RuntimeOptions o;
    o.start_printer = false;
    o.start_workers = start_workers;
    o.clock = [this] { return fast_clock(); };
    auto rt = app::open_kiosk_runtime(dir_.file("kiosk.toml"), o);
    EXPECT_TRUE(rt.ok()) << (rt.ok() ? "" : to_string(rt.error()));
    return rt.ok() ? std::move(rt.value()) : nullptr;
  }

  // Two taps, as at the screen; the ticket as it is shown (durable in the outbox by then).
  Ticket take_ticket(app::KioskRuntime& rt, const std::string& topic) {
    app::dispatch(rt, ev::StartOver{});
    app::dispatch(rt, ev::LanguageChosen{"nl"});
    app::dispatch(rt, ev::TopicChosen{topic});
    EXPECT_TRUE(rt.state.session.ticket.has_value()) << rt.state.session.failure;
    return rt.state.session.ticket.value_or(Ticket{});
  }

  bool knows_the_service_time(app::KioskRuntime& rt) {
    const auto offset = rt.clock_offset->get();
    return offset && std::llabs(*offset + 3 * kHour) < 2'000;
  }

  std::string service_today() const { return local_day(tz_, wq_.now()); }

  nlohmann::json public_ticket(const Ticket& t) {
    const auto r = http_request("GET", wq_.url("/v1/public/tickets/" + t.public_token), wq_.ca_file());
    return r.status == 200 ? nlohmann::json::parse(r.body, nullptr, false) : nlohmann::json();
  }

  TempDir dir_{"kiosk-clock"};
  Wijkqueue wq_;
  TzRule tz_;
  UnixMs service_time_ = 0;
};

TEST_F(KioskClockTest, AKioskThreeHoursFastAtHalfPastTenStampsTheServicesTodayOnceItKnowsItsTime) {
  auto rt = open(/*start_workers=*/true);
  ASSERT_TRUE(rt);
  ASSERT_NE(local_day(tz_, fast_clock()), service_today()) << "by its own clock it is tomorrow already";
  ASSERT_TRUE(wait_until([&] { return knows_the_service_time(*rt); }))
      << "offset: " << rt->clock_offset->get().value_or(0);

  const Ticket t = take_ticket(*rt, "werk");
  EXPECT_LT(std::llabs(t.created_at - wq_.now()), 2'000) << to_rfc3339(t.created_at);
  EXPECT_EQ(t.local_day, service_today());
  EXPECT_EQ(t.code, "W-001");
  EXPECT_EQ(to_local(tz_, t.created_at).hour, 22);

  // The service files it on its today: a ticket waiting in today's queue, not one of another day.
  ASSERT_TRUE(wait_until([&] { return rt->outbox->stats()->sent == 1; })) << rt->sync->status().last_error;
  EXPECT_EQ(rt->outbox->stats()->parked, 0);
  const auto j = public_ticket(t);
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j["status"], "waiting") << j.dump();
  EXPECT_EQ(j["code"], "W-001");
  app::stop_workers(*rt);
}

TEST_F(KioskClockTest, RestartedWithTheServiceAwayItStampsWithTheOffsetItKept) {
  {
    auto rt = open(/*start_workers=*/true);
    ASSERT_TRUE(rt);
    ASSERT_TRUE(wait_until([&] { return knows_the_service_time(*rt); }));
    app::stop_workers(*rt);
  }
  wq_.stop();
  auto rt = open(/*start_workers=*/true);
  ASSERT_TRUE(rt);
  EXPECT_TRUE(knows_the_service_time(*rt)) << "the offset was read back from the data dir";
  const Ticket t = take_ticket(*rt, "schulden");
  EXPECT_LT(std::llabs(t.created_at - wq_.now()), 2'000) << to_rfc3339(t.created_at);
  EXPECT_EQ(t.local_day, service_today());
  ASSERT_TRUE(wait_until([&] { return rt->sync->status().unreachable_since.has_value(); }));
  EXPECT_TRUE(knows_the_service_time(*rt)) << "a service that is away does not make the kiosk forget";
  app::stop_workers(*rt);
}

TEST_F(KioskClockTest, ATicketStampedAheadBeforeTheServiceAnsweredKeepsCodesUniqueAndBothArrive) {
  auto rt = open(/*start_workers=*/false);  // the service has not answered yet
  ASSERT_TRUE(rt);
  const Ticket ahead = take_ticket(*rt, "werk");
  EXPECT_EQ(ahead.local_day, local_day(tz_, fast_clock())) << "nothing known yet: its own clock";
  EXPECT_EQ(ahead.code, "W-001");

  app::start_workers(*rt);
  ASSERT_TRUE(wait_until([&] { return knows_the_service_time(*rt); }));
  const Ticket today = take_ticket(*rt, "werk");
  EXPECT_EQ(today.local_day, service_today());
  EXPECT_LT(std::llabs(today.created_at - wq_.now()), 2'000);
  // The service may file the first one on its today too: this day's numbers go on after it.
  EXPECT_EQ(today.code, "W-002");

  ASSERT_TRUE(wait_until([&] { return rt->outbox->stats()->sent == 2; }))
      << rt->sync->status().last_error << "\n"
      << wq_.server_log();
  EXPECT_EQ(rt->outbox->stats()->parked, 0);
  EXPECT_TRUE(public_ticket(ahead).is_object());
  EXPECT_TRUE(public_ticket(today).is_object());
  app::stop_workers(*rt);
}

// Only a service on this machine lets a kiosk run on a test clock: a look-alike host is not one.
TEST(LoopbackUrl, OnlyLocalhostAndTheLoopbackAddressesCount) {
  for (const char* yes : {"https://localhost:8443", "https://LocalHost", "https://127.0.0.1:1/v1",
                          "https://[::1]:8443", "https://kiosk@localhost:1"})
    EXPECT_TRUE(app::is_loopback_url(yes)) << yes;
  for (const char* no : {"https://localhost.example.org", "https://127.0.0.1.example.org",
                         "https://[::1].evil", "https://queue.example.org/localhost", "https://127.0.0.2",
                         "http://localhost:8443", "https://localhost@queue.example.org", "", "https://[::1"})
    EXPECT_FALSE(app::is_loopback_url(no)) << no;
}

}  // namespace
}  // namespace wk::test
