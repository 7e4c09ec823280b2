// The kiosk's clock end to end: the real app on a test clock (--test-clock, refused unless its service is
// on this machine), three hours fast against a real wijkqueue at 22:30 local: it learns the service's time,
// IT sees the offset in the fleet view, and the ticket it issues is of the service's today.
#include <cmath>

#include "e2e/kiosk_fixture.hpp"
#include "store/outbox.hpp"
#include "store/tz_file.hpp"

namespace wk::test {
namespace {

constexpr std::int64_t kHour = 3'600'000;

// A device config whose service is `url`, with whatever else a config needs, in `dir`.
std::string config_for(const TempDir& dir, const std::string& role, const std::string& url) {
  write_file(dir.file("token"), "a-token");
  ::chmod(dir.file("token").c_str(), 0600);
  write_file(dir.file("location.toml"), test_location_toml("centrum"));
  const std::string path = dir.file(role + ".toml");
  write_file(path, "role = \"" + role +
                       "\"\nlocation = \"centrum\"\ndata_dir = \"data\"\n"
                       "location_config = \"location.toml\"\n[service]\nurl = \"" +
                       url + "\"\nca_file = \"ca.pem\"\ntoken_file = \"token\"\n");
  return path;
}

TEST(KioskTestClock, IsRefusedForEveryRoleWhenTheServiceIsNotOnThisMachine) {
  TempDir dir("test-clock-refused");
  TestClockFile clock(dir.file("clock"));
  for (const std::string url : {"https://wijkqueue.example.org:8443", "https://localhost.example.org",
                                "https://127.0.0.1.example.org", "https://10.0.0.7"}) {
    for (const std::string role : {"kiosk", "counter", "display"}) {
      const auto r = run_command({bin_path("wijkkiosk"), "--role", role, "--config",
                                  config_for(dir, role, url), "--test-clock", clock.path()});
      EXPECT_EQ(r.exit_code, 2) << role << " " << url << ": " << r.err;
      EXPECT_NE(r.err.find("--test-clock is for tests only"), std::string::npos) << r.err;
    }
    for (const std::string command : {"issue", "sync", "outbox"}) {
      const auto r = run_command({bin_path("wijkkiosk"), command, "--config", config_for(dir, "kiosk", url),
                                  "--topic", "werk", "--test-clock", clock.path()});
      EXPECT_EQ(r.exit_code, 2) << command << " " << url << ": " << r.err;
    }
  }
}

TEST(KioskTestClock, OnThisMachineItIsAnnouncedAndUsed) {
  TempDir dir("test-clock-used");
  TestClockFile clock(dir.file("clock"));
  const UnixMs frozen = an_ordinary_weekday() + 123'000;
  clock.freeze_at(frozen);
  const std::string config = config_for(dir, "kiosk", "https://[::1]:1");
  // `issue` stamps its ticket by the test clock (no service reachable, nothing kept: the clock itself).
  const auto r = run_command(
      {bin_path("wijkkiosk"), "issue", "--config", config, "--topic", "werk", "--test-clock", clock.path()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("WARNING: running on a TEST CLOCK"), std::string::npos) << r.err;
  auto outbox = store::Outbox::open(dir.file("data/outbox.db"));
  ASSERT_TRUE(outbox.ok()) << to_string(outbox.error());
  const auto tickets = outbox.value()->tickets();
  ASSERT_TRUE(tickets.ok());
  ASSERT_EQ(tickets->size(), 1u);
  EXPECT_EQ(tickets->front().created_at, frozen);
  // A clock file that cannot be read is an error at start, not a silent wall clock.
  const auto missing = run_command({bin_path("wijkkiosk"), "issue", "--config", config, "--topic", "werk",
                                    "--test-clock", dir.file("no-such-clock")});
  EXPECT_NE(missing.exit_code, 0);
}

TEST_F(KioskE2E, AKioskThreeHoursFastAtHalfPastTenGivesATicketOfTheServicesToday) {
  const TzRule tz = store::load_tz_rule("Europe/Amsterdam").value();
  const CivilTime day = to_local(tz, an_ordinary_weekday());
  const UnixMs half_past_ten = unix_from_civil(day.year, day.month, day.day, 22, 30, 0) * 1000 -
                               utc_offset_s(tz, an_ordinary_weekday() / 1000) * 1000LL;
  service_.clock().run_from(half_past_ten);
  TestClockFile kiosk_clock(dir_.file("kiosk-clock"));
  kiosk_clock.run_from(service_.now() + 3 * kHour);  // 01:30 tomorrow, by the kiosk's own clock
  ASSERT_NE(local_day(tz, kiosk_clock.now()), local_day(tz, service_.now()));

  write_config();
  start_kiosk(kiosk_clock.path());
  EXPECT_NE(read_file(dir_.file("kiosk.err")).find("TEST CLOCK"), std::string::npos);
  // IT sees how far off the kiosk's clock is, once the kiosk has heard the service's time.
  auto fleet_offset = [&]() -> std::optional<std::int64_t> {
    const auto r = http_request("GET", service_.url("/v1/fleet"), service_.ca_file(), service_.admin_token());
    const auto fleet = nlohmann::json::parse(r.body, nullptr, false);
    if (!fleet.is_object()) return std::nullopt;
    for (const auto& d : fleet.value("devices", nlohmann::json::array()))
      if (d.value("role", "") == "kiosk" && d.contains("heartbeat") && d["heartbeat"].is_object() &&
          d["heartbeat"].contains("clock_offset_ms") && d["heartbeat"]["clock_offset_ms"].is_number_integer())
        return d["heartbeat"]["clock_offset_ms"].get<std::int64_t>();
    return std::nullopt;
  };
  ASSERT_TRUE(wait_until([&] {
    const auto o = fleet_offset();
    return o && std::llabs(*o + 3 * kHour) < 2'000;
  })) << read_file(dir_.file("kiosk.err"));

  const std::string url = take_ticket("nl", "werk");
  HttpResponse r;
  ASSERT_TRUE(wait_until([&] { return (r = public_ticket(token_of(url))).status == 200; })) << r.body;
  EXPECT_EQ(nlohmann::json::parse(r.body)["status"], "waiting") << r.body;

  kiosk_->kill(SIGTERM);
  kiosk_->wait();
  auto outbox = store::Outbox::open(dir_.file("data/outbox.db"));
  ASSERT_TRUE(outbox.ok()) << to_string(outbox.error());
  const auto tickets = outbox.value()->tickets();
  ASSERT_TRUE(tickets.ok());
  ASSERT_EQ(tickets->size(), 1u);
  const Ticket& t = tickets->front();
  EXPECT_EQ(t.local_day, local_day(tz, service_.now()));
  EXPECT_LE(t.created_at, service_.now());
  EXPECT_GE(t.created_at, half_past_ten);
  EXPECT_EQ(to_local(tz, t.created_at).hour, 22) << to_rfc3339(t.created_at);
}

}  // namespace
}  // namespace wk::test
