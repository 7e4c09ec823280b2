// wijkkiosk-update for real, in a temp prefix against a real wijkqueue: v1 → v2, each refusal (and v1
// still runs), a download resumed, SIGKILL at every step of an install, trials that fail and roll back,
// and a rollout's share.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <set>

#include "updater_fixture.hpp"

namespace wk::test {
namespace {
namespace fs = std::filesystem;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_F(UpdaterTest, TheFirstReleaseIsInstalledAndV2ReplacesItOnTrialUntilTheAppSaysItIsGood) {
  install_v1();
  EXPECT_TRUE(complete("v1"));
  EXPECT_FALSE(has_trial());  // nothing to go back to: no trial
  std::string said;
  EXPECT_EQ(run_app(&said), 0);
  EXPECT_EQ(said, "wijkkiosk v1\n");

  publish_ok({"v2", 2});
  const auto r = update();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(current(), "v2");
  EXPECT_EQ(previous(), "v1");
  EXPECT_TRUE(complete("v2"));
  EXPECT_TRUE(has_trial());
  EXPECT_EQ(report().state, "installed");
  EXPECT_TRUE(contains(systemctl_calls(), "try-restart --no-block wijkkiosk.service")) << systemctl_calls();
  EXPECT_EQ(run_app(&said), 0);
  EXPECT_EQ(said, "wijkkiosk v2\n");
  EXPECT_EQ(state().highest_serial_seen, 1u);  // remembered once the trial is settled

  mark_good();
  ASSERT_EQ(update().exit_code, 0);
  EXPECT_EQ(report().state, "trial_passed");
  EXPECT_FALSE(has_trial());
  EXPECT_EQ(state().highest_serial_seen, 2u);
  EXPECT_EQ(current(), "v2");

  const auto again = update();
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(report().state, "idle");
  EXPECT_EQ(report().release, "v2");
}

// Each refusal leaves v1 running and names its reason in the report (the heartbeat's) and the log.
void expect_refused(UpdaterTest& t, const RunResult& r, const std::string& code, const std::string& current) {
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(contains(r.err, code)) << r.err;
  const auto report = t.report();
  EXPECT_EQ(report.state, "refused");
  EXPECT_EQ(report.code, code);
  EXPECT_FALSE(report.message.empty());
  EXPECT_EQ(report.release, current);
}

class UpdaterRefusalTest : public UpdaterTest {
 protected:
  void expect_v1_runs() {
    EXPECT_EQ(current(), "v1");
    EXPECT_TRUE(complete("v1"));
    EXPECT_FALSE(has_trial());
    std::string said;
    EXPECT_EQ(run_app(&said), 0);
    EXPECT_EQ(said, "wijkkiosk v1\n");
  }
};

TEST_F(UpdaterRefusalTest, ABadSignature) {
  install_v1();
  const auto other = untrusted_key("stranger");
  publish_ok({"v2", 2, 0, 4096, 30, 100, "stable", other});
  expect_refused(*this, update(), "bad_signature", "v1");
  expect_v1_runs();
  EXPECT_FALSE(fs::exists(root + "/opt/wijkkiosk/releases/v2.partial"));  // not a byte fetched
}

TEST_F(UpdaterRefusalTest, ALowerSerial) {
  publish_ok({"v1", 5});
  ASSERT_EQ(update().exit_code, 0);
  publish_ok({"v2", 3, 0, 4096, 30, 100, "old"});
  write_config("device_id = \"kiosk-test\"\nchannel = \"old\"\n");
  expect_refused(*this, update(), "serial_not_newer", "v1");
  expect_v1_runs();
}

TEST_F(UpdaterRefusalTest, AReplayedOlderManifest) {
  install_v1();
  publish_ok({"v2", 2});
  ASSERT_EQ(update().exit_code, 0);
  mark_good();
  ASSERT_EQ(update().exit_code, 0);
  ASSERT_EQ(report().state, "trial_passed");
  // Someone between the kiosk and IT hands out serial 1's manifest and signature again: both genuine.
  const std::string served = wq.dir() + "/releases/stable/2/";
  fs::copy_file(wq.dir() + "/releases/stable/1/manifest.json", served + "manifest.json",
                fs::copy_options::overwrite_existing);
  fs::copy_file(wq.dir() + "/releases/stable/1/manifest.json.sig", served + "manifest.json.sig",
                fs::copy_options::overwrite_existing);
  expect_refused(*this, update(), "serial_not_newer", "v2");
  EXPECT_EQ(current(), "v2");
}

TEST_F(UpdaterRefusalTest, AnExpiredManifest) {
  install_v1();
  publish_ok({"v2", 2, 0, 4096, /*expires_in_days=*/1});
  clock.run_from(real_time_ms() + 2 * kUpdaterDay);
  expect_refused(*this, update(), "expired", "v1");
  expect_v1_runs();
}

TEST_F(UpdaterRefusalTest, AClockResetTo1970RevivesNoExpiredManifest) {
  clock.run_from(real_time_ms() + 3 * kUpdaterDay);
  install_v1();  // accepted three days on: that time is remembered
  publish_ok({"v2", 2, 0, 4096, /*expires_in_days=*/1});
  clock.freeze_at(0);  // a power cut reset the clock
  expect_refused(*this, update(), "expired", "v1");
  expect_v1_runs();
}

TEST_F(UpdaterRefusalTest, AWrongHash) {
  install_v1();
  publish_ok({"v2", 2});
  const std::string served = wq.dir() + "/releases/stable/2/files/share/wijkkiosk/payload.bin";
  std::string bytes = read_file(served);
  bytes[100] = static_cast<char>(bytes[100] ^ 0x5a);  // same size, other bytes
  write_file(served, bytes);
  expect_refused(*this, update(), "wrong_hash", "v1");
  expect_v1_runs();
  EXPECT_FALSE(fs::exists(root + "/opt/wijkkiosk/releases/v2"));
}

TEST_F(UpdaterRefusalTest, AnOversizedFileAndNotOneByteTooManyOnDisk) {
  install_v1();
  publish_ok({"v2", 2, 0, 100000});
  // A service that was broken into sends more than the signed manifest says (it keeps its own list).
  serve_longer_file(2, "share/wijkkiosk/payload.bin", 300000);
  expect_refused(*this, update(), "oversized", "v1");
  expect_v1_runs();
  const std::string partial = root + "/opt/wijkkiosk/releases/v2.partial/share/wijkkiosk/payload.bin";
  EXPECT_LE(fs::file_size(partial), 100000u);
}

TEST_F(UpdaterRefusalTest, AFullDisk) {
  install_v1();
  publish_ok({"v2", 2});
  // More to keep free than any test machine has: the same refusal as a full disk, by the same statvfs.
  write_config("device_id = \"kiosk-test\"\nkeep_free_mb = 1000000000\n");
  expect_refused(*this, update(), "disk_full", "v1");
  expect_v1_runs();
}

TEST_F(UpdaterTest, ABrokenDownloadIsResumedByTheNextRun) {
  install_v1();
  publish_ok({"v2", 2, 0, 1024 * 1024});
  // The power goes after the program file and three pieces of 64 KiB of the payload reached the disk.
  const auto cut = update("check", {{"WIJKKIOSK_UPDATE_KILL_AT_STEP", "4"}});
  EXPECT_EQ(cut.exit_code, 128 + SIGKILL) << cut.err;
  const std::string partial = root + "/opt/wijkkiosk/releases/v2.partial/share/wijkkiosk/payload.bin";
  const auto had = fs::file_size(partial);
  EXPECT_GE(had, 3u * 64 * 1024);
  EXPECT_LT(had, 1024u * 1024);
  EXPECT_EQ(current(), "v1");

  const auto r = update();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.err, "resuming share/wijkkiosk/payload.bin at byte " + std::to_string(had)))
      << r.err;
  EXPECT_EQ(current(), "v2");
  EXPECT_TRUE(complete("v2"));
}

TEST_F(UpdaterTest, KilledAtEveryStepOfAnInstallCurrentIsAlwaysACompleteV1OrV2AndTheNextRunFinishes) {
  install_v1();
  publish_ok({"v2", 2, 0, 300 * 1024});
  const std::string pristine = tmp.file("pristine");
  fs::copy(root, pristine, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  int steps = 0;
  for (int n = 1; n < 200; ++n) {
    fs::remove_all(root);
    fs::copy(pristine, root, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
    const auto cut = update("check", {{"WIJKKIOSK_UPDATE_KILL_AT_STEP", std::to_string(n)}});
    if (cut.exit_code == 0) break;  // the whole install has fewer steps than n
    ASSERT_EQ(cut.exit_code, 128 + SIGKILL) << "step " << n << ": " << cut.err;
    ++steps;
    const std::string now_current = current();
    ASSERT_TRUE(now_current == "v1" || now_current == "v2") << "step " << n << ": " << now_current;
    EXPECT_TRUE(complete(now_current)) << "step " << n;

    const auto next = update();
    ASSERT_EQ(next.exit_code, 0) << "step " << n << ": " << next.err;
    EXPECT_EQ(current(), "v2") << "step " << n;
    EXPECT_TRUE(complete("v2")) << "step " << n;
    EXPECT_TRUE(has_trial()) << "step " << n;
    EXPECT_EQ(previous(), "v1") << "step " << n;
  }
  // Five pieces, two files, the staging, the trial record, previous, current.
  EXPECT_GE(steps, 9);
}

TEST_F(UpdaterTest, AV2ThatCrashesAtStartIsRolledBackByTheAppsStartsAndNeverInstalledAgain) {
  install_v1();
  publish_ok({"v2", 2, /*app_exit=*/1});
  ASSERT_EQ(update().exit_code, 0);
  ASSERT_EQ(current(), "v2");
  // systemd: ExecStartPre=wijkkiosk-update on-start, then the app; Restart=always.
  int v2_runs = 0;
  for (int start = 0; start < 10; ++start) {
    ASSERT_EQ(update("on-start").exit_code, 0);
    std::string said;
    if (run_app(&said) == 0) {
      EXPECT_EQ(said, "wijkkiosk v1\n");
      break;
    }
    ++v2_runs;
  }
  EXPECT_EQ(v2_runs, 3);  // [update] tries
  EXPECT_EQ(current(), "v1");
  EXPECT_FALSE(has_trial());
  EXPECT_EQ(report().state, "rolled_back");
  EXPECT_EQ(report().version, "v2");
  EXPECT_EQ(report().bad_versions, std::set<std::string>{"v2"});
  EXPECT_EQ(state().bad_versions, std::set<std::string>{"v2"});

  expect_refused(*this, update(), "bad_version", "v1");
  EXPECT_FALSE(fs::exists(root + "/opt/wijkkiosk/releases/v2"));
  EXPECT_FALSE(fs::exists(root + "/opt/wijkkiosk/releases/v2.partial"));
}

TEST_F(UpdaterTest, AV2ThatNeverMarksItselfGoodIsRolledBackByTheChecks) {
  install_v1();
  publish_ok({"v2", 2});
  ASSERT_EQ(update().exit_code, 0);
  ASSERT_EQ(current(), "v2");
  int checks = 0;
  while (current() == "v2" && checks < 10) {
    ASSERT_EQ(run_app(), 0);  // it runs, but never writes `good`
    ASSERT_EQ(update().exit_code, 0);
    ++checks;
  }
  EXPECT_EQ(checks, 4);  // three tries, then back
  EXPECT_EQ(current(), "v1");
  EXPECT_EQ(report().state, "rolled_back");
  EXPECT_EQ(report().code, "not_good");
  EXPECT_TRUE(contains(systemctl_calls(), "reset-failed wijkkiosk.service")) << systemctl_calls();
  expect_refused(*this, update(), "bad_version", "v1");
}

TEST_F(UpdaterTest, SystemdsStartLimitRollsATrialBackAtOnce) {
  install_v1();
  publish_ok({"v2", 2, 1});
  ASSERT_EQ(update().exit_code, 0);
  write_file(unit_failed, "");  // systemd gave up on the app: OnFailure runs the updater
  ASSERT_EQ(update().exit_code, 0);
  EXPECT_EQ(current(), "v1");
  EXPECT_EQ(report().code, "start_limit");
  const std::string calls = systemctl_calls();
  const auto reset = calls.rfind("reset-failed wijkkiosk.service");
  const auto restart = calls.rfind("\nrestart --no-block wijkkiosk.service");  // started, not try-restarted
  ASSERT_NE(reset, std::string::npos) << calls;
  ASSERT_NE(restart, std::string::npos) << calls;
  EXPECT_LT(reset, restart);
}

TEST_F(UpdaterTest, AnOrdinaryStartWritesNothing) {
  install_v1();
  const std::string before = read_file(state_file("report.json"));
  ASSERT_EQ(update("on-start").exit_code, 0);
  EXPECT_EQ(read_file(state_file("report.json")), before);
  EXPECT_EQ(current(), "v1");
}

TEST_F(UpdaterTest, ARolloutOf30PercentReachesTheDevicesInItsBucketsOnly) {
  // Three device ids on either side of the line, as the pinned bucket function places them.
  std::vector<std::string> inside, outside;
  for (int i = 0; inside.size() < 3 || outside.size() < 3; ++i) {
    const std::string id = "kiosk-" + std::to_string(i);
    (in_rollout(id, 30) ? inside : outside).push_back(id);
  }
  publish_ok({"v1", 1, 0, 4096, 30, /*rollout=*/30});
  for (std::size_t k = 0; k < 3; ++k) {
    for (const auto& [id, reached] : {std::pair{inside[k], true}, std::pair{outside[k], false}}) {
      fs::remove_all(root + "/opt");
      fs::remove_all(data_dir + "/update");
      write_config("device_id = \"" + id + "\"\n");
      const auto r = update();
      EXPECT_EQ(r.exit_code, 0) << id << ": " << r.err;  // outside a rollout is no failure
      EXPECT_EQ(current(), reached ? "v1" : "") << id;
      if (!reached) {
        EXPECT_EQ(report().code, "outside_rollout") << id;
      }
    }
  }
}

TEST_F(UpdaterTest, TheChannelIsTheLocationsUnlessTheDeviceNamesItsOwn) {
  publish_ok({"v1", 1, 0, 4096, 30, 100, "pilot"});
  // The location's config (as installed beside the device config, or as last fetched) names the channel.
  const std::string location = root + "/etc/wijkkiosk/location.toml";
  write_file(location, "release_channel = \"pilot\"\n" + test_location_toml(wq.location()));
  write_config("device_id = \"kiosk-test\"\n");
  write_file(config, "location_config = \"" + location + "\"\n" + read_file(config));
  const auto r = update();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(current(), "v1");

  // The device's own channel wins; nothing is published there.
  write_file(config, read_file(config) + "channel = \"stable\"\n");
  const auto own = update();
  EXPECT_EQ(own.exit_code, 1);
  EXPECT_EQ(report().state, "failed");
  EXPECT_EQ(report().code, "no_release");
  EXPECT_EQ(current(), "v1");
}

TEST_F(UpdaterTest, AStartOfTheAppNeverWaitsForACheckThatHoldsTheLock) {
  install_v1();
  publish_ok({"v2", 2});
  ASSERT_EQ(update().exit_code, 0);
  const int tries = trial_from_json(read_file(state_file("trial.json")))->tries_left;
  // A check downloading for half an hour holds the lock; the app's start must not wait for it.
  const int fd = ::open(state_file("lock").c_str(), O_RDWR | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::flock(fd, LOCK_EX), 0);
  const auto r = update("on-start");
  ::close(fd);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(contains(r.err, "not counted")) << r.err;
  EXPECT_EQ(trial_from_json(read_file(state_file("trial.json")))->tries_left, tries);
}

}  // namespace
}  // namespace wk::test
