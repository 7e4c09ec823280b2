// A power cut, simulated (issue 19). A kiosk (its real shell, KioskRuntime, with its sync worker) taps
// tickets as fast as it can and sends them to a real wijkqueue on SQLite. At random instants the test
// freezes both processes (SIGSTOP: the kiosk first, so whatever it saw acknowledged was committed by the
// service before the service froze), copies their database files as the disk holds them at that instant,
// and lets them go on. Half of the copies also get a torn tail: random bytes after the end of the WAL, as a
// frame half-written when the power went. Every copy must open, pass PRAGMA integrity_check, hold every
// ticket the screen showed before the cut (kiosk), and every ticket the kiosk had seen acknowledged
// (service).
//
// What this does not model: writes the kernel had not yet put on the disk. Those are the business of
// fsync, which both files ask for on every commit (synchronous = FULL, store/outbox.cpp, service_db.cpp).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "app/kiosk_runtime.hpp"
#include "support/kiosk_device.hpp"
#include "support/temp_dir.hpp"
#include "support/wait.hpp"
#include "support/wijkqueue.hpp"

namespace wk::test {
namespace {

namespace fs = std::filesystem;

// The kiosk in a process of its own: taps a ticket (three topics in turn) for every byte the test writes
// to `go` (a resident walking up), and writes the id of each ticket the screen shows to `out`, one line
// each, after it is shown.
[[noreturn]] void run_kiosk(const std::string& config, int go, int out, UnixMs start) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  app::RuntimeOptions o;
  o.start_printer = false;
  const auto t0 = std::chrono::steady_clock::now();
  o.clock = [start, t0] {
    return start +
           std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
               .count();
  };
  auto opened = app::open_kiosk_runtime(config, o);
  if (!opened.ok()) _exit(3);
  auto& rt = *opened.value();
  const char* topics[] = {"werk", "schulden", "anders"};
  char resident = 0;
  for (int i = 0; ::read(go, &resident, 1) == 1; ++i) {
    app::dispatch(rt, ev::StartOver{});
    app::dispatch(rt, ev::LanguageChosen{"nl"});
    app::dispatch(rt, ev::TopicChosen{topics[i % 3]});
    if (!rt.state.session.ticket) _exit(4);
    const std::string line = rt.state.session.ticket->id + "\n";
    if (::write(out, line.data(), line.size()) != static_cast<ssize_t>(line.size())) _exit(5);
    if (i % 16 == 0) app::drain_inbox(rt);
  }
  for (;;) pause();
}

bool stopped(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  std::getline(in, stat);
  const auto close = stat.rfind(')');
  return close != std::string::npos && close + 2 < stat.size() && stat[close + 2] == 'T';
}

std::set<std::string> column(sqlite3* db, const std::string& sql) {
  std::set<std::string> out;
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) return {"prepare failed: " + sql};
  while (sqlite3_step(s) == SQLITE_ROW) out.insert(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
  sqlite3_finalize(s);
  return out;
}

// Copies a SQLite file and its WAL (when there is one) into `to`, as `name` and `name-wal`.
void copy_database(const std::string& file, const std::string& to, const std::string& name) {
  fs::copy_file(file, to + "/" + name);
  if (fs::exists(file + "-wal")) fs::copy_file(file + "-wal", to + "/" + name + "-wal");
}

void tear_tail(const std::string& wal, std::mt19937& rng) {
  if (!fs::exists(wal)) return;
  std::ofstream out(wal, std::ios::binary | std::ios::app);
  const int n = std::uniform_int_distribution<int>(1, 8192)(rng);
  for (int i = 0; i < n; ++i) out.put(static_cast<char>(rng()));
}

struct Opened {
  sqlite3* db = nullptr;
  ~Opened() { sqlite3_close(db); }
};

class PowerCut : public ::testing::Test {
 protected:
  void SetUp() override { write_kiosk_device(dir_.path(), kiosk_device_of(wq_)); }
  // A reader on the service's live database (WAL: it never holds the writer up).
  sqlite3* live_service() {
    if (live_ == nullptr) sqlite3_open_v2(wq_.db_file().c_str(), &live_, SQLITE_OPEN_READONLY, nullptr);
    return live_;
  }
  void TearDown() override { sqlite3_close(live_); }

  Wijkqueue wq_;
  TempDir dir_{"power-cut"};
  sqlite3* live_ = nullptr;
};

TEST_F(PowerCut, EveryCopyTakenMidWriteOpensIsWholeAndHoldsEveryAcknowledgedTicket) {
  if (wq_.on_postgres()) GTEST_SKIP() << "SQLite's files; PostgreSQL keeps its own (PostgresOutageTest)";
  const char* env = std::getenv("WIJKKIOSK_POWER_CUTS");
  const int cuts = env ? std::max(1, std::atoi(env)) : 40;
  const unsigned seed = std::random_device{}();
  std::mt19937 rng(seed);
  std::printf("power cut: seed %u, %d cuts\n", seed, cuts);

  int pipe_fds[2], go_fds[2];
  ASSERT_EQ(::pipe2(pipe_fds, O_CLOEXEC), 0);
  ASSERT_EQ(::pipe2(go_fds, O_CLOEXEC), 0);
  const UnixMs start = wq_.now();
  const pid_t kiosk = fork();
  ASSERT_GE(kiosk, 0);
  if (kiosk == 0) {
    ::close(pipe_fds[0]);
    ::close(go_fds[1]);
    run_kiosk(dir_.file("kiosk.toml"), go_fds[0], pipe_fds[1], start);
  }
  ::close(pipe_fds[1]);
  ::close(go_fds[0]);
  ::fcntl(pipe_fds[0], F_SETFL, O_NONBLOCK);
  // Residents walk up: `n` more taps for the kiosk.
  std::size_t asked = 0;  // taps asked for so far
  auto residents = [&](std::size_t n) {
    asked += n;
    if (n == 0) return;
    const std::string bytes(n, 'r');
    ASSERT_EQ(::write(go_fds[1], bytes.data(), n), static_cast<ssize_t>(n));
  };
  std::vector<std::string> shown;
  std::string partial;
  auto read_acks = [&] {
    char buf[4096];
    for (ssize_t n; (n = ::read(pipe_fds[0], buf, sizeof buf)) > 0;) {
      partial.append(buf, static_cast<std::size_t>(n));
      for (std::size_t nl; (nl = partial.find('\n')) != std::string::npos; partial.erase(0, nl + 1))
        shown.push_back(partial.substr(0, nl));
    }
  };

  const std::string kiosk_db = dir_.file("data/outbox.db");
  auto service_count = [&] { return column(live_service(), "SELECT id FROM tickets").size(); };
  int torn = 0, with_wal = 0;
  std::size_t sent_seen = 0;
  for (int cut = 0; cut < cuts; ++cut) {
    // Some residents; the cut comes once these are shown, while a few more are still tapping.
    const std::size_t target = shown.size() + std::uniform_int_distribution<std::size_t>(1, 20)(rng);
    if (asked < target) residents(target - asked);
    residents(std::uniform_int_distribution<std::size_t>(0, 3)(rng));
    ASSERT_TRUE(wait_until(
        [&] {
          read_acks();
          return shown.size() >= target;
        },
        std::chrono::seconds(60)))
        << "the kiosk stopped giving tickets at " << shown.size();
    // And the service has taken more since the last cut, so each copy of it has something new to hold.
    const std::size_t taken = service_count();
    ASSERT_TRUE(wait_until([&] { return service_count() > taken; }, std::chrono::seconds(60)))
        << "the service took no ticket after " << taken;

    // The cut: the kiosk first, then the service.
    ASSERT_EQ(::kill(kiosk, SIGSTOP), 0);
    int status = 0;
    ASSERT_EQ(::waitpid(kiosk, &status, WUNTRACED), kiosk);
    ASSERT_TRUE(WIFSTOPPED(status));
    ASSERT_EQ(::kill(wq_.pid(), SIGSTOP), 0);
    ASSERT_TRUE(wait_until([&] { return stopped(wq_.pid()); }));
    read_acks();
    const std::set<std::string> shown_before(shown.begin(), shown.end());
    const std::string copy = dir_.file("cut-" + std::to_string(cut));
    fs::create_directories(copy);
    copy_database(kiosk_db, copy, "outbox.db");
    copy_database(wq_.db_file(), copy, "wijkqueue.db");
    ::kill(wq_.pid(), SIGCONT);
    ::kill(kiosk, SIGCONT);

    if (fs::exists(copy + "/outbox.db-wal") && fs::file_size(copy + "/outbox.db-wal") > 0) ++with_wal;
    if (cut % 2 == 1) {
      tear_tail(copy + "/outbox.db-wal", rng);
      tear_tail(copy + "/wijkqueue.db-wal", rng);
      ++torn;
    }
    Opened k, s;
    ASSERT_EQ(sqlite3_open((copy + "/outbox.db").c_str(), &k.db), SQLITE_OK) << "cut " << cut;
    ASSERT_EQ(sqlite3_open((copy + "/wijkqueue.db").c_str(), &s.db), SQLITE_OK) << "cut " << cut;
    ASSERT_EQ(column(k.db, "PRAGMA integrity_check"), std::set<std::string>{"ok"}) << "kiosk, cut " << cut;
    ASSERT_EQ(column(s.db, "PRAGMA integrity_check"), std::set<std::string>{"ok"}) << "service, cut " << cut;
    const auto ledger = column(k.db, "SELECT id FROM ledger");
    for (const auto& id : shown_before) ASSERT_TRUE(ledger.count(id)) << "cut " << cut << " lost " << id;
    const auto sent = column(k.db, "SELECT id FROM outbox WHERE state = 'sent'");
    const auto at_service = column(s.db, "SELECT id FROM tickets");
    for (const auto& id : sent)
      ASSERT_TRUE(at_service.count(id)) << "cut " << cut << ": acknowledged " << id << " lost";
    sent_seen = sent.size();
    fs::remove_all(copy);
  }
  ::kill(kiosk, SIGKILL);
  ::waitpid(kiosk, nullptr, 0);
  ::close(pipe_fds[0]);
  ::close(go_fds[1]);
  EXPECT_GT(sent_seen, 0u) << "the service never acknowledged a ticket: the copies proved nothing about it";
  std::printf(
      "power cut: %d copies, %d with a torn tail, %d with a WAL; %zu tickets shown, %zu acknowledged at the "
      "last\n",
      cuts, torn, with_wal, shown.size(), sent_seen);
}

}  // namespace
}  // namespace wk::test
