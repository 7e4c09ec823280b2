// wijkkiosk-update: the kiosk's updater (docs/updates.md), a program of its own that the app never runs.
//   check     (wijkkiosk-update.timer, and OnFailure of the app's unit): settle a trial, or fetch, verify,
//             stage and swap in the channel's release
//   on-start  (ExecStartPre of the app's unit): a try of a release on trial, or the swap back
// Exit codes: 0 done (also "nothing new", outside the rollout, and a roll back), 1 refused or failed (the
// reason on stderr and in report.json), 2 a bad command line. on-start always exits 0: the app must start
// whatever happens.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "app/clock_source.hpp"
#include "app/command_line.hpp"
#include "app/kiosk_config.hpp"
#include "net/queue_client.hpp"
#include "update/signature.hpp"
#include "update/updater.hpp"

extern char** environ;

namespace {

constexpr const char* kUsage =
    "usage: wijkkiosk-update [check|on-start] [--prefix /]\n"
    "                        [--config PREFIX/etc/wijkkiosk/kiosk.toml, else display.toml]\n"
    "                        [--unit wijkkiosk.service, or wijkkiosk-display.service for a display]\n"
    "                        [--systemctl /usr/bin/systemctl]  (--unit '': no systemd to ask or restart)\n"
    "                        [--test-clock FILE]  (tests only; loopback services only)\n";

using wk::app::cli::BadArgs;
using wk::app::cli::get;

void log_line(const std::string& line) {
  std::cerr << "wijkkiosk-update: " << line << std::endl;
}

// systemctl's exit status, or -1 when it could not run.
int systemctl(const std::string& path, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {path};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> cargv;
  for (auto& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  pid_t pid = 0;
  if (::posix_spawn(&pid, path.c_str(), nullptr, nullptr, cargv.data(), environ) != 0) return -1;
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

wk::updates::AppControl app_control(const std::string& unit, const std::string& path) {
  if (unit.empty()) return {};
  wk::updates::AppControl app;
  app.failed = [=] { return systemctl(path, {"is-failed", "--quiet", unit}) == 0; };
  app.revive = [=] {
    systemctl(path, {"reset-failed", unit});
    systemctl(path, {"restart", "--no-block", unit});
  };
  // --no-block: this may run as the app's own OnFailure job, which must not wait on the app. try-restart
  // on a swap (an app IT has not enabled yet stays off); restart after a roll back (its unit had failed).
  app.restart = [=] { systemctl(path, {"try-restart", "--no-block", unit}); };
  return app;
}

// A test stops the updater with SIGKILL after its Nth durable step (WIJKKIOSK_UPDATE_KILL_AT_STEP): the
// power cut, at every step of an install in turn.
wk::updates::StepHook step_hook() {
  const char* env = std::getenv("WIJKKIOSK_UPDATE_KILL_AT_STEP");
  const long kill_at = env != nullptr ? std::strtol(env, nullptr, 10) : 0;
  return [kill_at, count = 0L](std::string_view step) mutable {
    if (!step.starts_with("piece")) log_line("step: " + std::string(step));
    if (kill_at > 0 && ++count == kill_at) ::raise(SIGKILL);
  };
}

std::string url_path(std::string_view path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (const char c : path) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

wk::Result<std::string> get_body(wk::net::QueueClient& client, const std::string& path,
                                 const std::string& channel) {
  auto r = client.get(path);
  if (!r) return r.error();
  if (r->status == 200) return std::move(r->body);
  if (r->status == 404)
    return wk::make_error("no_release", "Nothing is published on the channel " + channel + ".", path);
  return wk::make_error("network", "The queue service did not hand out the release.",
                        path + ": HTTP " + std::to_string(r->status));
}

wk::updates::ReleaseSource service_source(wk::net::QueueClient& client, const std::string& channel) {
  const std::string base = "/v1/releases/" + channel;
  wk::updates::ReleaseSource s;
  s.manifest = [&client, base, channel] { return get_body(client, base + "/manifest", channel); };
  s.signature = [&client, base, channel] { return get_body(client, base + "/manifest.sig", channel); };
  s.fetch = [&client, base](const wk::ReleaseFile& f, std::int64_t from,
                            const wk::updates::FileFetch& to) -> wk::Result<void> {
    bool first = true;
    auto r = client.download(base + "/files/" + url_path(f.path), from,
                             [&](const wk::net::Response& head, std::string_view piece) {
                               if (first) to.started(head.status == 206);
                               first = false;
                               return to.sink(piece);
                             });
    if (!r) return r.error();
    if (r->status != 200 && r->status != 206)
      return wk::make_error("network", "The queue service did not hand out a file of the release.",
                            f.path + ": HTTP " + std::to_string(r->status));
    return wk::Ok{};
  };
  return s;
}

wk::Result<std::string> device_id(const wk::DeviceConfig& device, const std::string& prefix) {
  if (!device.update_device_id.empty()) return device.update_device_id;
  const std::string path = (prefix.ends_with('/') ? prefix : prefix + "/") + "etc/machine-id";
  auto text = wk::updates::read_whole_file(path);
  if (!text)
    return wk::make_error("config", "This device has no id for the rollout ([update] device_id).", path);
  std::string id = text.value();
  while (!id.empty() && std::isspace(static_cast<unsigned char>(id.back()))) id.pop_back();
  if (id.empty())
    return wk::make_error("config", "This device has no id for the rollout ([update] device_id).", path);
  return id;
}

int run(const std::vector<std::string>& args) {
  std::size_t from = 1;
  std::string command = "check";
  if (args.size() > 1 && !args[1].starts_with("--")) command = args[from++];
  if (command == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (command != "check" && command != "on-start") throw BadArgs{"unknown command '" + command + "'"};
  const auto o =
      wk::app::cli::parse(args, from, {{"prefix", "config", "unit", "systemctl", "test-clock"}, {}, {}});
  const std::string prefix = get(o, "prefix", "/");
  // A kiosk has kiosk.toml, a waiting-room screen display.toml.
  const std::string etc = (prefix.ends_with('/') ? prefix : prefix + "/") + "etc/wijkkiosk/";
  const std::string config =
      get(o, "config",
          ::access((etc + "kiosk.toml").c_str(), F_OK) == 0 ? etc + "kiosk.toml" : etc + "display.toml");
  const int failed = command == "on-start" ? 0 : 1;
  auto device = wk::app::load_device_config(config);
  if (!device) {
    log_line(wk::to_string(device.error()));
    return failed;
  }
  wk::Clock now = wk::app::wall_clock();
  if (o.count("test-clock")) {
    if (!wk::app::is_loopback_url(device->service_url))
      throw BadArgs{"--test-clock is for a test's own service only"};
    auto clock = wk::app::test_clock(get(o, "test-clock"));
    if (!clock) {
      log_line(wk::to_string(clock.error()));
      return failed;
    }
    now = clock.value();
    std::cerr << wk::app::test_clock_warning("wijkkiosk-update", get(o, "test-clock")) << std::endl;
  }
  wk::updates::Updater u;
  u.paths = wk::updates::update_paths(prefix, device->data_dir);
  u.tries = device->update_tries;
  u.keep_free_bytes = std::int64_t{device->update_keep_free_mb} * 1024 * 1024;
  u.now = now;
  const std::string unit = device->role == "display" ? "wijkkiosk-display.service" : "wijkkiosk.service";
  u.app = app_control(get(o, "unit", unit), get(o, "systemctl", "/usr/bin/systemctl"));
  u.step = step_hook();
  u.log = log_line;
  if (command == "on-start") {
    wk::updates::run_on_start(u);
    return 0;
  }
  auto id = device_id(device.value(), prefix);
  if (!id) {
    log_line(wk::to_string(id.error()));
    return 1;
  }
  u.device_id = id.value();
  auto token = wk::net::read_token_file(device->token_file);
  if (!token) {
    log_line(wk::to_string(token.error()));
    return 1;
  }
  // The device's own channel, else its location's (the config the kiosk last fetched), else stable.
  std::string channel = device->release_channel;
  if (channel.empty()) {
    auto location = wk::app::load_location_config(device.value());
    channel = location ? location->release_channel : "stable";
  }
  wk::net::QueueClient client(
      {device->service_url, device->ca_file, token.value(), 3000, 30000, nullptr, now});
  const auto report = wk::updates::run_check(u, service_source(client, channel));
  log_line(report.state + (report.version.empty() ? "" : " " + report.version) +
           (report.code.empty() ? "" : " (" + report.code + ")") + ": " + report.message);
  // Outside a rollout is the plan, not a failure: the unit stays green.
  const bool refused = report.state == "refused" && report.code != "outside_rollout";
  return refused || report.state == "failed" ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv, argv + argc);
  try {
    return run(args);
  } catch (const BadArgs& e) {
    std::cerr << "wijkkiosk-update: " << e.why << "\n" << kUsage;
    return 2;
  }
}
