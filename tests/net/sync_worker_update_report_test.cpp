// The heartbeat carries the updater's report (docs/updates.md) to a real wijkqueue, where IT reads it in
// GET /v1/fleet; a report that is not a JSON object stays home and the heartbeat goes on without it.
#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/update_trial.hpp"
#include "net/sync_worker.hpp"
#include "net_test_util.hpp"
#include "support/http_client.hpp"
#include "support/temp_dir.hpp"
#include "support/wait.hpp"

namespace wk::net {
namespace {

class HeartbeatUpdateReportTest : public ::testing::Test {
 protected:
  // The report file as the app reads it for the sync worker: its text, or none when it is not there.
  SyncWorker::Options options(const std::string& version) {
    SyncWorker::Options o;
    o.outbox_path = dir_.file("outbox.db");
    o.client = testing::client_options(service_, service_.kiosk_token());
    o.now = testing::wall_ms;
    o.version = version;
    o.update_report = [path = dir_.file("report.json")]() -> std::optional<std::string> {
      if (!std::filesystem::exists(path)) return std::nullopt;
      return test::read_file(path);
    };
    return o;
  }
  // The kiosk's last heartbeat as IT sees it; null until there is one.
  nlohmann::json kiosk_heartbeat() {
    const auto r =
        test::http_request("GET", service_.url("/v1/fleet"), service_.ca_file(), service_.admin_token());
    if (r.status != 200) return nullptr;
    const auto fleet = nlohmann::json::parse(r.body);
    for (const auto& d : fleet["devices"])
      if (d["role"] == "kiosk") return d["heartbeat"];
    return nullptr;
  }
  // Runs a sync worker until the fleet shows its heartbeat (known by its version); returns that heartbeat.
  nlohmann::json heartbeat_of(const std::string& version) {
    SyncWorker worker(options(version));
    worker.start();
    nlohmann::json seen;
    EXPECT_TRUE(test::wait_until([&] {
      seen = kiosk_heartbeat();
      return seen.is_object() && seen["version"] == version;
    })) << service_.server_log();
    worker.stop();
    return seen;
  }

  test::Wijkqueue service_;
  test::TempDir dir_{"heartbeat-update"};
};

TEST_F(HeartbeatUpdateReportTest, TheUpdatersReportArrivesInTheFleetView) {
  UpdateReport report;
  report.state = "rolled_back";
  report.release = "/opt/wijkkiosk/releases/1.4.0";
  report.version = "1.5.0";
  report.code = "trial_failed";
  report.message = "Versie 1.5.0 startte niet goed; 1.4.0 draait weer.";
  report.at = 1'790'000'000'000;
  report.bad_versions = {"1.5.0"};
  test::write_file(dir_.file("report.json"), update_report_to_json(report));

  const nlohmann::json hb = heartbeat_of("1.4.0");
  ASSERT_TRUE(hb.contains("update")) << hb.dump();
  EXPECT_EQ(hb["update"], nlohmann::json::parse(update_report_to_json(report)));
  EXPECT_EQ(hb["update"]["state"], "rolled_back");
  EXPECT_EQ(hb["update"]["bad_versions"], nlohmann::json::array({"1.5.0"}));
}

TEST_F(HeartbeatUpdateReportTest, WithoutAReadableReportTheHeartbeatHasNoUpdate) {
  // No report yet (no update has run): the heartbeat is stored, its update null.
  nlohmann::json hb = heartbeat_of("1.4.1");
  EXPECT_TRUE(hb["update"].is_null()) << hb.dump();

  // A torn or foreign file is not sent: the service would refuse the whole heartbeat for it.
  const std::vector<std::string> not_objects = {"{\"state\": \"idle\"", "[1, 2]", "\"idle\"", ""};
  for (std::size_t i = 0; i < not_objects.size(); ++i) {
    const std::string& text = not_objects[i];
    test::write_file(dir_.file("report.json"), text);
    hb = heartbeat_of("1.4.2-" + std::to_string(i));
    EXPECT_TRUE(hb["update"].is_null()) << text << " gave " << hb.dump();
  }

  // One too large for the service is left out too, and the heartbeat still arrives.
  test::write_file(dir_.file("report.json"), nlohmann::json{{"message", std::string(5000, 'x')}}.dump());
  hb = heartbeat_of("1.4.3");
  EXPECT_TRUE(hb["update"].is_null()) << hb.dump().size();
}

}  // namespace
}  // namespace wk::net
