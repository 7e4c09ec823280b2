// The kiosk's shell (KioskRuntime) with a real outbox in a temp dir against a real wijkqueue: a full
// outbox refuses the ticket, tells the resident to go to the desk and tells IT in the heartbeat; the staff
// PIN is checked off the dispatching thread, and its lock-out survives a restart.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "app/kiosk_runtime.hpp"
#include "app/staff_pin.hpp"
#include "support/http_client.hpp"
#include "support/kiosk_device.hpp"
#include "support/temp_dir.hpp"
#include "support/wait.hpp"
#include "support/wijkqueue.hpp"

namespace wk::test {
namespace {

class KioskDiskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    KioskDevice d = kiosk_device_of(wq_);
    d.kiosk_section = "outbox_max_mb = 1\nstaff_pin_hash = \"" + app::hash_staff_pin("2468").value() + "\"\n";
    write_kiosk_device(dir_.path(), d);
  }

  std::unique_ptr<app::KioskRuntime> open(bool start_workers) {
    app::RuntimeOptions o;
    o.start_printer = false;
    o.start_workers = start_workers;
    o.clock = [this] { return wq_.now() + ahead_ms_; };
    auto rt = app::open_kiosk_runtime(dir_.file("kiosk.toml"), o);
    EXPECT_TRUE(rt.ok()) << (rt.ok() ? "" : to_string(rt.error()));
    return rt.ok() ? std::move(rt.value()) : nullptr;
  }

  // Fills the outbox file up to its 1 MiB bound with rows of another table, as weeks of tickets would.
  void fill_outbox() {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(dir_.file("data/outbox.db").c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "CREATE TABLE filler (b BLOB); "
                           "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300) "
                           "INSERT INTO filler SELECT zeroblob(4000) FROM n;",
                           nullptr, nullptr, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(db);
    sqlite3_close(db);
  }

  // The hidden corner held long enough, on the kiosk's own (handed-in) clock.
  void open_pin_pad(app::KioskRuntime& rt) {
    app::dispatch(rt, ev::CornerDown{});
    ahead_ms_ += kStaffHoldMs + 1000;
    app::dispatch(rt, ev::Tick{});
    app::dispatch(rt, ev::CornerUp{});
    ASSERT_EQ(rt.state.session.screen, Screen::StaffPin);
  }

  void type_pin(app::KioskRuntime& rt, const std::string& pin) {
    for (char d : pin) app::dispatch(rt, ev::PinDigit{d});
    app::dispatch(rt, ev::PinSubmit{});
  }

  // Drains the inbox as the GUI does after a wake, until the PIN's verdict was applied.
  bool verdict_arrives(app::KioskRuntime& rt) {
    return wait_until([&] {
      app::drain_inbox(rt);
      return !rt.state.session.pin_checking;
    });
  }

  Wijkqueue wq_;
  TempDir dir_{"kiosk-disk"};
  UnixMs ahead_ms_ = 0;
};

TEST_F(KioskDiskTest, AFullOutboxSendsTheResidentToTheDeskAndTellsIT) {
  { ASSERT_NE(open(false), nullptr); }  // makes the data dir and the outbox
  fill_outbox();
  auto rt = open(true);
  ASSERT_NE(rt, nullptr);
  bool refused = false;
  for (int i = 0; i < 500 && !refused; ++i) {
    app::dispatch(*rt, ev::StartOver{});
    app::dispatch(*rt, ev::LanguageChosen{"nl"});
    app::dispatch(*rt, ev::TopicChosen{"werk"});
    refused = rt->state.session.screen == Screen::Failure;
  }
  ASSERT_TRUE(refused) << "the outbox's bound was never reached";
  EXPECT_EQ(rt->state.session.failure_code, "disk_full");
  EXPECT_FALSE(rt->state.session.ticket.has_value());
  EXPECT_EQ(failure_notice(rt->state), kStoreFullNotice);
  EXPECT_NE(rt->texts.tr("nl", kStoreFullNotice), kStoreFullNotice);  // said in Dutch
  EXPECT_TRUE(rt->outbox_full->load());

  // IT sees it in the fleet view.
  EXPECT_TRUE(wait_until([&] {
    const auto r = http_request("GET", wq_.url("/v1/fleet"), wq_.ca_file(), wq_.admin_token());
    const auto fleet = nlohmann::json::parse(r.body, nullptr, false);
    if (!fleet.is_object() || !fleet.contains("devices")) return false;
    for (const auto& d : fleet["devices"])
      if (d.contains("heartbeat") && d["heartbeat"].is_object() && d["heartbeat"].value("outbox_full", false))
        return true;
    return false;
  }));
  app::stop_workers(*rt);
}

TEST_F(KioskDiskTest, ThePinIsCheckedOffTheDispatchingThread) {
  auto rt = open(false);
  ASSERT_NE(rt, nullptr);
  open_pin_pad(*rt);
  type_pin(*rt, "2468");
  // dispatch returned, and the verdict is not in yet: it comes as an event through the inbox.
  EXPECT_TRUE(rt->state.session.pin_checking);
  EXPECT_EQ(rt->state.session.screen, Screen::StaffPin);
  ASSERT_TRUE(verdict_arrives(*rt));
  EXPECT_EQ(rt->state.session.screen, Screen::StaffPanel);
}

TEST_F(KioskDiskTest, ThePinLockOutSurvivesARestart) {
  {
    auto rt = open(false);
    ASSERT_NE(rt, nullptr);
    open_pin_pad(*rt);
    for (int i = 0; i < kPinMaxTries; ++i) {
      type_pin(*rt, "1111");
      ASSERT_TRUE(verdict_arrives(*rt));
    }
    ASSERT_GT(pin_locked_minutes(rt->state, app::kiosk_time(*rt)), 0);
  }
  auto rt = open(false);
  ASSERT_NE(rt, nullptr);
  EXPECT_GT(pin_locked_minutes(rt->state, app::kiosk_time(*rt)), 0);
  open_pin_pad(*rt);
  type_pin(*rt, "2468");  // the right PIN, but the pad is locked: not even checked
  EXPECT_FALSE(rt->state.session.pin_checking);
  EXPECT_EQ(rt->state.session.screen, Screen::StaffPin);
}

TEST_F(KioskDiskTest, WrongTriesBeforeARestartStillCount) {
  {
    auto rt = open(false);
    ASSERT_NE(rt, nullptr);
    open_pin_pad(*rt);
    for (int i = 0; i < kPinMaxTries - 1; ++i) {
      type_pin(*rt, "1111");
      ASSERT_TRUE(verdict_arrives(*rt));
    }
    ASSERT_EQ(pin_locked_minutes(rt->state, app::kiosk_time(*rt)), 0);
  }
  auto rt = open(false);
  ASSERT_NE(rt, nullptr);
  open_pin_pad(*rt);
  type_pin(*rt, "1111");
  ASSERT_TRUE(verdict_arrives(*rt));
  EXPECT_GT(pin_locked_minutes(rt->state, app::kiosk_time(*rt)), 0);
}

}  // namespace
}  // namespace wk::test
