// The sync worker when the service cannot be reached: rows stay pending, the status says so, poke()
// retries at once, and stop() returns promptly even in the middle of a long backoff.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "../store/outbox_test_util.hpp"
#include "net/sync_worker.hpp"
#include "store/outbox.hpp"

namespace wk::net {
namespace {

using namespace std::chrono_literals;

// A loopback port that is bound but never listens: a connection to it is refused at once.
class RefusingPort {
 public:
  RefusingPort() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (bind(fd_, reinterpret_cast<sockaddr*>(&a), len) == 0 &&
        getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) == 0)
      port_ = ntohs(a.sin_port);
  }
  ~RefusingPort() { close(fd_); }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

template <class Pred>
bool eventually(Pred pred, std::chrono::milliseconds limit = 5000ms) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (pred()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return pred();
}

class SyncWorkerOffline : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GT(port_.port(), 0);
    auto ob = store::Outbox::open(db_);
    ASSERT_TRUE(ob.ok());
    outbox_ = std::move(ob.value());
    std::mt19937_64 rng{7};
    for (int n = 1; n <= 3; ++n)
      ASSERT_TRUE(
          outbox_->append_ticket(store::testing::make_test_ticket(rng, 'S', n, "2026-11-18", n)).ok());
  }
  SyncWorker::Options options(long base_backoff_ms) {
    SyncWorker::Options o;
    o.outbox_path = db_;
    o.client.base_url = "https://127.0.0.1:" + std::to_string(port_.port());
    o.client.ca_file = "/nonexistent-ca.pem";  // never reached: the connection is refused first
    o.client.token = "t";
    o.base_backoff_ms = base_backoff_ms;
    o.max_backoff_ms = base_backoff_ms;
    o.on_change = [this] { ++changes_; };
    return o;
  }
  long attempts() { return store::testing::query_long(db_, "SELECT max(attempts) FROM outbox"); }

  RefusingPort port_;
  store::testing::OutboxTempDir dir_;
  std::string db_ = dir_.file("outbox.db");
  std::unique_ptr<store::Outbox> outbox_;
  std::atomic<int> changes_{0};
};

TEST_F(SyncWorkerOffline, RowsStayPendingAndTheStatusSaysUnreachable) {
  SyncWorker worker(options(10));
  worker.start();
  ASSERT_TRUE(eventually([&] { return attempts() >= 3; }));
  const auto s = worker.status();
  EXPECT_FALSE(s.reachable);
  EXPECT_TRUE(s.unreachable_since.has_value());
  EXPECT_FALSE(s.last_sync_at.has_value());
  EXPECT_NE(s.last_error.find("cannot be reached"), std::string::npos) << s.last_error;
  EXPECT_GE(changes_.load(), 1);
  worker.stop();
  auto stats = outbox_->stats().value();
  EXPECT_EQ(stats.pending, 3);
  EXPECT_EQ(stats.sent + stats.parked, 0);
  // FIFO: only the head is tried while the service is away.
  EXPECT_EQ(store::testing::query_long(db_, "SELECT count(*) FROM outbox WHERE attempts > 0"), 1);
}

TEST_F(SyncWorkerOffline, PokeSkipsTheBackoffAndStopEndsItPromptly) {
  SyncWorker worker(options(60000));  // after the first failure it would sleep a long time
  worker.start();
  ASSERT_TRUE(eventually([&] { return attempts() == 1; }));
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(attempts(), 1);
  worker.poke();
  ASSERT_TRUE(eventually([&] { return attempts() == 2; }, 2000ms));
  const auto t0 = std::chrono::steady_clock::now();
  worker.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 500ms);
}

TEST_F(SyncWorkerOffline, AppendingNeverWaitsForTheWorker) {
  SyncWorker worker(options(10));
  worker.start();
  std::mt19937_64 rng{8};
  for (int n = 4; n <= 40; ++n) {
    const auto t0 = std::chrono::steady_clock::now();
    ASSERT_TRUE(outbox_->append_ticket(store::testing::make_test_ticket(rng, 'S', n, "2026-11-18", n)).ok());
    worker.poke();
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 1000ms);
  }
  worker.stop();
  EXPECT_EQ(outbox_->stats()->pending, 40);
}

}  // namespace
}  // namespace wk::net
