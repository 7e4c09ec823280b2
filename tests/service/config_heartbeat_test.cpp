// GET /v1/config with its ETag, and POST /v1/heartbeat.
#include <gtest/gtest.h>

#include <limits>

#include "service_test_helpers.hpp"
#include "support/wijkqueue.hpp"

namespace wk::test {
namespace {

class ConfigTest : public ::testing::Test {
 protected:
  Wijkqueue wq;
  HttpResponse get_config(const std::vector<std::string>& headers = {}) {
    return http_request("GET", wq.url("/v1/config"), wq.ca_file(), wq.kiosk_token(), {}, headers);
  }
  HttpResponse heartbeat(const nlohmann::json& body, const std::string& token) {
    return http_request("POST", wq.url("/v1/heartbeat"), wq.ca_file(), token, body.dump());
  }
  // The kiosk's last heartbeat as IT's fleet view shows it.
  nlohmann::json kiosk_heartbeat() {
    const auto fleet =
        nlohmann::json::parse(http_request("GET", wq.url("/v1/fleet"), wq.ca_file(), wq.admin_token()).body);
    for (const auto& d : fleet["devices"])
      if (d["role"] == "kiosk") return d["heartbeat"];
    return nlohmann::json("no kiosk");
  }
};

const nlohmann::json kHeartbeat = {{"version", "0.1.0"},     {"uptime_s", 3600},
                                   {"outbox_depth", 2},      {"oldest_unsent_s", 40},
                                   {"printer", "paper_low"}, {"last_sync_at", "2026-11-24T09:00:00Z"}};

TEST_F(ConfigTest, ConfigComesWithAStrongETagAndIfNoneMatchGives304) {
  const auto r = get_config();
  ASSERT_EQ(r.status, 200) << r.body;
  const auto config = nlohmann::json::parse(r.body);
  EXPECT_EQ(config["id"], "centrum");
  ASSERT_EQ(config["topics"].size(), 3u);
  EXPECT_EQ(config["topics"][1]["id"], "schulden");
  EXPECT_EQ(config["topics"][1]["letter"], "S");
  EXPECT_EQ(config["languages"], (nlohmann::json{"nl", "en"}));

  const std::string etag = r.header("etag");
  ASSERT_GE(etag.size(), 3u);
  EXPECT_EQ(etag.front(), '"') << "a strong ETag is a quoted string without W/";
  EXPECT_EQ(etag.back(), '"');

  const auto same = get_config({"If-None-Match: " + etag});
  EXPECT_EQ(same.status, 304);
  EXPECT_TRUE(same.body.empty());
  EXPECT_EQ(same.header("etag"), etag);
  EXPECT_EQ(get_config({"If-None-Match: \"other\", " + etag}).status, 304);
  EXPECT_EQ(get_config({"If-None-Match: \"other\""}).status, 200);
}

TEST_F(ConfigTest, ANewConfigGetsANewETag) {
  const std::string before = get_config().header("etag");
  std::string toml = test_location_toml("centrum");
  toml.replace(toml.find("Iets anders"), 11, "Iets heel anders");
  write_file(wq.dir() + "/new.toml", toml);
  const auto set = wq.cli(
      {"location", "set-config", "--dir", wq.dir(), "--id", "centrum", "--file", wq.dir() + "/new.toml"});
  ASSERT_EQ(set.exit_code, 0) << set.err;
  const auto after = get_config({"If-None-Match: " + before});
  ASSERT_EQ(after.status, 200) << "the old ETag must not match the new config";
  EXPECT_NE(after.header("etag"), before);
  EXPECT_NE(after.body.find("Iets heel anders"), std::string::npos);
}

TEST_F(ConfigTest, HeartbeatIsStoredAnd204) {
  EXPECT_EQ(heartbeat(kHeartbeat, wq.kiosk_token()).status, 204);
  EXPECT_EQ(heartbeat(kHeartbeat, wq.display_token()).status, 204);
  nlohmann::json first_boot = kHeartbeat;
  first_boot["last_sync_at"] = nullptr;  // never synced yet
  first_boot.erase("oldest_unsent_s");
  first_boot["extra"] = "unknown fields are ignored";
  EXPECT_EQ(heartbeat(first_boot, wq.kiosk_token()).status, 204);
}

TEST_F(ConfigTest, ABadHeartbeatIs422NamingTheField) {
  const std::vector<std::pair<std::string, nlohmann::json>> bad = {
      {"version", ""},          {"uptime_s", -1},       {"outbox_depth", "many"},
      {"oldest_unsent_s", 1.5}, {"printer", "on_fire"}, {"last_sync_at", "noon"}};
  for (const auto& [field, value] : bad) {
    nlohmann::json body = kHeartbeat;
    body[field] = value;
    const auto r = heartbeat(body, wq.kiosk_token());
    EXPECT_EQ(r.status, 422) << field;
    EXPECT_EQ(error_of(r)["field"], field) << r.body;
  }
  for (const std::string field : {"version", "uptime_s", "outbox_depth", "printer"}) {
    nlohmann::json body = kHeartbeat;
    body.erase(field);
    const auto r = heartbeat(body, wq.kiosk_token());
    EXPECT_EQ(r.status, 422) << field;
    EXPECT_EQ(error_of(r)["field"], field) << r.body;
    EXPECT_EQ(error_of(r)["code"], "field_missing") << r.body;
  }
  EXPECT_EQ(heartbeat(nlohmann::json::array(), wq.kiosk_token()).status, 422);
}

}  // namespace
}  // namespace wk::test

namespace wk::test {
namespace {

// IT's fleet view: every device with its last heartbeat, for the admin only.
TEST_F(ConfigTest, FleetShowsTheLastHeartbeatToTheAdminOnly) {
  ASSERT_EQ(heartbeat(kHeartbeat, wq.kiosk_token()).status, 204);
  EXPECT_EQ(http_request("GET", wq.url("/v1/fleet"), wq.ca_file()).status, 401);
  EXPECT_EQ(http_request("GET", wq.url("/v1/fleet"), wq.ca_file(), wq.kiosk_token()).status, 403);
  EXPECT_EQ(http_request("GET", wq.url("/v1/fleet"), wq.ca_file(), wq.display_token()).status, 403);
  const auto r = http_request("GET", wq.url("/v1/fleet"), wq.ca_file(), wq.admin_token());
  ASSERT_EQ(r.status, 200) << r.body;
  const auto fleet = nlohmann::json::parse(r.body);
  ASSERT_EQ(fleet["devices"].size(), 2u) << "the admin is not a device of the fleet";
  int kiosks = 0;
  for (const auto& d : fleet["devices"]) {
    if (d["role"] != "kiosk") {
      EXPECT_TRUE(d["heartbeat"].is_null());
      continue;
    }
    ++kiosks;
    EXPECT_EQ(d["heartbeat"]["printer"], "paper_low");
    EXPECT_EQ(d["heartbeat"]["outbox_depth"], 2);
    EXPECT_TRUE(d["last_seen_at"].is_string());
  }
  EXPECT_EQ(kiosks, 1);
}

TEST_F(ConfigTest, FleetTellsWhetherAKioskUsesItsLocationsNewestConfig) {
  const std::string etag = get_config().header("etag");
  ASSERT_FALSE(etag.empty());
  auto hb = kHeartbeat;
  hb["config_etag"] = etag;
  ASSERT_EQ(heartbeat(hb, wq.kiosk_token()).status, 204);
  ASSERT_EQ(heartbeat(kHeartbeat, wq.display_token()).status, 204);  // says nothing of its config
  auto current = [&](const std::string& role) {
    const auto fleet =
        nlohmann::json::parse(http_request("GET", wq.url("/v1/fleet"), wq.ca_file(), wq.admin_token()).body);
    for (const auto& d : fleet["devices"])
      if (d["role"] == role) return d["config_current"];
    return nlohmann::json("no such device");
  };
  EXPECT_EQ(current("kiosk"), true);
  EXPECT_TRUE(current("display").is_null());

  // IT changes the config: until the kiosk's next heartbeat says otherwise, it is behind.
  write_file(wq.dir() + "/changed.toml",
             test_location_toml(wq.location()) + "\n# changed\n[hours]\nmon = [\"09:00-12:00\"]\n");
  const auto set = wq.cli({"location", "set-config", "--dir", wq.dir(), "--id", wq.location(), "--file",
                           wq.dir() + "/changed.toml"});
  ASSERT_EQ(set.exit_code, 0) << set.err;
  EXPECT_EQ(current("kiosk"), false);

  hb["config_etag"] = 42;
  EXPECT_EQ(heartbeat(hb, wq.kiosk_token()).status, 422);
}

// A kiosk says how far the service's clock is from its own; IT sees it in the fleet view.
TEST_F(ConfigTest, TheHeartbeatsClockOffsetIsKeptAndTheFleetShowsIt) {
  auto hb = kHeartbeat;
  hb["clock_offset_ms"] = -3 * 3'600'000;  // the kiosk's clock runs three hours fast
  ASSERT_EQ(heartbeat(hb, wq.kiosk_token()).status, 204);
  EXPECT_EQ(kiosk_heartbeat()["clock_offset_ms"], -10'800'000);
  hb["clock_offset_ms"] = 2LL * 365 * 86'400'000;  // a clock two years behind is still a number to show
  ASSERT_EQ(heartbeat(hb, wq.kiosk_token()).status, 204);
  EXPECT_EQ(kiosk_heartbeat()["clock_offset_ms"], 63'072'000'000LL);
  hb["clock_offset_ms"] = nullptr;  // not known yet
  ASSERT_EQ(heartbeat(hb, wq.kiosk_token()).status, 204);
  EXPECT_TRUE(kiosk_heartbeat()["clock_offset_ms"].is_null());
  ASSERT_EQ(heartbeat(kHeartbeat, wq.kiosk_token()).status, 204) << "an older kiosk does not send it";
  EXPECT_TRUE(kiosk_heartbeat()["clock_offset_ms"].is_null());

  const std::int64_t century = 100LL * 366 * 86'400'000;
  for (const nlohmann::json& bad :
       {nlohmann::json(1.5), nlohmann::json("3h"), nlohmann::json(true), nlohmann::json(century + 1),
        nlohmann::json(-century - 1), nlohmann::json(std::numeric_limits<std::uint64_t>::max())}) {
    hb["clock_offset_ms"] = bad;
    const auto r = heartbeat(hb, wq.kiosk_token());
    EXPECT_EQ(r.status, 422) << bad.dump();
    EXPECT_EQ(error_of(r)["field"], "clock_offset_ms") << r.body;
  }
  hb["clock_offset_ms"] = -century;
  EXPECT_EQ(heartbeat(hb, wq.kiosk_token()).status, 204) << "the bound itself is allowed";
}

// The updater's last report rides along (docs/updates.md): kept as sent, so IT sees it in the fleet view.
TEST_F(ConfigTest, TheHeartbeatsUpdateReportIsKeptAndTheFleetShowsIt) {
  const nlohmann::json report = {{"state", "refused"},
                                 {"release", "/opt/wijkkiosk/releases/1.4.0"},
                                 {"version", "1.5.0"},
                                 {"code", "bad_signature"},
                                 {"message", "Versie 1.5.0 is niet door IT ondertekend."},
                                 {"at", "2026-11-24T03:10:00Z"},
                                 {"bad_versions", nlohmann::json::array()}};
  auto hb = kHeartbeat;
  hb["update"] = report;
  ASSERT_EQ(heartbeat(hb, wq.kiosk_token()).status, 204);
  EXPECT_EQ(kiosk_heartbeat()["update"], report);
  hb["update"] = nullptr;  // no update has run yet
  ASSERT_EQ(heartbeat(hb, wq.kiosk_token()).status, 204);
  EXPECT_TRUE(kiosk_heartbeat()["update"].is_null());
  hb["update"] = report;
  ASSERT_EQ(heartbeat(hb, wq.display_token()).status, 204) << "a display's updater reports the same way";

  // Exactly at the bound is fine; one byte over, and anything but an object or null, is refused.
  auto of_size = [&](std::size_t bytes) {
    nlohmann::json r = report;
    r["message"] = "";
    r["message"] = std::string(bytes - r.dump().size(), 'x');
    return r;
  };
  hb["update"] = of_size(4096);
  ASSERT_EQ(hb["update"].dump().size(), 4096u);
  EXPECT_EQ(heartbeat(hb, wq.kiosk_token()).status, 204);
  for (const nlohmann::json& bad :
       {of_size(4097), nlohmann::json("installed"), nlohmann::json::array({report}), nlohmann::json(7),
        nlohmann::json(true)}) {
    hb["update"] = bad;
    const auto r = heartbeat(hb, wq.kiosk_token());
    EXPECT_EQ(r.status, 422) << bad.dump().substr(0, 80);
    EXPECT_EQ(error_of(r)["field"], "update") << r.body;
    EXPECT_EQ(error_of(r)["code"], "field_invalid") << r.body;
  }
  EXPECT_EQ(kiosk_heartbeat()["update"].dump().size(), 4096u) << "a refused heartbeat changes nothing";
}

TEST_F(ConfigTest, HeartbeatAcceptsCoverOpen) {
  auto hb = kHeartbeat;
  hb["printer"] = "cover_open";
  EXPECT_EQ(heartbeat(hb, wq.kiosk_token()).status, 204);
  hb["printer"] = "on_fire";
  EXPECT_EQ(heartbeat(hb, wq.kiosk_token()).status, 422);
}

}  // namespace
}  // namespace wk::test
