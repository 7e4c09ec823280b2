// Clock jumps on a running kiosk and service (issue 19): NTP putting a clock an hour back, a clock reset
// to a day ahead, the service's clock stepping past midnight. The kiosk's shell (KioskRuntime, its sync
// worker on) against a real wijkqueue, both on clocks the test holds and moves. Numbering stays unique per
// day, the ticket screen still forgets the resident after its timeout, and the service's day ends when its
// own clock says so.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <map>
#include <set>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/kiosk_runtime.hpp"
#include "support/http_client.hpp"
#include "support/kiosk_device.hpp"
#include "support/temp_dir.hpp"
#include "support/wait.hpp"
#include "support/wijkqueue.hpp"

namespace wk::test {
namespace {

constexpr std::int64_t kHourMs = 3600 * 1000;

class ClockJumps : public ::testing::Test {
 protected:
  void SetUp() override {
    wq_.clock().freeze_at(service_now_);
    write_kiosk_device(dir_.path(), kiosk_device_of(wq_));
    app::RuntimeOptions o;
    o.start_printer = false;
    o.clock = [this] { return service_now_ + kiosk_skew_; };
    o.monotonic = [this] { return service_now_; };  // real time runs on as the service's does
    o.build_time = service_now_ - 30LL * 24 * kHourMs;
    auto opened = app::open_kiosk_runtime(dir_.file("kiosk.toml"), o);
    ASSERT_TRUE(opened.ok()) << to_string(opened.error());
    rt_ = std::move(opened.value());
  }
  void TearDown() override {
    if (rt_) app::close_runtime(*rt_);
  }

  // Both clocks move on by `ms` (the service's through its clock file).
  void pass(std::int64_t ms) {
    service_now_ += ms;
    wq_.clock().freeze_at(service_now_);
  }

  std::string tap(const std::string& topic) {
    app::dispatch(*rt_, ev::StartOver{});
    app::dispatch(*rt_, ev::LanguageChosen{"nl"});
    app::dispatch(*rt_, ev::TopicChosen{topic});
    EXPECT_TRUE(rt_->state.session.ticket.has_value()) << rt_->state.session.failure_code;
    return rt_->state.session.ticket ? rt_->state.session.ticket->code : std::string();
  }

  // The service's tickets as its database holds them (code, local day, status), once `count` arrived.
  struct Row {
    std::string code, day, status;
  };
  std::vector<Row> service_tickets(std::size_t count) {
    std::vector<Row> out;
    wait_until([&] {
      app::drain_inbox(*rt_);
      out.clear();
      sqlite3* db = nullptr;
      if (sqlite3_open_v2(wq_.db_file().c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db, "SELECT code, local_day, status FROM tickets", -1, &st, nullptr) ==
            SQLITE_OK)
          while (sqlite3_step(st) == SQLITE_ROW)
            out.push_back({reinterpret_cast<const char*>(sqlite3_column_text(st, 0)),
                           reinterpret_cast<const char*>(sqlite3_column_text(st, 1)),
                           reinterpret_cast<const char*>(sqlite3_column_text(st, 2))});
        sqlite3_finalize(st);
      }
      sqlite3_close(db);
      return out.size() == count;
    });
    return out;
  }

  Wijkqueue wq_;
  TempDir dir_{"clock-jumps"};
  UnixMs service_now_ = an_ordinary_weekday();  // a Tuesday, 10:00 in Amsterdam
  std::string today_ = local_day(parse_tz_rule("CET-1CEST,M3.5.0,M10.5.0/3").value(), service_now_);
  std::int64_t kiosk_skew_ = 0;
  std::unique_ptr<app::KioskRuntime> rt_;
};

TEST_F(ClockJumps, AnHourBackTheTicketScreenStillForgetsTheResidentAndNumberingGoesOn) {
  EXPECT_EQ(tap("werk"), "W-001");
  kiosk_skew_ = -kHourMs;  // NTP sets the kiosk's clock an hour back while the ticket is on the screen
  pass(5 * 1000);
  app::dispatch(*rt_, ev::Tick{});
  EXPECT_EQ(rt_->state.session.screen, Screen::Ticket);
  pass(rt_->state.ticket_timeout_s * 1000LL);
  app::dispatch(*rt_, ev::Tick{});
  EXPECT_EQ(rt_->state.session.screen, Screen::Welcome)
      << "the previous resident's ticket stayed on the screen";
  EXPECT_EQ(tap("werk"), "W-002") << "an hour back must not start the day's numbering again";

  kiosk_skew_ = 0;  // and forward again
  pass(60 * 1000);
  EXPECT_EQ(tap("werk"), "W-003");
  pass(rt_->state.ticket_timeout_s * 1000LL + 1000);
  app::dispatch(*rt_, ev::Tick{});
  EXPECT_EQ(rt_->state.session.screen, Screen::Welcome);
}

TEST_F(ClockJumps, AKioskClockResetADayAheadStaysOnTheServicesDay) {
  EXPECT_EQ(tap("schulden"), "S-001");
  ASSERT_EQ(service_tickets(1).size(), 1u);  // the sync worker has heard the service's time
  kiosk_skew_ = 24 * kHourMs;
  pass(1000);
  // The kiosk sees its clock jump against the monotonic clock and stamps by the service's time (its
  // offset, less the jump) before the service is heard again: no ticket of tomorrow, no code twice.
  for (std::size_t i = 2; i <= 7; ++i) {
    EXPECT_EQ(tap("schulden"), "S-00" + std::to_string(i));
    pass(2000);
    ASSERT_EQ(service_tickets(i).size(), i) << "ticket " << i << " did not arrive";
  }
  const auto at_service = service_tickets(7);
  ASSERT_EQ(at_service.size(), 7u);
  std::map<std::string, int> per_day;
  std::map<std::pair<std::string, std::string>, int> per_code;
  for (const auto& t : at_service) {
    ++per_day[t.day];
    ++per_code[{t.day, t.code}];
  }
  EXPECT_EQ(per_day[today_], 7) << "a ticket was put on the kiosk's day, not the service's";
  int twins = 0;
  for (const auto& [code, n] : per_code) twins += n - 1;
  EXPECT_EQ(twins, 0) << "a code was given twice on the service's day";
  std::printf("clock a day ahead: %d code twin(s) among 7 tickets\n", twins);
}

TEST_F(ClockJumps, TheServicesClockSteppingPastMidnightEndsItsDayAndTheKioskStartsTheNextAtOne) {
  EXPECT_EQ(tap("anders"), "A-001");
  EXPECT_EQ(tap("anders"), "A-002");
  ASSERT_EQ(service_tickets(2).size(), 2u);
  // Both clocks step to the next morning (the mini-PC was off for the night).
  pass(24 * kHourMs);
  app::dispatch(*rt_, ev::Tick{});
  EXPECT_EQ(tap("anders"), "A-001") << "a new day starts its numbering at 1";
  const auto at_service = service_tickets(3);
  // Yesterday's tickets are no longer waiting: the service's day ended by its own clock; today's is.
  std::map<std::string, std::vector<std::string>> by_day;
  for (const auto& t : at_service) by_day[t.day].push_back(t.code + ":" + t.status);
  ASSERT_EQ(by_day.size(), 2u) << "yesterday's tickets and today's";
  EXPECT_EQ(by_day.begin()->second, (std::vector<std::string>{"A-001:expired", "A-002:expired"}));
  EXPECT_EQ(by_day.rbegin()->second, (std::vector<std::string>{"A-001:waiting"}));
}

}  // namespace
}  // namespace wk::test
