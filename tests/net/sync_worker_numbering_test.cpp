// The sync worker asks the service where today's numbering stands after every start, until it has heard
// (so a kiosk that lost its data folder learns it as soon as the service is there), hands it on once, and
// its heartbeat carries the kiosk's slot for the fleet view.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <vector>

#include <nlohmann/json.hpp>

#include "net/sync_worker.hpp"
#include "net_test_util.hpp"
#include "support/http_client.hpp"
#include "support/temp_dir.hpp"
#include "support/wait.hpp"

namespace wk::net {
namespace {

TEST(SyncWorkerNumbering, AsksUntilTheServiceAnswersAndHandsItOnOnce) {
  test::Wijkqueue service;
  const UnixMs now = service.now();
  const auto posted =
      test::http_request("POST", service.url("/v1/tickets"), service.ca_file(), service.kiosk_token(),
                         nlohmann::json{{"id", "00000000-0000-4000-8000-000000000005"},
                                        {"code", "S-005"},
                                        {"topic", "schulden"},
                                        {"language", "nl"},
                                        {"created_at", to_rfc3339(now)},
                                        {"public_token", "publicTokenForNumbering0005"}}
                             .dump());
  ASSERT_EQ(posted.status, 201) << posted.body;
  service.stop();  // the kiosk starts while the service is away

  test::TempDir dir("sync-numbering");
  std::mutex mu;
  std::vector<DayNumbering> heard;
  SyncWorker::Options o;
  o.outbox_path = dir.file("outbox.db");
  o.client = testing::client_options(service, service.kiosk_token());
  o.base_backoff_ms = 20;
  o.max_backoff_ms = 100;
  o.idle_poll_ms = 50;
  o.slot = 2;
  o.slots = 3;
  o.on_numbering = [&](DayNumbering n) {
    std::lock_guard lock(mu);
    heard.push_back(std::move(n));
  };
  SyncWorker worker(std::move(o));
  worker.start();
  ASSERT_TRUE(test::wait_until([&] { return worker.status().unreachable_since.has_value(); }));
  {
    std::lock_guard lock(mu);
    EXPECT_TRUE(heard.empty());
  }
  service.start();
  ASSERT_TRUE(test::wait_until(
      [&] {
        std::lock_guard lock(mu);
        return !heard.empty();
      },
      std::chrono::seconds(20)));
  {
    std::lock_guard lock(mu);
    EXPECT_EQ(heard[0],
              (DayNumbering{local_day(store::load_tz_rule("Europe/Amsterdam").value(), now), {{'S', 5}}}));
  }
  // The heartbeat says the slot; after it (and more rounds), numbering was still handed on only once.
  worker.heartbeat_now();
  auto fleet_slot = [&] {
    const auto r =
        test::http_request("GET", service.url("/v1/fleet"), service.ca_file(), service.admin_token());
    const auto j = nlohmann::json::parse(r.body, nullptr, false);
    if (!j.is_object()) return nlohmann::json();
    for (const auto& d : j["devices"])
      if (d["role"] == "kiosk" && d["heartbeat"].is_object() && d["heartbeat"].contains("slot"))
        return nlohmann::json{d["heartbeat"]["slot"], d["heartbeat"]["slots"]};
    return nlohmann::json();
  };
  ASSERT_TRUE(test::wait_until([&] {
    return fleet_slot() == nlohmann::json{2, 3};
  })) << test::http_request("GET", service.url("/v1/fleet"), service.ca_file(), service.admin_token()).body;
  worker.stop();
  std::lock_guard lock(mu);
  EXPECT_EQ(heard.size(), 1u);
}

}  // namespace
}  // namespace wk::net
