// The sync worker when the service cannot be reached: rows stay pending, the status says so, poke()
// retries at once, and stop() returns promptly even in the middle of a long backoff.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

#include "../store/outbox_test_util.hpp"
#include "net/sync_worker.hpp"
#include "store/outbox.hpp"
#include "support/wait.hpp"
#include "support/wijkqueue.hpp"

namespace wk::net {
namespace {

using namespace std::chrono_literals;
using test::wait_until;

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

// A loopback port that listens and takes every connection but never answers: a request to it stays
// under way (TLS waits for the server's hello) until the client gives up or is cancelled.
class SilentPort {
 public:
  SilentPort() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (bind(fd_, reinterpret_cast<sockaddr*>(&a), len) == 0 && listen(fd_, 8) == 0 &&
        getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) == 0)
      port_ = ntohs(a.sin_port);
  }
  ~SilentPort() {
    for (int fd : accepted_) close(fd);
    close(fd_);
  }
  int port() const { return port_; }
  // Takes the next connection; false when none came within the timeout.
  bool accept_one(std::chrono::milliseconds timeout) {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(timeout.count())) != 1) return false;
    const int fd = accept(fd_, nullptr, nullptr);
    if (fd < 0) return false;
    accepted_.push_back(fd);
    return true;
  }

 private:
  int fd_ = -1;
  int port_ = 0;
  std::vector<int> accepted_;
};

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
  ASSERT_TRUE(wait_until([&] { return attempts() >= 3; }));
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
  // After the first failure it would wait two minutes: every wait below gives up long before, so only the
  // poke can bring the second try, and only a stop that cuts the wait short returns in time (a stop that
  // does not still returns, after the backoff, and the test fails rather than hangs).
  SyncWorker worker(options(2L * 60 * 1000));
  worker.start();
  ASSERT_TRUE(wait_until([&] { return attempts() == 1; }));
  // That nothing happens during the backoff can only be seen over some interval: this one is not a wait
  // for anything, and a correct worker passes however long it is (its next try is minutes away).
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(attempts(), 1);
  worker.poke();
  ASSERT_TRUE(wait_until([&] { return attempts() == 2; }, 30s)) << "the poke did not skip the backoff";
  auto stopped = std::async(std::launch::async, [&] { worker.stop(); });
  EXPECT_TRUE(wait_until([&] { return stopped.wait_for(0s) == std::future_status::ready; }, 30s))
      << "stop() waited for the backoff";
  EXPECT_EQ(attempts(), 2) << "stop() let it try again";
}

TEST_F(SyncWorkerOffline, AppendsSucceedWhileTheWorkerRetries) {
  SyncWorker worker(options(10));  // retrying all the while, each try writing its count to the outbox
  worker.start();
  std::mt19937_64 rng{8};
  for (int n = 4; n <= 40; ++n) {
    ASSERT_TRUE(outbox_->append_ticket(store::testing::make_test_ticket(rng, 'S', n, "2026-11-18", n)).ok());
    worker.poke();
  }
  ASSERT_TRUE(wait_until([&] { return attempts() >= 3; }));
  worker.stop();
  EXPECT_EQ(outbox_->stats()->pending, 40);
}

TEST_F(SyncWorkerOffline, AppendingNeverWaitsForTheWorker) {
  // A service that takes the connection and never answers: the worker sits in its first request, and the
  // appends and pokes below all return while it is still there (its attempt is not even counted yet).
  SilentPort silent;
  ASSERT_GT(silent.port(), 0);
  const test::Wijkqueue ca_only(test::set_up_only());  // for a CA file curl can load, so it sends its hello
  SyncWorker::Options o = options(10);
  o.client.base_url = "https://127.0.0.1:" + std::to_string(silent.port());
  o.client.ca_file = ca_only.ca_file();
  o.client.total_timeout_ms = 60L * 60 * 1000;  // it gives up only when stopped
  SyncWorker worker(std::move(o));
  worker.start();
  ASSERT_TRUE(silent.accept_one(30s)) << "the worker never called the service";
  std::mt19937_64 rng{8};
  for (int n = 4; n <= 40; ++n) {
    ASSERT_TRUE(outbox_->append_ticket(store::testing::make_test_ticket(rng, 'S', n, "2026-11-18", n)).ok());
    worker.poke();
  }
  EXPECT_EQ(attempts(), 0) << "the worker's request ended before the appends returned";
  worker.stop();
  EXPECT_EQ(outbox_->stats()->pending, 40);
}

}  // namespace
}  // namespace wk::net
