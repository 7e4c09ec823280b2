#include "updater_fixture.hpp"

#include <sqlite3.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "update/release_files.hpp"

namespace wk::test {
namespace fs = std::filesystem;

namespace {

RunResult release_tool(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {bin_path("wijkkiosk-release")};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv);
}

void write_executable(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(path).parent_path());
  write_file(path, text);
  ::chmod(path.c_str(), 0755);
}

std::string random_payload(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 gen(seed);
  std::string out(n, '\0');
  for (auto& c : out) c = static_cast<char>(gen() & 0xff);
  return out;
}

}  // namespace

void UpdaterTest::SetUp() {
  fs::create_directories(data_dir);
  fs::create_directories(root + "/etc/wijkkiosk/release-keys");
  const auto keys =
      release_tool({"keygen", "--secret", secret, "--public", root + "/etc/wijkkiosk/release-keys/it.pub"});
  ASSERT_EQ(keys.exit_code, 0) << keys.err;
  write_file(root + "/etc/wijkkiosk/kiosk.token", wq.kiosk_token() + "\n");
  ::chmod((root + "/etc/wijkkiosk/kiosk.token").c_str(), 0600);
  write_executable(tmp.file("systemctl"), "#!/bin/sh\necho \"$@\" >> '" + systemctl_log + "'\n" +
                                              "if [ \"$1\" = is-failed ]; then [ -e '" + unit_failed +
                                              "' ] && exit 0; exit 1; fi\nexit 0\n");
  write_config("device_id = \"kiosk-test\"\n");
  clock.run_from(real_time_ms());
}

void UpdaterTest::write_config(const std::string& update_section) {
  write_file(config, "role = \"kiosk\"\nlocation = \"" + wq.location() + "\"\ndata_dir = \"" + data_dir +
                         "\"\n[service]\nurl = \"" + wq.base_url() + "\"\nca_file = \"" + wq.ca_file() +
                         "\"\ntoken_file = \"" + root + "/etc/wijkkiosk/kiosk.token\"\n[update]\n" +
                         update_section);
}

RunResult UpdaterTest::publish(const ReleaseSpec& spec) {
  const std::string name = spec.version + "-" + std::to_string(spec.serial);
  const std::string dir = tmp.file("src/" + name);
  write_executable(dir + "/bin/wijkkiosk", "#!/bin/sh\necho 'wijkkiosk " + spec.version + "'\nexit " +
                                               std::to_string(spec.app_exit) + "\n");
  fs::create_directories(dir + "/share/wijkkiosk");
  write_file(dir + "/share/wijkkiosk/payload.bin", random_payload(spec.payload_bytes, spec.serial));
  // As deploy/README.md has IT do it: the manifest beside the directory, signed, then copied in.
  const auto m =
      release_tool({"manifest", "--dir", dir, "--channel", spec.channel, "--version", spec.version,
                    "--serial", std::to_string(spec.serial), "--expires-in-days",
                    std::to_string(spec.expires_in_days), "--rollout", std::to_string(spec.rollout)});
  if (m.exit_code != 0) return m;
  const std::string manifest = tmp.file("src/" + name + ".manifest.json");
  write_file(manifest, m.out);
  const auto s =
      release_tool({"sign", "--key", spec.key.empty() ? secret : spec.key, "--manifest", manifest});
  if (s.exit_code != 0) return s;
  fs::copy_file(manifest, dir + "/manifest.json");
  fs::copy_file(manifest + ".sig", dir + "/manifest.json.sig");
  manifests[spec.version] = m.out;
  return wq.cli({"release", "publish", dir, "--channel", spec.channel, "--dir", wq.dir()});
}

RunResult UpdaterTest::update(const std::string& command, const std::map<std::string, std::string>& env) {
  return run_command({bin_path("wijkkiosk-update"), command, "--prefix", root, "--config", config,
                      "--systemctl", tmp.file("systemctl"), "--test-clock", clock.path()},
                     env);
}

void UpdaterTest::install_v1() {
  publish_ok({"v1", 1});
  const auto r = update();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(current(), "v1") << r.err;
}

std::string UpdaterTest::current() const {
  std::error_code ec;
  return fs::read_symlink(root + "/opt/wijkkiosk/current", ec).filename().string();
}

std::string UpdaterTest::previous() const {
  std::error_code ec;
  return fs::read_symlink(root + "/opt/wijkkiosk/previous", ec).filename().string();
}

UpdateReport UpdaterTest::report() const {
  auto r = update_report_from_json(read_file(state_file("report.json")));
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? r.value() : UpdateReport{};
}

UpdateState UpdaterTest::state() const {
  auto s = update_state_from_json(read_file(state_file("state.json")));
  EXPECT_TRUE(s.ok());
  return s.ok() ? s.value() : UpdateState{};
}

int UpdaterTest::run_app(std::string* out) const {
  const auto r = run_command({root + "/opt/wijkkiosk/current/bin/wijkkiosk"});
  if (out) *out = r.out;
  return r.exit_code;
}

void UpdaterTest::mark_good() const {
  write_file(state_file("good"),
             fs::canonical(root + "/opt/wijkkiosk/current/bin/wijkkiosk").string() + "\n");
}

bool UpdaterTest::complete(const std::string& version) const {
  const auto it = manifests.find(version);
  if (it == manifests.end()) return false;
  auto m = manifest_from_json(it->second);
  auto files = updates::release_files_of(root + "/opt/wijkkiosk/releases/" + version);
  if (!m || !files || files->size() != m->files.size()) return false;
  for (std::size_t i = 0; i < files->size(); ++i) {
    const auto& a = files->at(i);
    const auto& b = m->files.at(i);
    if (a.path != b.path || a.size != b.size || a.sha256 != b.sha256) return false;
  }
  return true;
}

void UpdaterTest::serve_longer_file(std::int64_t serial, const std::string& path, std::size_t extra) {
  const std::string file = wq.dir() + "/releases/stable/" + std::to_string(serial) + "/files/" + path;
  write_file(file, read_file(file) + std::string(extra, 'x'));
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(wq.db_file().c_str(), &db), SQLITE_OK);
  sqlite3_busy_timeout(db, 10000);
  sqlite3_stmt* read = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT files FROM releases WHERE channel = 'stable' AND serial = ?", -1,
                               &read, nullptr),
            SQLITE_OK);
  sqlite3_bind_int64(read, 1, serial);
  ASSERT_EQ(sqlite3_step(read), SQLITE_ROW);
  auto files = nlohmann::json::parse(reinterpret_cast<const char*>(sqlite3_column_text(read, 0)));
  sqlite3_finalize(read);
  for (auto& f : files)
    if (f.at("path") == path) f["size"] = f.at("size").get<std::size_t>() + extra;
  const std::string sql = "UPDATE releases SET files = '" + files.dump() +
                          "' WHERE channel = 'stable' AND serial = " + std::to_string(serial);
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

std::string UpdaterTest::untrusted_key(const std::string& name) {
  const auto r =
      release_tool({"keygen", "--secret", tmp.file(name + ".key"), "--public", tmp.file(name + ".pub")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return tmp.file(name + ".key");
}

std::string UpdaterTest::systemctl_calls() const {
  return fs::exists(systemctl_log) ? read_file(systemctl_log) : std::string();
}

}  // namespace wk::test
