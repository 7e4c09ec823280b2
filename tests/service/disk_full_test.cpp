// The service on a really full disk (issue 19): wijkqueue's folder on a small tmpfs that the test fills to
// the last byte. Tickets and logins then get a 503 that says why (never a 500, never a crash), /healthz
// tells the load balancer, no acknowledged ticket is lost, the database stays whole, and once there is room
// again the same kiosk retry goes in without anyone restarting anything.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <optional>
#include <set>

#include "queue_test_helpers.hpp"
#include "support/small_disk.hpp"
#include "support/wait.hpp"

namespace wk::test {
namespace {

// Sets an environment variable for as long as it lives (unset: removes it), then puts back the old value.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value)
      ::setenv(name, value, 1);
    else
      ::unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_)
      ::setenv(name_, old_->c_str(), 1);
    else
      ::unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// Builds the Wijkqueue with its folder on `disk` (TempDir follows $TMPDIR).
std::unique_ptr<Wijkqueue> service_on(const SmallDisk& disk) {
  ScopedEnv tmp("TMPDIR", disk.path().c_str());
  ScopedEnv privacy("WIJKKIOSK_PRIVACY_DIR", nullptr);
  WijkqueueOptions o;
  o.serve_args = {"--min-free-mb", "1"};  // the small disk's room, once the filler is gone, is enough
  return std::make_unique<Wijkqueue>(o);
}

std::string sqlite_text(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* s = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK)
    return "prepare: " + std::string(sqlite3_errmsg(db));
  while (sqlite3_step(s) == SQLITE_ROW)
    out += reinterpret_cast<const char*>(sqlite3_column_text(s, 0)) + std::string("\n");
  sqlite3_finalize(s);
  return out;
}

TEST(DiskFull, TheServiceSays503WithWordsLosesNothingAndRecoversByItself) {
  SmallDisk disk(16);
  auto wq = service_on(disk);
  if (wq->on_postgres()) GTEST_SKIP() << "SQLite's disk; PostgreSQL keeps its own (PostgresOutageTest)";

  std::set<std::string> acknowledged;
  int n = 0;
  auto hand_in = [&](int number) {
    char code[16];
    std::snprintf(code, sizeof code, "S-%03d", 1 + number % 999);
    const auto body = ticket_now(*wq, number, code);
    const auto r = post_ticket(*wq, body);
    if (r.status == 201 || r.status == 200) acknowledged.insert(body["id"].get<std::string>());
    return r;
  };
  for (; n < 20; ++n) ASSERT_EQ(hand_in(n).status, 201);

  const auto filled = disk.fill();
  ASSERT_LT(disk.free_bytes(), 4096u) << "filled " << filled << " bytes";

  // SQLite may still find room in pages and WAL frames it holds already; soon a write needs a new block.
  HttpResponse refused;
  for (int tries = 0; tries < 2000 && refused.status == 0; ++tries, ++n) {
    const auto r = hand_in(n);
    if (r.status == 201) continue;
    refused = r;
  }
  ASSERT_EQ(refused.status, 503) << "a full disk must be a 503 that says so: " << refused.body;
  EXPECT_EQ(error_of(refused)["code"], "disk_full") << refused.body;
  EXPECT_NE(refused.header("retry-after"), "") << "the kiosk is told to come back";
  EXPECT_TRUE(wq->running()) << "the service died on a full disk";
  EXPECT_EQ(http_request("GET", wq->url("/healthz"), wq->ca_file()).status, 503);
  // A login is counted against guessing, which needs a write: it is refused in words too, not failed.
  const auto login_refused = login(*wq, wq->location(), wq->staff_user(), wq->staff_password());
  EXPECT_EQ(login_refused.status, 503) << login_refused.body;
  EXPECT_EQ(error_of(login_refused)["code"], "disk_full") << login_refused.body;

  // The resident's ticket that was refused is retried by the kiosk as it is; with room again it goes in.
  const int refused_number = n - 1;
  disk.make_room();
  ASSERT_TRUE(wait_until([&] { return hand_in(refused_number).status == 201; }))
      << "the service did not take tickets again once the disk had room";
  EXPECT_EQ(http_request("GET", wq->url("/healthz"), wq->ca_file()).status, 200);
  for (int i = 0; i < 5; ++i, ++n) EXPECT_EQ(hand_in(n).status, 201);

  // The database is whole and holds every acknowledged ticket, once, also after a restart.
  wq->stop();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(wq->db_file().c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  EXPECT_EQ(sqlite_text(db, "PRAGMA integrity_check"), "ok\n");
  const std::string ids = sqlite_text(db, "SELECT id FROM tickets");
  sqlite3_close(db);
  std::set<std::string> stored;
  for (std::size_t at = 0, nl; (nl = ids.find('\n', at)) != std::string::npos; at = nl + 1)
    stored.insert(ids.substr(at, nl - at));
  EXPECT_EQ(stored, acknowledged);
  wq->start();
  EXPECT_EQ(hand_in(n).status, 201);
  std::printf("disk full: %zu tickets acknowledged, the first refusal after %d on %llu filler bytes\n",
              acknowledged.size(), refused_number, static_cast<unsigned long long>(filled));
}

}  // namespace
}  // namespace wk::test
