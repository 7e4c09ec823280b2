// The real kiosk, driven as residents drive it: the wijkkiosk binary (software renderer) on a private Xvfb
// 1080x1920, taps through XTest, the real wijkqueue over real TLS behind a FaultProxy that can take it
// away or make it slow. Records (bench/common/figures.hpp; budgets in bench/kiosk/budgets.tsv):
//   kiosk.start.{interactive,ready}[.cold]   start -> first frame with the language buttons in the UI tree,
//                                             and -> READY=1 on NOTIFY_SOCKET (median of several starts)
//   kiosk.idle_cpu.{welcome,countdown}       % of one core while nobody touches it (+ idle_wakeups.*)
//   kiosk.tap_glass.{up,down,slow}.{p50,p99} topic tap -> the ticket's frame on the glass (UI tree rename)
//   kiosk.tap_glass.spread                   max p99 / min p99 over the three service conditions
//   kiosk.tap_glass.{up,down,slow}.service_cpu  wijkqueue's CPU meanwhile (% of a core; same machine)
//   kiosk.pss_after_1000                     PSS after 1,000 tickets in every language, back on welcome
//   kiosk.heap_growth                        heap at the soak's end / heap at ticket 1,000 (run 1 only)
//   kiosk.frame.{transition,read_aloud}.p99  frame times from the app's own bench log
// Every ticket shown must be in the kiosk's outbox at the end, or the run fails: a figure from a broken
// run is worse than none.
//
// Environment (bench/common/lib.sh): BENCH_ROOT, BENCH_BIN, BENCH_OUT, BENCH_RUN, BENCH_QUICK; and
// BENCH_KIOSK_TAPS=N (per service condition) and BENCH_KIOSK_SOAK=N (tickets, 0: none), a developer's own
// sizes.
#include <poll.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "app_log.hpp"
#include "e2e/gui_harness.hpp"
#include "figures.hpp"
#include "notify_socket.hpp"
#include "proc_stats.hpp"
#include "support/fault_proxy.hpp"
#include "support/wijkqueue.hpp"
#include "tree_watch.hpp"
#include "x_input.hpp"

namespace {

using namespace std::chrono_literals;
using wk::bench::mono_us;
using wk::bench::Tree;

std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

struct Settings {
  std::string root, bin;
  int run = 1;
  bool quick = false;
  int taps = 500;      // per service condition
  int pss_at = 1000;   // tickets before the PSS reading (and the heap's baseline)
  int soak_to = 0;     // the heap soak's last ticket (0: no soak in this run)
  int starts = 5;      // measured starts
  int idle_s = 60;     // welcome screen
  int countdowns = 3;  // 19 s each, the countdown visible
  int read_alouds = 20;
};

Settings settings_from_environment() {
  Settings s;
  s.root = std::filesystem::absolute(env_or("BENCH_ROOT", ".")).lexically_normal().string();
  s.bin = env_or("BENCH_BIN", s.root + "/build-bench/bin");
  s.run = std::atoi(env_or("BENCH_RUN", "1").c_str());
  s.quick = env_or("BENCH_QUICK", "0") == "1";
  if (s.quick) {
    s.taps = 50, s.pss_at = 100, s.starts = 3, s.idle_s = 10, s.countdowns = 1, s.read_alouds = 5;
    s.soak_to = 1000;
  } else {
    s.soak_to = s.run == 1 ? 10000 : 0;  // the soak is long: once per `make bench`
  }
  // A developer's own sizes: taps per service condition, and the soak's length (0: none).
  if (const char* taps = std::getenv("BENCH_KIOSK_TAPS")) {
    s.taps = std::max(1, std::atoi(taps));
    s.pss_at = std::min(s.pss_at, 3 * s.taps);
    s.read_alouds = std::min(s.read_alouds, s.taps);
  }
  if (const char* soak = std::getenv("BENCH_KIOSK_SOAK")) s.soak_to = std::atoi(soak);
  if (s.soak_to > 0 && s.soak_to <= s.pss_at) s.soak_to = 0;
  return s;
}

double ms(std::int64_t us) {
  return static_cast<double>(us) / 1000.0;
}

void sleep_until_us(std::int64_t t) {
  for (std::int64_t left = t - mono_us(); left > 0; left = t - mono_us()) {
    wk::bench::throw_if_interrupted();
    std::this_thread::sleep_for(std::chrono::microseconds(std::min<std::int64_t>(left, 100'000)));
  }
}

// The service and the kiosk's files: one wijkqueue (SQLite) with the demo location, behind the proxy.
struct Site {
  explicit Site(const Settings& s) : settings(s), service(service_options(s)) {
    service.clock().run_from(wk::test::real_time_ms());  // the kiosk runs on the wall clock: so does it
    service.start();
    proxy.emplace(service.port());
    wk::test::write_file(dir.file("kiosk.token"), service.kiosk_token());
    std::filesystem::permissions(dir.file("kiosk.token"),
                                 std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  }
  static wk::test::WijkqueueOptions service_options(const Settings& s) {
    wk::test::WijkqueueOptions o = wk::test::set_up_only();
    o.location = "demo";
    o.config_toml = wk::test::read_file(s.root + "/assets/locations/demo.toml");
    return o;
  }
  // kiosk.toml in its own folder (its data beside it); `session_timeout_s` 0: the default.
  std::string kiosk_config(const std::string& name, int session_timeout_s) const {
    const std::string folder = dir.file(name);
    std::filesystem::create_directories(folder);
    std::string toml = "role = \"kiosk\"\nlocation = \"demo\"\ndata_dir = \"data\"\nlocation_config = \"" +
                       settings.root +
                       "/assets/locations/demo.toml\"\n[service]\nurl = \"https://localhost:" +
                       std::to_string(proxy->port()) + "\"\nca_file = \"" + service.ca_file() +
                       "\"\ntoken_file = \"" + dir.file("kiosk.token") + "\"\n";
    if (session_timeout_s > 0)
      toml += "[kiosk]\nsession_timeout_s = " + std::to_string(session_timeout_s) + "\n";
    wk::test::write_file(folder + "/kiosk.toml", toml);
    return folder;
  }

  const Settings& settings;
  wk::test::TempDir dir{"wijkkiosk-bench"};
  wk::test::Wijkqueue service;
  std::optional<wk::test::FaultProxy> proxy;
};

// One running wijkkiosk with its UI tree watched.
struct Kiosk {
  Kiosk(const Site& site, const wk::test::Xvfb& x, const std::string& in,
        std::map<std::string, std::string> env)
      : folder(in), tree(in + "/tree.json") {
    env["DISPLAY"] = x.display();
    env["SDL_AUDIODRIVER"] = "dummy";
    started_us = mono_us();
    process.emplace(wk::test::Process::start({site.settings.bin + "/wijkkiosk", "--role", "kiosk", "--config",
                                              folder + "/kiosk.toml", "--ui-tree", folder + "/tree.json"},
                                             folder + "/kiosk.out", folder + "/kiosk.err", env));
  }
  pid_t pid() { return process->pid(); }
  void stop() {
    process->kill(SIGTERM);
    const auto code = process->wait_for(30s);
    if (code.value_or(-1) != 0)
      throw std::runtime_error("bench: the kiosk did not stop cleanly: " +
                               wk::test::read_file(folder + "/kiosk.err"));
  }
  std::string folder;
  wk::bench::TreeWatch tree;
  std::int64_t started_us = 0;
  std::optional<wk::test::Process> process;
};

void tap(wk::bench::XInput& x, Kiosk& k, const std::string& id) {
  const Tree& t = k.tree.wait_for([&](const Tree& tr) { return tr.find(id).has_value(); }, id + " on screen");
  const auto r = *t.find(id);
  x.tap(r.x + r.w / 2, r.y + r.h / 2);
}

// ---- start-up: READY=1 and the first interactive frame, from just before the exec --------------------
struct Start {
  double interactive_ms = 0, ready_ms = 0, app_first_frame_ms = 0;
};

Start one_start(const Site& site, const wk::test::Xvfb& x, const std::string& folder) {
  wk::bench::NotifySocket notify(folder + "/notify");
  std::filesystem::remove(folder + "/tree.json");
  std::filesystem::remove(folder + "/kiosk.err");
  Kiosk k(site, x, folder, {{"NOTIFY_SOCKET", notify.path()}});
  std::int64_t ready = 0, interactive = 0;
  const std::int64_t deadline = k.started_us + 30'000'000;
  while ((ready == 0 || interactive == 0) && mono_us() < deadline && k.process->running()) {
    pollfd p[2] = {{k.tree.fd(), POLLIN, 0}, {notify.fd(), POLLIN, 0}};
    wk::bench::throw_if_interrupted();
    if (::poll(p, 2, 100) <= 0) continue;
    const std::int64_t now = mono_us();
    if (p[1].revents & POLLIN)
      for (std::string said = notify.receive(); !said.empty(); said = notify.receive())
        if (said == "READY=1" && ready == 0) ready = now;
    if ((p[0].revents & POLLIN) && k.tree.pump(0) && interactive == 0 &&
        k.tree.latest().screen() == "welcome" && k.tree.latest().find("language:nl"))
      interactive = k.tree.latest().seen_us;
  }
  if (ready == 0 || interactive == 0)
    throw std::runtime_error("bench: the kiosk started without READY=1 or a welcome screen: " +
                             wk::test::read_file(folder + "/kiosk.err"));
  // "wijkkiosk: first frame after N ms (runtime ...)" (app/kiosk_main.cpp), printed after READY=1.
  std::smatch m;
  std::string err;
  const std::regex line("first frame after ([0-9.]+) ms");
  for (int i = 0; i < 100 && !std::regex_search(err = wk::test::read_file(folder + "/kiosk.err"), m, line);
       ++i)
    std::this_thread::sleep_for(50ms);
  Start s;
  s.interactive_ms = ms(interactive - k.started_us);
  s.ready_ms = ms(ready - k.started_us);
  s.app_first_frame_ms = m.empty() ? 0 : std::stod(m[1]);
  k.stop();
  return s;
}

bool can_drop_caches() {
  return ::access("/proc/sys/vm/drop_caches", W_OK) == 0;
}

void drop_caches() {
  ::sync();
  std::ofstream("/proc/sys/vm/drop_caches") << "3\n";
}

void measure_starts(const Settings& s, const Site& site, const wk::test::Xvfb& x) {
  const std::string folder = site.kiosk_config("start", 0);
  one_start(site, x, folder);  // its data folder made, its files read once: a kiosk that has run before
  // Cold (page cache dropped) only in the full run: it slows everything else on the machine too.
  const bool cold = !s.quick && can_drop_caches();
  for (const bool drop : cold ? std::vector<bool>{false, true} : std::vector<bool>{false}) {
    std::vector<double> interactive, ready, first_frame;
    for (int i = 0; i < s.starts; ++i) {
      if (drop) drop_caches();
      const Start st = one_start(site, x, folder);
      interactive.push_back(st.interactive_ms);
      ready.push_back(st.ready_ms);
      first_frame.push_back(st.app_first_frame_ms);
    }
    const std::string suffix = drop ? ".cold" : "";
    wk::bench::figure("kiosk.start.interactive" + suffix, wk::bench::median(interactive), "ms");
    wk::bench::figure("kiosk.start.ready" + suffix, wk::bench::median(ready), "ms");
    if (!drop) wk::bench::figure("kiosk.start.first_frame", wk::bench::median(first_frame), "ms");
  }
}

// ---- idle: the welcome screen, and a session's countdown (visible all the time at a 20 s timeout) ------
struct Usage {
  double cpu_s = 0, wall_s = 0;
  long wakeups = 0;
};

Usage usage_between(pid_t pid, std::int64_t from_us, std::int64_t to_us) {
  sleep_until_us(from_us);
  const double c0 = wk::bench::cpu_seconds_of(pid);
  const long w0 = wk::bench::wakeups_of(pid);
  const std::int64_t t0 = mono_us();
  sleep_until_us(to_us);
  Usage u;
  u.cpu_s = wk::bench::cpu_seconds_of(pid) - c0;
  u.wakeups = wk::bench::wakeups_of(pid) - w0;
  u.wall_s = static_cast<double>(mono_us() - t0) / 1e6;
  return u;
}

void measure_idle(const Settings& s, const Site& site, const wk::test::Xvfb& x, wk::bench::XInput& input) {
  const std::string folder = site.kiosk_config("idle", 20);
  Kiosk k(site, x, folder, {});
  k.tree.wait_for_screen("welcome");
  const std::int64_t settled = mono_us() + 5'000'000;  // the first heartbeat and start-up work are over
  const Usage welcome = usage_between(k.pid(), settled, settled + s.idle_s * 1'000'000LL);
  wk::bench::figure("kiosk.idle_cpu.welcome", 100 * welcome.cpu_s / welcome.wall_s, "% of a core");
  wk::bench::figure("kiosk.idle_wakeups.welcome", static_cast<double>(welcome.wakeups) / welcome.wall_s,
                    "/s");
  Usage countdown;
  const int window_ms = s.quick ? 10'000 : 19'000;
  for (int i = 0; i < s.countdowns; ++i) {
    tap(input, k, "language:nl");
    const std::int64_t topics = k.tree.wait_for_screen("topics").seen_us;
    const Usage u = usage_between(k.pid(), topics + 500'000, topics + 500'000 + window_ms * 1000LL);
    k.tree.pump(0);
    if (!k.tree.latest().find("countdown"))
      throw std::runtime_error("bench: no countdown on the topics screen at a 20 s session timeout");
    countdown.cpu_s += u.cpu_s, countdown.wall_s += u.wall_s, countdown.wakeups += u.wakeups;
    k.tree.wait_for_screen("welcome", 60s);  // the session times out
  }
  wk::bench::figure("kiosk.idle_cpu.countdown", 100 * countdown.cpu_s / countdown.wall_s, "% of a core");
  wk::bench::figure("kiosk.idle_wakeups.countdown", static_cast<double>(countdown.wakeups) / countdown.wall_s,
                    "/s");
  k.stop();
}

// ---- tickets: tap -> glass under three service conditions, PSS, read-aloud, the heap soak -------------
const std::vector<std::string> kLanguages = {"nl", "en", "tr", "ar", "pl", "uk", "ti"};

struct Ticketing {
  Ticketing(Kiosk& kiosk, wk::bench::XInput& x) : k(kiosk), input(x) {}
  Kiosk& k;
  wk::bench::XInput& input;
  int taken = 0;
  std::map<std::string, int> codes;           // ticket code -> times shown
  std::map<int, std::int64_t> welcome_after;  // ticket number -> when welcome was seen after it

  // One resident: language, topic, the ticket, start over. Returns the topic tap's time to the glass (µs)
  // when `measured` (after the topics screen has been still for 100 ms), else 0.
  std::int64_t take(bool measured, std::int64_t* tapped_at = nullptr) {
    const std::string language = kLanguages[static_cast<std::size_t>(taken) % kLanguages.size()];
    k.tree.wait_for_screen("welcome");
    tap(input, k, "language:" + language);
    k.tree.wait_for_screen("topics");
    if (measured) k.tree.settle(100ms);
    const auto topics = k.tree.latest().ids_starting("topic:");
    if (topics.empty()) throw std::runtime_error("bench: no topics on the topics screen");
    const std::string topic = topics[static_cast<std::size_t>(taken / 7) % topics.size()];
    const auto r = *k.tree.latest().find(topic);
    const std::int64_t t0 = mono_us();
    input.tap(r.x + r.w / 2, r.y + r.h / 2);
    const Tree& shown = k.tree.wait_for_screen("ticket", 60s);
    const std::int64_t t1 = shown.seen_us;
    const Tree& coded =
        k.tree.wait_for([](const Tree& t) { return !t.label("ticket-code").empty(); }, "the ticket's code");
    ++codes[coded.label("ticket-code")];
    ++taken;
    tap(input, k, "start-over");
    welcome_after[taken] = k.tree.wait_for_screen("welcome").seen_us;
    if (tapped_at) *tapped_at = t0;
    return measured ? t1 - t0 : 0;
  }
};

// Every ticket shown is in the outbox (ledger row + its outbox row): durable, whatever the service did.
void check_outbox(const std::string& outbox_path, const Ticketing& t) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(outbox_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
    throw std::runtime_error("bench: the outbox " + outbox_path + " cannot be opened");
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(db, "SELECT l.code, count(*) FROM ledger l JOIN outbox o ON o.id = l.id GROUP BY l.code",
                     -1, &q, nullptr);
  std::map<std::string, int> stored;
  while (q && sqlite3_step(q) == SQLITE_ROW)
    stored[reinterpret_cast<const char*>(sqlite3_column_text(q, 0))] = sqlite3_column_int(q, 1);
  sqlite3_finalize(q);
  sqlite3_close(db);
  int missing = 0, total = 0;
  for (const auto& [code, n] : t.codes) missing += std::max(0, n - stored[code]);
  for (const auto& [code, n] : stored) total += n;
  if (missing > 0 || total != t.taken)
    throw std::runtime_error("bench: " + std::to_string(missing) + " of " + std::to_string(t.taken) +
                             " tickets shown are not in the outbox (it holds " + std::to_string(total) + ")");
  std::printf("  all %d tickets shown are in the outbox\n", t.taken);
}

struct Condition {
  std::string name;
  wk::test::FaultSettings fault;
};

void measure_tickets(const Settings& s, Site& site, const wk::test::Xvfb& x, wk::bench::XInput& input) {
  const std::string folder = site.kiosk_config("tickets", 0);
  const std::string log_path = folder + "/bench.log";
  Kiosk k(site, x, folder, {{"WIJKKIOSK_BENCH_LOG", log_path}});
  k.tree.wait_for_screen("welcome");
  Ticketing t(k, input);
  wk::test::FaultSettings up, down, slow;
  down.fault = wk::test::Fault::drop;
  slow.fault = wk::test::Fault::delay;
  slow.delay_ms = 5000;
  std::vector<Condition> conditions = {{"up", up}, {"down", down}, {"slow", slow}};
  // Rotated per run, so what the service left behind (a backlog, a backoff) falls on each in turn.
  std::rotate(conditions.begin(), conditions.begin() + (s.run - 1) % 3, conditions.end());

  std::vector<wk::bench::Window> tap_phases;
  std::vector<std::int64_t> measured_taps;
  double min_p99 = 1e18, max_p99 = 0;
  for (const auto& c : conditions) {
    site.proxy->set(c.fault);
    std::vector<double> glass;
    const std::int64_t from = mono_us();
    const double service_cpu_from = wk::bench::cpu_seconds_of(site.service.pid());
    for (int i = 0; i < s.taps; ++i) {
      std::int64_t t0 = 0;
      glass.push_back(ms(t.take(true, &t0)));
      measured_taps.push_back(t0);
      if (t.taken == s.pss_at) {
        sleep_until_us(mono_us() + 2'000'000);  // back on welcome, still
        const auto m = wk::bench::memory_of(k.pid());
        if (!m) throw std::runtime_error("bench: the kiosk is gone");
        wk::bench::figure("kiosk.pss_after_1000", static_cast<double>(m->pss_kib) / 1024, "MiB");
        wk::bench::figure("kiosk.pss_anon_after_1000", static_cast<double>(m->pss_anon_kib) / 1024, "MiB");
        wk::bench::figure("kiosk.pss_file_after_1000", static_cast<double>(m->pss_file_kib) / 1024, "MiB");
      }
    }
    tap_phases.push_back({from, mono_us()});
    // What the service spent on the same 2 cores meanwhile: the spread's cause when "up" is the slowest.
    wk::bench::figure("kiosk.tap_glass." + c.name + ".service_cpu",
                      100 * (wk::bench::cpu_seconds_of(site.service.pid()) - service_cpu_from) /
                          (static_cast<double>(mono_us() - from) / 1e6),
                      "% of a core");
    const double p99 = wk::bench::percentile(glass, 0.99);
    wk::bench::figure("kiosk.tap_glass." + c.name + ".p50", wk::bench::percentile(glass, 0.50), "ms");
    wk::bench::figure("kiosk.tap_glass." + c.name + ".p99", p99, "ms");
    min_p99 = std::min(min_p99, p99), max_p99 = std::max(max_p99, p99);
  }
  wk::bench::figure("kiosk.tap_glass.spread", max_p99 / min_p99, "x");
  site.proxy->set(up);

  // Read aloud: the reader thread synthesises on the other core while the screens change under it.
  std::vector<wk::bench::Window> reading;
  for (int i = 0, tries = 0; static_cast<int>(reading.size()) < s.read_alouds; ++i) {
    k.tree.wait_for_screen("welcome");
    tap(input, k, "language:" + kLanguages[static_cast<std::size_t>(i) % kLanguages.size()]);
    k.tree.wait_for_screen("topics");
    k.tree.settle(100ms);
    if (!k.tree.latest().find("aid:read-aloud")) {  // a language without a voice
      if (++tries > 3 * s.read_alouds) throw std::runtime_error("bench: read aloud is never offered");
      tap(input, k, "start-over");
      continue;
    }
    const std::int64_t t0 = mono_us();
    tap(input, k, "aid:read-aloud");
    sleep_until_us(mono_us() + 1'500'000);
    tap(input, k, "start-over");
    k.tree.wait_for_screen("welcome");
    tap(input, k, "language:" + kLanguages[static_cast<std::size_t>(i + 1) % kLanguages.size()]);
    k.tree.wait_for_screen("topics");
    sleep_until_us(t0 + 5'000'000);
    reading.push_back({t0, t0 + 5'000'000});
    tap(input, k, "start-over");
  }
  k.tree.wait_for_screen("welcome");

  // The soak: residents one after another, as fast as the screens come, for the heap's growth.
  const std::int64_t soak_from = mono_us();
  while (t.taken < s.soak_to) t.take(false);
  if (s.soak_to > 0)
    std::printf("  soak: %d tickets in %.0f s\n", s.soak_to - s.pss_at, ms(mono_us() - soak_from) / 1000);

  k.stop();
  check_outbox(folder + "/data/outbox.db", t);

  const wk::bench::AppLog log = wk::bench::read_app_log(log_path);
  wk::bench::figure("kiosk.frame.transition.p99", log.frame_p99_after_releases(tap_phases, 500'000), "ms");
  wk::bench::figure("kiosk.frame.read_aloud.p99", log.frame_p99_within(reading), "ms");
  wk::bench::figure("kiosk.tap_glass.inside.p99", log.press_to_screen_p99(measured_taps, "ticket"), "ms");
  if (s.soak_to > 0) {
    const double base = log.heap_at(t.welcome_after.at(s.pss_at));
    const double end = log.heap_at(t.welcome_after.at(s.soak_to));
    if (base <= 0 || end <= 0) throw std::runtime_error("bench: no heap lines in the bench log");
    wk::bench::figure("kiosk.heap_growth", end / base, "x");
    wk::bench::figure("kiosk.heap_at_end", end / (1024 * 1024), "MiB");
  }
}

// A failed run's kiosk folders (UI tree, bench log, the app's stderr, the outbox) outlive the temp dir.
void keep_for_inspection(const Site& site) {
  const char* out = std::getenv("BENCH_OUT");
  if (!out || !*out) return;
  const std::filesystem::path to = std::filesystem::path(out) / "kiosk-failed";
  std::error_code ec;
  std::filesystem::remove_all(to, ec);
  std::filesystem::create_directories(to, ec);
  for (const char* folder : {"start", "idle", "tickets"})
    std::filesystem::copy(site.dir.file(folder), to / folder, std::filesystem::copy_options::recursive, ec);
  std::fprintf(stderr, "bench: the kiosk's folders are kept in %s\n", to.c_str());
}

}  // namespace

int main() {
  wk::bench::stop_on_signals();  // an interrupted run still stops its kiosk, service and X server
  try {
    const Settings s = settings_from_environment();
    ::setenv("WIJKKIOSK_BIN_DIR", s.bin.c_str(), 1);  // tests/support finds wijkqueue there
    Site site(s);
    try {
      wk::test::Xvfb x(1080, 1920);
      wk::bench::XInput input(x.display());
      const std::int64_t t0 = mono_us();
      measure_starts(s, site, x);
      measure_idle(s, site, x, input);
      measure_tickets(s, site, x, input);
      std::printf("  kiosk driver: %.0f s\n", ms(mono_us() - t0) / 1000);
      return 0;
    } catch (...) {
      keep_for_inspection(site);
      throw;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
}
