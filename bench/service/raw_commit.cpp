// The peer of service.sqlite.tps: how many durable ticket commits the same SQLite does on the same disk
// with the same settings, without HTTP, TLS or the service around it. The schema is the service's own
// (ServiceDb::open makes it, with every index), the connection is set up as service_db.cpp sets it up
// (WAL, synchronous=FULL, foreign_keys, secure_delete), and each ticket is one autocommit INSERT of a
// ticket-sized row. SQLite has one writer and no group commit, so 8 writers may do worse than 1: both are
// measured and raw.sqlite.tps is the better.
//
// For finding where the service's time goes it also records
//   raw.sqlite.store_tps        the store layer's insert_ticket (its transaction: two look-ups + INSERT)
//   raw.disk.fdatasync_per_s    8 KiB write + fdatasync on the same disk, as pg_test_fsync would
//
//   bench_service_raw_commit DIR SECONDS   (DIR on the disk the service uses; made and removed here)
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "figures.hpp"
#include "store/service_db.hpp"

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "bench: raw commit: %s\n", what.c_str());
  std::exit(1);
}

constexpr const char* kLocation = "raw";
constexpr wk::UnixMs kNow = 1'795'000'000'000;  // any fixed time: the rows only need to be ticket-sized

// The n-th ticket: unique id, code, public token and number, as a kiosk would send them.
wk::Ticket ticket(int n) {
  static const char* topics[] = {"werk", "schulden", "anders"};
  char id[40], token[40], code[16];
  std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", n);
  std::snprintf(token, sizeof token, "publicTokenForRaw%011d", n);
  std::snprintf(code, sizeof code, "%c-%06d", "WSA"[n % 3], n);
  wk::Ticket t;
  t.id = id;
  t.code = code;
  t.topic = topics[n % 3];
  t.language = "nl";
  t.created_at = kNow + n;
  t.public_token = token;
  t.local_day = "2026-11-24";
  t.number = n;
  return t;
}

// As service_db.cpp's configure_and_migrate sets up the writer.
sqlite3* open_like_the_service(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK)
    fail("cannot open " + path);
  sqlite3_busy_timeout(db, 5000);
  for (const char* pragma : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL",
                             "PRAGMA foreign_keys = ON", "PRAGMA secure_delete = ON"})
    if (sqlite3_exec(db, pragma, nullptr, nullptr, nullptr) != SQLITE_OK) fail(sqlite3_errmsg(db));
  return db;
}

// `writers` threads, each its own connection, insert autocommit rows for `seconds`; tickets per second.
double raw_inserts(const std::string& path, int writers, double seconds, std::atomic<int>& next) {
  std::atomic<long> done{0};
  std::atomic<bool> failed{false};
  const auto end = Clock::now() + std::chrono::duration<double>(seconds);
  const auto t0 = Clock::now();
  std::vector<std::thread> threads;
  for (int w = 0; w < writers; ++w)
    threads.emplace_back([&] {
      sqlite3* db = open_like_the_service(path);
      sqlite3_stmt* ins = nullptr;
      sqlite3_prepare_v2(
          db,
          "INSERT INTO tickets (id, location, code, topic, language, created_at, public_token, "
          "local_day, number, body_hash, status, received_at, device_id, issued_topic, "
          "code_twin) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'waiting', ?6, ?11, ?4, 0)",
          -1, &ins, nullptr);
      const std::string hash(64, 'a'), device(36, 'd');
      while (Clock::now() < end) {
        const wk::Ticket t = ticket(next++);
        sqlite3_bind_text(ins, 1, t.id.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 2, kLocation, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 3, t.code.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 4, t.topic.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 5, t.language.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(ins, 6, t.created_at);
        sqlite3_bind_text(ins, 7, t.public_token.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 8, t.local_day.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(ins, 9, t.number);
        sqlite3_bind_text(ins, 10, hash.c_str(), -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 11, device.c_str(), -1, SQLITE_STATIC);
        // An autocommit INSERT reads before it writes: when another writer committed in between, SQLite
        // answers SQLITE_BUSY_SNAPSHOT at once, without waiting in the busy handler. A writer tries again,
        // as the service's BEGIN IMMEDIATE never has to.
        int rc = SQLITE_BUSY;
        for (int tries = 0; tries < 100 && (rc & 0xff) == SQLITE_BUSY; ++tries) {
          rc = sqlite3_step(ins);
          sqlite3_reset(ins);
        }
        if (rc != SQLITE_DONE) {
          std::fprintf(stderr, "bench: raw INSERT: %s\n", sqlite3_errmsg(db));
          failed = true;
          break;
        }
        ++done;
      }
      sqlite3_finalize(ins);
      sqlite3_close(db);
    });
  for (auto& t : threads) t.join();
  if (failed) fail("an INSERT failed");
  return static_cast<double>(done) / std::chrono::duration<double>(Clock::now() - t0).count();
}

// The store layer's own insert (what POST /v1/tickets calls), 8 threads as 8 kiosks' requests would.
double store_inserts(const std::string& path, double seconds, std::atomic<int>& next) {
  auto db = wk::store::ServiceDb::open(path, wk::store::OpenMode::existing);
  if (!db) fail(wk::to_string(db.error()));
  std::atomic<long> done{0};
  std::atomic<bool> failed{false};
  const auto end = Clock::now() + std::chrono::duration<double>(seconds);
  const auto t0 = Clock::now();
  std::vector<std::thread> threads;
  for (int w = 0; w < 8; ++w)
    threads.emplace_back([&] {
      while (Clock::now() < end && !failed) {
        const wk::Ticket t = ticket(next++);
        auto r = db.value()->insert_ticket(t, kLocation, std::string(64, 'b'), kNow, {}, t.local_day);
        if (!r) {
          std::fprintf(stderr, "bench: insert_ticket: %s\n", wk::to_string(r.error()).c_str());
          failed = true;
        }
        ++done;
      }
    });
  for (auto& t : threads) t.join();
  if (failed) fail("a store insert failed");
  return static_cast<double>(done) / std::chrono::duration<double>(Clock::now() - t0).count();
}

// The disk's durable-write rate: what bounds any commit that waits for it.
double fdatasyncs_per_s(const std::string& path, double seconds) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) fail("cannot write " + path);
  const std::vector<char> page(8192, 'x');
  long n = 0;
  const auto t0 = Clock::now();
  const auto end = t0 + std::chrono::duration<double>(seconds);
  while (Clock::now() < end) {
    if (::pwrite(fd, page.data(), page.size(), 0) != static_cast<ssize_t>(page.size()) ||
        ::fdatasync(fd) != 0)
      fail("write + fdatasync failed");
    ++n;
  }
  ::close(fd);
  return static_cast<double>(n) / std::chrono::duration<double>(Clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) fail("usage: bench_service_raw_commit DIR SECONDS");
  const std::string dir = fs::absolute(argv[1]).string();
  const double seconds = std::max(1.0, std::atof(argv[2]));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string path = dir + "/raw.db";
  {
    auto db = wk::store::ServiceDb::open(path, wk::store::OpenMode::create_new);
    if (!db) fail(wk::to_string(db.error()));
    if (auto r = db.value()->add_location(kLocation, "Raw", "Europe/Amsterdam", kNow); !r)
      fail(wk::to_string(r.error()));
  }
  std::printf("raw durable commits on %s, %.0f s each\n", dir.c_str(), seconds);
  std::atomic<int> next{0};
  raw_inserts(path, 1, 0.5, next);  // warm-up: the file and the WAL exist, the pages are cached
  const double one = raw_inserts(path, 1, seconds, next);
  const double eight = raw_inserts(path, 8, seconds, next);
  wk::bench::figure("raw.sqlite.tps_1writer", one, "tickets/s");
  wk::bench::figure("raw.sqlite.tps_8writers", eight, "tickets/s");
  wk::bench::figure("raw.sqlite.tps", std::max(one, eight), "tickets/s");
  wk::bench::figure("raw.sqlite.store_tps", store_inserts(path, seconds, next), "tickets/s");
  wk::bench::figure("raw.disk.fdatasync_per_s", fdatasyncs_per_s(dir + "/fsync-probe", seconds), "1/s");
  fs::remove_all(dir);
  return 0;
}
