// The service's database under pressure (issue 11): reads that never wait for a writer, a 503 that says
// when to come back, a /healthz that tells a load balancer the truth about writing, and files that only
// their owner can read.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "service_test_helpers.hpp"
#include "support/wijkqueue.hpp"

namespace wk::test {
namespace {

TEST(DatabaseHealth, ReadsGoOnWhileAWriteWaitsForTheLockAndThe503SaysWhenToRetry) {
  Wijkqueue wq;
  if (wq.on_postgres()) GTEST_SKIP() << "SQLite's file lock; PostgreSQL's outage: PostgresOutageTest";
  // Another process (here: the test) holds the database's write lock, as a long `wijkqueue` CLI write or
  // a stuck writer would.
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(wq.db_file().c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);

  std::atomic<bool> post_done{false};
  HttpResponse post;
  std::thread writer([&] {
    post = http_request("POST", wq.url("/v1/tickets"), wq.ca_file(), wq.kiosk_token(),
                        ticket_body(1, "S-001", "schulden", to_rfc3339(wq.now())).dump());
    post_done = true;
  });
  // While that POST waits for the lock, the readers answer: before, they queued behind it on the one
  // connection until its busy timeout ran out.
  const auto health = http_request("GET", wq.url("/healthz"), wq.ca_file());
  const auto config = http_request("GET", wq.url("/v1/config"), wq.ca_file(), wq.kiosk_token());
  const auto page = http_request("GET", wq.url("/t/unknownTokenXXXXXXXXXXXXXXXX"), wq.ca_file());
  EXPECT_FALSE(post_done.load()) << "the POST finished before the reads: they did not run beside it";
  EXPECT_EQ(health.status, 200) << health.body;
  EXPECT_EQ(config.status, 200) << config.body;
  EXPECT_EQ(page.status, 404);

  writer.join();  // the write gives up after its busy timeout
  EXPECT_EQ(post.status, 503) << post.body;
  EXPECT_EQ(error_of(post)["code"], "db_busy") << post.body;
  EXPECT_FALSE(post.header("retry-after").empty()) << "a 503 says when to try again";
  ASSERT_EQ(sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(other);
  EXPECT_EQ(http_request("POST", wq.url("/v1/tickets"), wq.ca_file(), wq.kiosk_token(),
                         ticket_body(1, "S-001", "schulden", to_rfc3339(wq.now())).dump())
                .status,
            201);
}

TEST(DatabaseHealth, HealthzSays503WhenTheDiskCannotTakeWrites) {
  // More reserve than any disk has free: the real free space of the real disk is below it.
  WijkqueueOptions o;
  o.serve_args = {"--min-free-mb", "1073741823"};
  Wijkqueue full(o);
  if (full.on_postgres()) GTEST_SKIP() << "SQLite's disk; PostgreSQL keeps its own (PostgresOutageTest)";
  const auto r = http_request("GET", full.url("/healthz"), full.ca_file());
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_EQ(error_of(r)["code"], "disk_full") << r.body;
  Wijkqueue fine;
  EXPECT_EQ(http_request("GET", fine.url("/healthz"), fine.ca_file()).status, 200);
}

TEST(DatabaseHealth, EveryFileOfTheServiceIsItsOwnersAlone) {
  // The harness's folder exists before `init` (as a folder made by a package would), and the test runs
  // with whatever umask it was given.
  const mode_t old = ::umask(022);
  Wijkqueue wq;
  ::umask(old);
  ASSERT_EQ(http_request("POST", wq.url("/v1/tickets"), wq.ca_file(), wq.kiosk_token(),
                         ticket_body(1, "S-001", "schulden", to_rfc3339(wq.now())).dump())
                .status,
            201);
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(wq.dir())) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("wijkqueue.db") || name.ends_with(".key") || name.ends_with(".pem")) {
      struct stat st {};
      ASSERT_EQ(::stat(entry.path().c_str(), &st), 0);
      EXPECT_EQ(st.st_mode & 077, 0u) << name << " can be read by others";
      ++checked;
    }
  }
  EXPECT_GE(checked, 3) << "the database, its WAL and a key at least";
}

}  // namespace
}  // namespace wk::test
