// The kiosk on a really full disk (issue 19): its whole folder (config, token, outbox) on a small tmpfs
// that the test fills to the last byte, the real sync worker sending to a real wijkqueue. The resident is
// sent to the desk in words, IT sees it in the heartbeat, every ticket stored before stays and reaches the
// service, and once there is room the next tap gives a ticket again, without a restart.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <set>

#include <nlohmann/json.hpp>

#include "app/kiosk_runtime.hpp"
#include "support/http_client.hpp"
#include "support/kiosk_device.hpp"
#include "support/small_disk.hpp"
#include "support/wait.hpp"
#include "support/wijkqueue.hpp"

namespace wk::test {
namespace {

bool heartbeat_says_full(const Wijkqueue& wq, bool full) {
  const auto r = http_request("GET", wq.url("/v1/fleet"), wq.ca_file(), wq.admin_token());
  const auto fleet = nlohmann::json::parse(r.body, nullptr, false);
  if (!fleet.is_object() || !fleet.contains("devices")) return false;
  for (const auto& d : fleet["devices"])
    if (d.contains("heartbeat") && d["heartbeat"].is_object() && d["heartbeat"].contains("outbox_full"))
      if (d["heartbeat"]["outbox_full"].get<bool>() == full) return true;
  return false;
}

std::set<std::string> service_ticket_ids(const Wijkqueue& wq) {
  std::set<std::string> ids;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(wq.db_file().c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT id FROM tickets", -1, &s, nullptr) == SQLITE_OK)
      while (sqlite3_step(s) == SQLITE_ROW)
        ids.insert(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
    sqlite3_finalize(s);
  }
  sqlite3_close(db);
  return ids;
}

TEST(KioskDiskFull, TheResidentGoesToTheDeskITIsToldNothingIsLostAndTheKioskRecoversByItself) {
  Wijkqueue wq;
  SmallDisk disk(4);
  const std::string dir = disk.path();
  write_kiosk_device(dir, kiosk_device_of(wq));
  app::RuntimeOptions o;
  o.start_printer = false;
  o.clock = [&wq] { return wq.now(); };
  auto opened = app::open_kiosk_runtime(dir + "/kiosk.toml", o);
  ASSERT_TRUE(opened.ok()) << to_string(opened.error());
  auto& rt = *opened.value();

  std::set<std::string> shown;  // tickets the resident saw on the screen
  auto tap = [&] {
    app::dispatch(rt, ev::StartOver{});
    app::dispatch(rt, ev::LanguageChosen{"nl"});
    app::dispatch(rt, ev::TopicChosen{"werk"});
    if (rt.state.session.ticket) shown.insert(rt.state.session.ticket->id);
    return rt.state.session.screen != Screen::Failure;
  };
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(tap());

  disk.fill();
  ASSERT_LT(disk.free_bytes(), 4096u);
  bool refused = false;
  for (int i = 0; i < 3000 && !refused; ++i) refused = !tap();
  ASSERT_TRUE(refused) << "a full disk never refused a ticket";
  EXPECT_EQ(rt.state.session.failure_code, "disk_full");
  EXPECT_FALSE(rt.state.session.ticket.has_value()) << "no ticket on screen that is not stored";
  EXPECT_EQ(failure_notice(rt.state), kStoreFullNotice);
  EXPECT_NE(rt.texts.tr("nl", kStoreFullNotice), kStoreFullNotice) << "said in Dutch";
  EXPECT_TRUE(rt.outbox_full->load());
  EXPECT_TRUE(wait_until([&] { return heartbeat_says_full(wq, true); }, std::chrono::seconds(60)))
      << "IT was not told in the heartbeat";

  // Room again: the very next tap gives a ticket, and the heartbeat clears.
  disk.make_room();
  ASSERT_TRUE(tap()) << "the kiosk did not recover by itself: " << rt.state.session.failure_code;
  EXPECT_TRUE(rt.state.session.ticket.has_value());
  EXPECT_FALSE(rt.outbox_full->load());
  EXPECT_TRUE(wait_until([&] { return heartbeat_says_full(wq, false); }, std::chrono::seconds(60)));

  // Every ticket the resident saw, before and after, reaches the service, and nothing else.
  EXPECT_TRUE(wait_until([&] { return service_ticket_ids(wq) == shown; }, std::chrono::seconds(60)))
      << shown.size() << " shown, " << service_ticket_ids(wq).size() << " at the service";
  app::close_runtime(rt);
  std::printf("kiosk disk full: %zu tickets shown, all at the service\n", shown.size());
}

}  // namespace
}  // namespace wk::test
