#pragma once
// wijkkiosk-update run for real in a temp prefix, against a real wijkqueue over TLS: releases made and
// signed by wijkkiosk-release and published with `wijkqueue release publish`, as IT does it
// (deploy/README.md). The "app" of a test release is a small script that says its version and exits with
// the code the test chose; systemctl is a script that logs its arguments and says the unit failed while
// a file exists.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/update_manifest.hpp"
#include "core/update_trial.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "support/test_clock.hpp"
#include "support/wijkqueue.hpp"

namespace wk::test {

inline constexpr UnixMs kUpdaterDay = 24LL * 60 * 60 * 1000;

struct ReleaseSpec {
  ReleaseSpec(std::string version_, std::uint64_t serial_, int app_exit_ = 0,
              std::size_t payload_bytes_ = 4096, int expires_in_days_ = 30, int rollout_ = 100,
              std::string channel_ = "stable", std::string key_ = {})
      : version(std::move(version_)),
        serial(serial_),
        app_exit(app_exit_),
        payload_bytes(payload_bytes_),
        expires_in_days(expires_in_days_),
        rollout(rollout_),
        channel(std::move(channel_)),
        key(std::move(key_)) {}
  std::string version;
  std::uint64_t serial;
  int app_exit;               // what bin/wijkkiosk exits with
  std::size_t payload_bytes;  // share/wijkkiosk/payload.bin, random
  int expires_in_days;
  int rollout;
  std::string channel;
  std::string key;  // secret key file; empty: the trusted one
};

class UpdaterTest : public ::testing::Test {
 public:
  Wijkqueue wq;
  TempDir tmp;
  std::string root = tmp.file("root");  // the updater's prefix
  std::string data_dir = root + "/var/lib/wijkkiosk";
  std::string config = root + "/etc/wijkkiosk/kiosk.toml";
  std::string secret = tmp.file("it.key");
  std::string systemctl_log = tmp.file("systemctl.log");
  std::string unit_failed = tmp.file("unit-failed");  // while it exists, the app's unit has failed
  TestClockFile clock{tmp.file("updater-clock")};
  std::map<std::string, std::string> manifests;  // by version: the manifest's exact bytes

  void SetUp() override;

  void write_config(const std::string& update_section);
  // Makes, signs and publishes a release; returns publish's result.
  RunResult publish(const ReleaseSpec& spec);
  void publish_ok(const ReleaseSpec& spec) {
    const auto r = publish(spec);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  // `wijkkiosk-update check` (or on-start) in the prefix, with `env` added.
  RunResult update(const std::string& command = "check", const std::map<std::string, std::string>& env = {});
  // v1 published as serial 1 and installed (the first install has no trial).
  void install_v1();

  std::string current() const;
  std::string previous() const;
  std::string state_file(const std::string& name) const { return data_dir + "/update/" + name; }
  bool has_trial() const { return std::filesystem::exists(state_file("trial.json")); }
  UpdateReport report() const;
  UpdateState state() const;
  // Runs the current release's app as systemd would: its exit code.
  int run_app(std::string* out = nullptr) const;
  // What the app writes once it has run well: its own real path.
  void mark_good() const;
  // Whether `version` in releases/ holds exactly its manifest's files.
  bool complete(const std::string& version) const;
  std::string systemctl_calls() const;
  // Makes the service hand out `extra` bytes more of a published file than its manifest says, as a
  // service that was broken into would: the file and the service's own list of sizes both grow.
  void serve_longer_file(std::int64_t serial, const std::string& path, std::size_t extra);
  // A key pair nobody trusts; returns the secret key's path.
  std::string untrusted_key(const std::string& name);
};

}  // namespace wk::test
