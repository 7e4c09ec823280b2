// Outbox drain: a kiosk issues tickets while the service is away, the service comes back, and the
// kiosk's sync worker hands them all in. The kiosk is its real shell (KioskRuntime, headless, with its
// sync worker) and the service the real wijkqueue on SQLite, over TLS.
//
// The service stays down OUTAGE_S seconds after the last ticket: a real outage lasts long enough for the
// worker's backoff to reach its cap, so the full run keeps it down 90 s and the figure includes the wait
// a kiosk mid-backoff makes. While nothing answers at all the worker knocks at least every 2 s
// (unreachable_max_backoff_ms, net/sync_worker.hpp), so the first POST comes 0-2 s after the restart;
// first_s varies from run to run within that. Figures:
//   service.outbox_drain.s            from the restart to every ticket stored by the service (budget <= 5)
//   service.outbox_drain.first_s      from the restart to the first ticket stored (the backoff's wait)
//   service.outbox_drain.after_first_s  from the first ticket stored to the last (the throughput)
// Exactly once is checked, and a miss fails the run: the service holds COUNT tickets, no id twice, every
// id the kiosk issued; the outbox has COUNT sent, none pending, none parked.
//
//   bench_service_outbox_drain COUNT OUTAGE_S   (WIJKKIOSK_BIN_DIR: where wijkqueue is)
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "app/kiosk_runtime.hpp"
#include "figures.hpp"
#include "support/kiosk_device.hpp"
#include "support/temp_dir.hpp"
#include "support/wijkqueue.hpp"

namespace {

using Clock = std::chrono::steady_clock;

// Thrown, not exit(): the service and its database made for the run are stopped on the way out.
[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error(what);
}

double seconds_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

// The service's tickets, read as anyone with the file would (WAL: the reader never holds the server up).
class ServiceTickets {
 public:
  explicit ServiceTickets(const std::string& file) {
    if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
      fail("cannot read the service's database");
  }
  ~ServiceTickets() { sqlite3_close(db_); }
  ServiceTickets(const ServiceTickets&) = delete;
  ServiceTickets& operator=(const ServiceTickets&) = delete;

  long count() { return number("SELECT COUNT(*) FROM tickets"); }
  long distinct_ids() { return number("SELECT COUNT(DISTINCT id) FROM tickets"); }
  std::set<std::string> ids() {
    std::set<std::string> out;
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db_, "SELECT id FROM tickets", -1, &s, nullptr);
    while (sqlite3_step(s) == SQLITE_ROW)
      out.insert(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
    sqlite3_finalize(s);
    return out;
  }

 private:
  long number(const char* sql) {
    sqlite3_stmt* s = nullptr;
    long n = -1;
    if (sqlite3_prepare_v2(db_, sql, -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
      n = static_cast<long>(sqlite3_column_int64(s, 0));
    sqlite3_finalize(s);
    if (n < 0) fail(std::string("cannot read the service's tickets: ") + sqlite3_errmsg(db_));
    return n;
  }
  sqlite3* db_ = nullptr;
};

}  // namespace

int main(int argc, char** argv) try {
  if (argc < 3) fail("usage: bench_service_outbox_drain COUNT OUTAGE_S");
  const long count = std::max(10L, std::atol(argv[1]));
  const double outage_s = std::max(0.0, std::atof(argv[2]));

  wk::test::Wijkqueue wq;  // set up and started once, so its port is taken and kept over stop() and start()
  wq.stop();
  wk::test::TempDir kiosk_dir("bench-drain-kiosk");
  const std::string config = wk::test::write_kiosk_device(kiosk_dir.path(), wk::test::kiosk_device_of(wq));

  wk::app::RuntimeOptions o;
  o.start_printer = false;
  o.start_sync = true;
  // The kiosk's clock runs with the service's test clock, so its tickets belong to the service's today.
  const wk::UnixMs start = wq.now();
  const auto t_start = Clock::now();
  o.clock = [start, t_start] {
    return start + std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t_start).count();
  };
  auto opened = wk::app::open_kiosk_runtime(config, o);
  if (!opened) fail(to_string(opened.error()));
  wk::app::KioskRuntime& rt = *opened.value();

  const char* topics[] = {"werk", "schulden", "anders"};
  std::set<std::string> issued;
  for (long i = 0; i < count; ++i) {
    wk::app::dispatch(rt, wk::ev::StartOver{});
    wk::app::dispatch(rt, wk::ev::LanguageChosen{"nl"});
    wk::app::dispatch(rt, wk::ev::TopicChosen{topics[i % 3]});
    if (!rt.state.session.ticket)
      fail("tap " + std::to_string(i) + " gave no ticket: " + rt.state.session.failure);
    issued.insert(rt.state.session.ticket->id);
    if (i % 64 == 0) wk::app::drain_inbox(rt);
  }
  if (static_cast<long>(issued.size()) != count) fail("the kiosk issued an id twice");
  std::printf("outbox drain: %ld tickets queued offline; the service stays away %.0f s more\n", count,
              outage_s);
  std::this_thread::sleep_for(std::chrono::duration<double>(outage_s));  // the outage itself, not a settle

  const auto t0 = Clock::now();
  wq.start();
  ServiceTickets service(wq.db_file());
  std::optional<Clock::time_point> first, all;
  const auto deadline = t0 + std::chrono::seconds(300);
  while (!all) {
    const long n = service.count();
    const auto now = Clock::now();
    if (n > 0 && !first) first = now;
    if (n >= count) all = now;
    if (now > deadline) fail("after 300 s the service holds " + std::to_string(n) + " of the tickets");
    wk::app::drain_inbox(rt);
    if (!all) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  // The kiosk marks a row sent once it has the answer: wait for the last answers to be written down.
  wk::store::OutboxStats stats;
  for (const auto until = Clock::now() + std::chrono::seconds(30);;) {
    auto s = rt.outbox->stats();
    if (!s) fail("the outbox cannot be read: " + to_string(s.error()));
    stats = s.value();
    if (stats.pending == 0 || Clock::now() > until) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }

  // Exactly once, or no figure.
  const long stored = service.count(), distinct = service.distinct_ids();
  if (stored != count || distinct != count)
    fail("the service holds " + std::to_string(stored) + " tickets (" + std::to_string(distinct) +
         " distinct ids), not " + std::to_string(count));
  if (service.ids() != issued) fail("the service's ticket ids are not the ids the kiosk issued");
  if (stats.sent != count || stats.pending != 0 || stats.parked != 0)
    fail("the outbox has " + std::to_string(stats.sent) + " sent, " + std::to_string(stats.pending) +
         " pending, " + std::to_string(stats.parked) + " parked; expected " + std::to_string(count) +
         " sent");
  wk::app::close_runtime(rt);

  std::printf("outbox drain: all %ld tickets arrived exactly once\n", count);
  wk::bench::figure("service.outbox_drain.s", seconds_between(t0, *all), "s");
  wk::bench::figure("service.outbox_drain.first_s", seconds_between(t0, *first), "s");
  wk::bench::figure("service.outbox_drain.after_first_s", seconds_between(*first, *all), "s");
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "bench: outbox drain: %s\n", e.what());
  return 1;
}
