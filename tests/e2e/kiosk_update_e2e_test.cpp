// The whole way of a release, with the real parts: IT signs and publishes two releases holding the real
// kiosk binary; wijkkiosk-update installs the first, then the second on trial; the real kiosk, started from
// `current` in a real X server, marks itself good; the next check ends the trial.
#include <filesystem>

#include "core/update_trial.hpp"
#include "e2e/kiosk_fixture.hpp"

namespace wk::test {
namespace {
namespace fs = std::filesystem;

class KioskUpdateE2E : public KioskE2E {
 protected:
  std::string root = dir_.file("root");

  RunResult tool(const std::string& name, std::vector<std::string> args) {
    args.insert(args.begin(), bin_path(name));
    return run_command(args);
  }

  void publish(const std::string& version, int serial) {
    const std::string rel = dir_.file("src/" + version);
    fs::create_directories(rel + "/bin");
    fs::copy_file(bin_path("wijkkiosk"), rel + "/bin/wijkkiosk");
    write_file(rel + "/VERSION", version + "\n");
    const auto m =
        tool("wijkkiosk-release", {"manifest", "--dir", rel, "--channel", "stable", "--version", version,
                                   "--serial", std::to_string(serial), "--expires-in-days", "30"});
    ASSERT_EQ(m.exit_code, 0) << m.err;
    const std::string manifest = dir_.file("src/" + version + ".manifest.json");
    write_file(manifest, m.out);
    const auto s = tool("wijkkiosk-release", {"sign", "--key", dir_.file("it.key"), "--manifest", manifest});
    ASSERT_EQ(s.exit_code, 0) << s.err;
    fs::copy_file(manifest, rel + "/manifest.json");
    fs::copy_file(manifest + ".sig", rel + "/manifest.json.sig");
    const auto p = service_.cli({"release", "publish", rel, "--channel", "stable", "--dir", service_.dir()});
    ASSERT_EQ(p.exit_code, 0) << p.err;
  }

  RunResult check() {
    return tool("wijkkiosk-update", {"check", "--prefix", root, "--config", dir_.file("kiosk.toml"), "--unit",
                                     "", "--test-clock", service_.clock().path()});
  }

  std::string update_file(const std::string& name) { return dir_.file("data/update/" + name); }
};

TEST_F(KioskUpdateE2E, TheRealKioskOnTrialMarksItselfGoodAndTheNextCheckKeepsIt) {
  fs::create_directories(root + "/etc/wijkkiosk/release-keys");
  const auto keys = tool("wijkkiosk-release", {"keygen", "--secret", dir_.file("it.key"), "--public",
                                               root + "/etc/wijkkiosk/release-keys/it.pub"});
  ASSERT_EQ(keys.exit_code, 0) << keys.err;
  write_config(60, {}, "[update]\ndevice_id = \"e2e\"\ngood_after_s = 1\n");

  publish("v1", 1);
  const auto first = check();
  ASSERT_EQ(first.exit_code, 0) << first.err;
  publish("v2", 2);
  const auto second = check();
  ASSERT_EQ(second.exit_code, 0) << second.err;
  ASSERT_TRUE(fs::exists(update_file("trial.json"))) << second.err;
  ASSERT_FALSE(fs::exists(update_file("good")));

  // As systemd starts it: the program `current` points at.
  const std::string app = root + "/opt/wijkkiosk/current/bin/wijkkiosk";
  kiosk_.emplace(Process::start({app, "--role", "kiosk", "--config", dir_.file("kiosk.toml"), "--ui-tree",
                                 dir_.file("tree.json"), "--test-clock", service_.clock().path()},
                                dir_.file("kiosk.out"), dir_.file("kiosk.err"), x_.env()));
  ASSERT_TRUE(tree_.wait_for_screen("welcome")) << read_file(dir_.file("kiosk.err"));
  ASSERT_TRUE(wait_until([&] { return fs::exists(update_file("good")); }, std::chrono::seconds(60)))
      << read_file(dir_.file("kiosk.err"));
  EXPECT_EQ(read_file(update_file("good")),
            fs::canonical(root + "/opt/wijkkiosk/releases/v2/bin/wijkkiosk").string() + "\n");

  const auto settled = check();
  ASSERT_EQ(settled.exit_code, 0) << settled.err;
  auto report = update_report_from_json(read_file(update_file("report.json")));
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->state, "trial_passed");
  EXPECT_EQ(report->release, "v2");
  EXPECT_FALSE(fs::exists(update_file("trial.json")));
  EXPECT_EQ(tree_.screen(), "welcome");  // the kiosk ran on through all of it
}

}  // namespace
}  // namespace wk::test
