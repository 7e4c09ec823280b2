// The sync worker keeps the outbox small when it has nothing to send (here: the service is away): it
// prunes sent rows older than the retention before the newest ticket, keeps the unsent one and the newest,
// and empties the WAL. Real SQLite file in a temp dir; the clock is handed in.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>

#include "../store/outbox_test_util.hpp"
#include "net/sync_worker.hpp"
#include "store/outbox.hpp"
#include "support/wait.hpp"

namespace wk::net {
namespace {

constexpr UnixMs kDay = 24LL * 3600 * 1000;
constexpr UnixMs kNow = 1'780'000'000'000;  // a fixed instant: no test depends on the real date

// A loopback port that is bound but never listens: a connection to it is refused at once.
int refusing_port(int& fd) {
  fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  if (bind(fd, reinterpret_cast<sockaddr*>(&a), len) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0)
    return 0;
  return ntohs(a.sin_port);
}

TEST(SyncWorkerPrune, PrunesOldSentRowsAndEmptiesTheWalWhenIdle) {
  int fd = -1;
  const int port = refusing_port(fd);
  ASSERT_GT(port, 0);
  store::testing::OutboxTempDir dir;
  const std::string db = dir.file("outbox.db");
  auto outbox = store::Outbox::open(db).value();
  std::mt19937_64 rng{11};
  for (int n = 1; n <= 30; ++n)
    ASSERT_TRUE(
        outbox->append_ticket(store::testing::make_test_ticket(rng, 'W', n, "day-10", kNow - 10 * kDay + n))
            .ok());
  const Ticket unsent = store::testing::make_test_ticket(rng, 'W', 31, "day-10", kNow - 10 * kDay + 100);
  const Ticket newest = store::testing::make_test_ticket(rng, 'W', 1, "day-0", kNow);
  ASSERT_TRUE(outbox->append_ticket(unsent).ok());
  ASSERT_TRUE(outbox->append_ticket(newest).ok());
  {
    const auto rows = outbox->pending(100).value();
    for (const auto& row : rows)
      if (row.id != unsent.id) {
        ASSERT_TRUE(outbox->mark_sent(row.seq, kNow).ok());
      }
  }
  ASSERT_GT(std::filesystem::file_size(db + "-wal"), 0u);

  SyncWorker::Options o;
  o.outbox_path = db;
  o.client.base_url = "https://127.0.0.1:" + std::to_string(port);
  o.client.ca_file = "/nonexistent-ca.pem";  // never reached: the connection is refused first
  o.client.token = "t";
  o.now = [] { return kNow; };
  o.heartbeat_interval_ms = 0;
  o.base_backoff_ms = o.max_backoff_ms = 60000;  // one round, then it waits
  o.first_prune_after_ms = 0;                    // at once: the handed-in clock never moves
  SyncWorker worker(o);
  worker.start();
  EXPECT_TRUE(test::wait_until([&] {
    return store::testing::query_long(db, "SELECT count(*) FROM ledger") == 2 &&
           std::filesystem::file_size(db + "-wal") == 0;
  }));
  worker.stop();
  const auto left = outbox->tickets().value();
  ASSERT_EQ(left.size(), 2u);
  EXPECT_EQ(left[0].id, unsent.id);
  EXPECT_EQ(left[1].id, newest.id);
  EXPECT_EQ(outbox->stats().value().pending, 1);
  close(fd);
}

}  // namespace
}  // namespace wk::net
