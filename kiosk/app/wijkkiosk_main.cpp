// wijkkiosk: the app of the kiosk, counter and display roles, plus headless commands for IT.
//   wijkkiosk --role kiosk --config FILE [--ui-tree FILE]   the touchscreen kiosk
//   wijkkiosk issue  --config FILE --topic T [--language L] [--count N]   issue tickets without a screen
//   wijkkiosk sync   --config FILE [--until-empty]           drain the outbox to the service
//   wijkkiosk outbox --config FILE                           what waits, what was parked and why
// Each takes --test-clock FILE too (tests only; see take_clock).
#include <csignal>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <iostream>

#include "app/command_line.hpp"
#include "app/kiosk_runtime.hpp"
#include "app/staff_pin.hpp"
#include "core/ticket_layout.hpp"
#include "print/ticket_printer.hpp"
#include "store/tz_file.hpp"

#ifdef WIJKKIOSK_HAVE_GUI
#include "app/gui_main.hpp"
#endif

namespace {

using wk::app::KioskRuntime;

volatile std::sig_atomic_t g_stop = 0;
void on_signal(int) {
  g_stop = 1;
}

int usage() {
  std::fprintf(stderr,
               "usage: wijkkiosk --role kiosk|counter|display --config FILE [--ui-tree FILE]\n"
               "       wijkkiosk issue --config FILE --topic TOPIC [--language LANG] [--count N]\n"
               "       wijkkiosk sync --config FILE [--until-empty]\n"
               "       wijkkiosk outbox --config FILE\n"
               "       (each of these also takes --test-clock FILE: tests only, with a service on this "
               "machine)\n"
               "       wijkkiosk pin-hash < pin.txt   (prints kiosk.staff_pin_hash for the config)\n"
               "       wijkkiosk print-test --printer URI [--model MODEL] [--paper 58|80] [--url URL]\n");
  return 2;
}

using wk::app::cli::BadArgs;
using Options = wk::app::cli::Options;

int fail(const wk::Error& e) {
  std::fprintf(stderr, "wijkkiosk: %s\n", e.message.c_str());
  if (!e.detail.empty()) std::fprintf(stderr, "wijkkiosk: (%s)\n", e.detail.c_str());
  return 1;
}

// The process's one clock: the wall clock, or with --test-clock FILE the clock a test sets in that file.
// A test clock is refused (exit code 2) unless the device's service is on this machine, so that a kiosk
// that talks to a real service can never stamp tickets by a file; and it is announced on every start.
wk::Clock g_clock = wk::app::wall_clock();
wk::Clock g_monotonic = wk::app::monotonic_clock();  // none beside a test clock: its steps are the test's

std::optional<int> take_clock(Options& o) {
  if (!o.count("test-clock")) return std::nullopt;
  const std::string path = o["test-clock"];
  auto device = wk::app::load_device_config(o["config"]);
  if (!device) return fail(device.error());
  if (!wk::app::is_loopback_url(device->service_url)) {
    std::fprintf(stderr,
                 "wijkkiosk: --test-clock is for tests only: it is refused because this device's service "
                 "(%s) is not on this machine (localhost, 127.0.0.1 or [::1]).\n",
                 device->service_url.c_str());
    return 2;
  }
  auto clock = wk::app::test_clock(path);
  if (!clock) return fail(clock.error());
  g_clock = clock.value();
  g_monotonic = nullptr;
  std::fprintf(stderr, "%s\n", wk::app::test_clock_warning("wijkkiosk", path).c_str());
  return std::nullopt;
}

// Opens the outbox and config without starting the sync worker.
wk::app::RuntimeOptions headless() {
  wk::app::RuntimeOptions o;
  o.start_sync = false;
  o.clock = g_clock;
  o.monotonic = g_monotonic;
  return o;
}

int cmd_issue(Options& o) {
  const int count = wk::app::cli::integer(o, "count", 1, 1, 100000);
  auto rt = wk::app::open_kiosk_runtime(o["config"], headless());
  if (!rt) return fail(rt.error());
  KioskRuntime& k = *rt.value();
  const std::string language = o.count("language") ? o["language"] : wk::session_language(k.state);
  for (int i = 0; i < count && !g_stop; ++i) {
    wk::app::dispatch(k, wk::ev::StartOver{});
    wk::app::dispatch(k, wk::ev::LanguageChosen{language});
    wk::app::dispatch(k, wk::ev::TopicChosen{o["topic"]});
    const auto& s = k.state.session;
    if (s.screen == wk::Screen::Failure) return fail(wk::make_error("store", s.failure));
    if (!s.ticket) {
      std::fprintf(stderr,
                   "wijkkiosk: no ticket: the topic is unknown or closed, or the location is closed now\n");
      return 1;
    }
    std::printf("%s\n",
                nlohmann::json{
                    {"id", s.ticket->id}, {"code", s.ticket->code}, {"public_token", s.ticket->public_token}}
                    .dump()
                    .c_str());
    std::fflush(stdout);
  }
  return 0;
}

int cmd_sync(Options& o) {
  wk::app::RuntimeOptions options;
  options.clock = g_clock;
  options.monotonic = g_monotonic;
  auto rt = wk::app::open_kiosk_runtime(o["config"], options);
  if (!rt) return fail(rt.error());
  KioskRuntime& k = *rt.value();
  const bool until_empty = o.count("until-empty") > 0;
  while (!g_stop) {
    if (until_empty) {
      auto st = k.outbox->stats();
      if (st && st->pending == 0) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  k.sync->stop();
  return 0;
}

// IT's check of a printer: its state, then a test ticket with é ë ï € and a QR code.
int cmd_print_test(Options& o) {
  const int paper = std::stoi(wk::app::cli::one_of(o, "paper", "80", {"58", "80"}));
  auto profile = wk::print::profile_for(o.count("model") ? o["model"] : "generic", paper);
  if (!profile) return fail(profile.error());
  wk::print::TicketPrinter printer(o["printer"], profile.value());
  std::printf("printer state before: %s\n", wk::printer_state_name(printer.query_status()));
  auto tz = wk::store::load_tz_rule(wk::LocationConfig{}.timezone);  // core's default: no location here
  const wk::TzRule rule = tz ? tz.value() : wk::TzRule{};
  const auto layout =
      wk::test_ticket_layout("wijkkiosk print-test",
                             o.count("url") ? o["url"] : "https://wijkkiosk.example/t/test", g_clock(), rule);
  auto printed = printer.print(layout);
  if (!printed) return fail(printed.error());
  std::printf("printed; printer state after: %s\n", wk::printer_state_name(printed.value()));
  return 0;
}

int cmd_outbox(Options& o) {
  auto rt = wk::app::open_kiosk_runtime(o["config"], headless());
  if (!rt) return fail(rt.error());
  auto st = rt.value()->outbox->stats();
  if (!st) return fail(st.error());
  nlohmann::json j = {{"pending", st->pending}, {"sent", st->sent}, {"parked", st->parked}};
  if (st->oldest_pending_created_at) j["oldest_pending_at"] = wk::to_rfc3339(*st->oldest_pending_created_at);
  if (st->last_sent_at) j["last_sent_at"] = wk::to_rfc3339(*st->last_sent_at);
  auto parked = rt.value()->outbox->parked();
  if (parked) {
    j["parked_rows"] = nlohmann::json::array();
    for (const auto& p : parked.value())
      j["parked_rows"].push_back({{"seq", p.seq}, {"id", p.id}, {"path", p.path}, {"reason", p.reason}});
  }
  std::printf("%s\n", j.dump(2).c_str());
  return 0;
}

int run(const std::vector<std::string>& args, std::chrono::steady_clock::time_point started) {
  namespace cli = wk::app::cli;
  if (args.size() < 2) throw BadArgs{"a command or --role is needed"};
  const std::string command = args[1];
  if (command == "pin-hash") {
    cli::parse(args, 2, {});
    std::string pin;
    std::getline(std::cin, pin);
    auto hash = wk::app::hash_staff_pin(pin);
    if (!hash) return fail(hash.error());
    std::printf("%s\n", hash.value().c_str());
    return 0;
  }
  if (command == "print-test") {
    auto o = cli::parse(args, 2, {{"printer", "model", "paper", "url"}, {"printer"}, {}});
    return cmd_print_test(o);
  }
  if (command == "issue") {
    auto o = cli::parse(args, 2,
                        {{"config", "topic", "language", "count", "test-clock"}, {"config", "topic"}, {}});
    if (const auto refused = take_clock(o)) return *refused;
    return cmd_issue(o);
  }
  if (command == "sync") {
    auto o = cli::parse(args, 2, {{"config", "test-clock"}, {"config"}, {"until-empty"}});
    if (const auto refused = take_clock(o)) return *refused;
    return cmd_sync(o);
  }
  if (command == "outbox") {
    auto o = cli::parse(args, 2, {{"config", "test-clock"}, {"config"}, {}});
    if (const auto refused = take_clock(o)) return *refused;
    return cmd_outbox(o);
  }
  if (!command.starts_with("--")) throw BadArgs{"unknown command '" + command + "'"};
  auto o = cli::parse(args, 1, {{"role", "config", "ui-tree", "test-clock"}, {"role", "config"}, {}});
  const std::string role = cli::one_of(o, "role", "", {"kiosk", "counter", "display"});
  if (const auto refused = take_clock(o)) return *refused;
#ifdef WIJKKIOSK_HAVE_GUI
  return wk::app::gui_main({role, o["config"], cli::get(o, "ui-tree"), started, g_clock, g_monotonic});
#else
  (void)role;
  (void)started;
  std::fprintf(stderr, "wijkkiosk: this build has no screen (WIJKKIOSK_BUILD_GUI=OFF)\n");
  return 1;
#endif
}

}  // namespace

int main(int argc, char** argv) {
  const auto started = std::chrono::steady_clock::now();
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // tests read our stdout line by line
  std::signal(SIGTERM, on_signal);
  std::signal(SIGINT, on_signal);
  std::signal(SIGPIPE, SIG_IGN);
  try {
    return run(std::vector<std::string>(argv, argv + argc), started);
  } catch (const BadArgs& e) {
    std::fprintf(stderr, "wijkkiosk: %s\n", e.why.c_str());
    return usage();
  } catch (const std::exception& e) {
    // Never std::terminate: by the time we are here the runtime's destructors have stopped the workers and
    // closed the outbox. The status says it was an error (EX_SOFTWARE), so systemd restarts the kiosk.
    std::fprintf(stderr, "wijkkiosk: stopped by an error: %s\n", e.what());
    return 70;
  }
}
