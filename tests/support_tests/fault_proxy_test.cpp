// The chaos tests' fault-injecting proxy, each fault against a real TCP echo server on loopback: what the
// client sees (bytes, a clean end, a reset, nothing) and what the server got, and the counts the campaign
// reports. Faults switch under a connection that is already open, and stop() ends connections that hang.
#include "support/fault_proxy.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <list>
#include <string>
#include <thread>

#include "support/wait.hpp"

// A namespace of its own, so that the suite can be called FaultProxy like the class it tests.
namespace wk::test::fault_proxy_suite {
namespace {

using namespace std::chrono_literals;
using test::Fault;
using test::FaultSettings;
using test::kFaultKinds;

sockaddr_in loopback(int port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return a;
}

// Echoes every byte back; counts connections and bytes received.
class EchoServer {
 public:
  EchoServer() {
    fd_ = listen_on_loopback(port_, "echo");
    thread_ = std::thread([this] {
      while (!stop_) {
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, 20) <= 0) continue;
        const int c = ::accept(fd_, nullptr, nullptr);
        if (c < 0) continue;
        ++accepted_;
        workers_.emplace_back([this, c] {
          char buf[4096];
          while (!stop_) {
            pollfd q{c, POLLIN, 0};
            if (::poll(&q, 1, 20) <= 0) continue;
            const ssize_t n = ::recv(c, buf, sizeof buf, 0);
            if (n <= 0) break;
            received_ += n;
            if (::send(c, buf, static_cast<std::size_t>(n), MSG_NOSIGNAL) != n) break;
          }
          ::close(c);
        });
      }
    });
  }
  ~EchoServer() {
    stop_ = true;
    thread_.join();
    for (auto& w : workers_) w.join();
    ::close(fd_);
  }
  int port() const { return port_; }
  int accepted() const { return accepted_; }
  long received() const { return received_; }

 private:
  int fd_ = -1, port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> accepted_{0};
  std::atomic<long> received_{0};
  std::list<std::thread> workers_;
  std::thread thread_;
};

int connect_to(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  const sockaddr_in a = loopback(port);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) != 0)
    throw std::runtime_error("connect");
  return fd;
}

// What a client reads until the stream ends: the bytes, and how it ended.
struct Ending {
  std::string bytes;
  int error = 0;       // errno of the read that ended it (ECONNRESET), 0 for a clean end
  bool ended = false;  // false: nothing more came within `quiet`, and the stream is still open
};

Ending read_to_end(int fd, std::chrono::milliseconds quiet = 10s) {
  Ending e;
  char buf[4096];
  while (true) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(quiet.count())) == 0) return e;
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n > 0) {
      e.bytes.append(buf, static_cast<std::size_t>(n));
      continue;
    }
    e.ended = true;
    e.error = n < 0 ? errno : 0;
    return e;
  }
}

void send_text(int fd, const std::string& text) {
  ASSERT_EQ(::send(fd, text.data(), text.size(), MSG_NOSIGNAL), static_cast<ssize_t>(text.size()));
}

std::string read_exactly(int fd, std::size_t n) {
  std::string got;
  char buf[4096];
  while (got.size() < n) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 10000) <= 0) break;
    const ssize_t r = ::recv(fd, buf, std::min(sizeof buf, n - got.size()), 0);
    if (r <= 0) break;
    got.append(buf, static_cast<std::size_t>(r));
  }
  return got;
}

std::int64_t faults(const test::FaultProxy& p, Fault f) {
  return p.counts().faults[static_cast<std::size_t>(f)];
}

const std::string kHundred(100, 'x');

class FaultProxy : public ::testing::Test {
 protected:
  void with(Fault f, std::size_t after_bytes = 10, int delay_ms = 50) {
    FaultSettings s;
    s.fault = f;
    s.after_bytes = after_bytes;
    s.delay_ms = delay_ms;
    proxy_.set(s);
  }
  EchoServer echo_;
  test::FaultProxy proxy_{echo_.port()};
};

TEST_F(FaultProxy, WithoutAFaultEveryByteGoesThereAndBack) {
  const int fd = connect_to(proxy_.port());
  send_text(fd, kHundred);
  EXPECT_EQ(read_exactly(fd, 100), kHundred);
  ::close(fd);
  EXPECT_EQ(proxy_.counts().connections, 1);
  for (std::size_t k = 0; k < kFaultKinds; ++k) EXPECT_EQ(proxy_.counts().faults[k], 0) << k;
}

TEST_F(FaultProxy, DelayHoldsEveryChunkBackButPassesItWhole) {
  with(Fault::delay, 10, 200);
  const int fd = connect_to(proxy_.port());
  const auto t0 = std::chrono::steady_clock::now();
  send_text(fd, kHundred);
  EXPECT_EQ(read_exactly(fd, 100), kHundred);
  // Two chunks (there and back), each held 200 ms: a lower bound, which no machine's speed can beat.
  EXPECT_GE(std::chrono::steady_clock::now() - t0, 400ms);
  ::close(fd);
  EXPECT_EQ(faults(proxy_, Fault::delay), 1);
}

TEST_F(FaultProxy, DropClosesAtOnceAndTheServerNeverHearsOfIt) {
  with(Fault::drop);
  const int fd = connect_to(proxy_.port());
  const Ending e = read_to_end(fd);
  EXPECT_TRUE(e.ended);
  EXPECT_TRUE(e.bytes.empty());
  ::close(fd);
  EXPECT_EQ(faults(proxy_, Fault::drop), 1);
  EXPECT_EQ(echo_.accepted(), 0);
}

TEST_F(FaultProxy, ResetMidRequestPassesPartOfTheRequestThenResets) {
  with(Fault::reset_request, 10);
  const int fd = connect_to(proxy_.port());
  send_text(fd, kHundred);
  const Ending e = read_to_end(fd);
  EXPECT_TRUE(e.ended);
  EXPECT_EQ(e.error, ECONNRESET) << "a reset, not a clean end";
  EXPECT_LE(e.bytes.size(), 10u);
  ::close(fd);
  ASSERT_TRUE(wait_until([&] { return echo_.received() == 10; })) << echo_.received();
  EXPECT_EQ(faults(proxy_, Fault::reset_request), 1);
}

TEST_F(FaultProxy, ResetMidResponseLetsTheRequestThroughAndCutsTheAnswerWithAReset) {
  with(Fault::reset_response, 10);
  const int fd = connect_to(proxy_.port());
  send_text(fd, kHundred);
  const Ending e = read_to_end(fd);
  EXPECT_TRUE(e.ended);
  EXPECT_EQ(e.error, ECONNRESET);
  EXPECT_LE(e.bytes.size(), 10u);
  ::close(fd);
  EXPECT_EQ(echo_.received(), 100) << "the whole request reached the server";
  EXPECT_EQ(faults(proxy_, Fault::reset_response), 1);
}

TEST_F(FaultProxy, TruncateEndsTheAnswerCleanlyAfterItsBytes) {
  with(Fault::truncate, 10);
  const int fd = connect_to(proxy_.port());
  send_text(fd, kHundred);
  const Ending e = read_to_end(fd);
  EXPECT_TRUE(e.ended);
  EXPECT_EQ(e.error, 0) << "a clean end, not a reset";
  EXPECT_EQ(e.bytes, std::string(10, 'x'));
  ::close(fd);
  EXPECT_EQ(faults(proxy_, Fault::truncate), 1);
}

TEST_F(FaultProxy, BlackHoleTakesTheBytesAndNeverAnswers) {
  with(Fault::black_hole);
  const int fd = connect_to(proxy_.port());
  send_text(fd, kHundred);
  const Ending e = read_to_end(fd, 300ms);  // silence is all there is to wait for
  EXPECT_FALSE(e.ended) << "still open";
  EXPECT_TRUE(e.bytes.empty());
  EXPECT_EQ(echo_.accepted(), 0);
  EXPECT_EQ(faults(proxy_, Fault::black_hole), 1);
  ::close(fd);
}

TEST_F(FaultProxy, AFaultSwitchedOnReachesAConnectionAlreadyOpen) {
  const int fd = connect_to(proxy_.port());
  send_text(fd, "ping");
  ASSERT_EQ(read_exactly(fd, 4), "ping");
  with(Fault::truncate, 2);
  send_text(fd, "pong");
  const Ending e = read_to_end(fd);
  EXPECT_EQ(e.bytes, "po");
  EXPECT_TRUE(e.ended);
  ::close(fd);
  with(Fault::none);
  const int again = connect_to(proxy_.port());
  send_text(again, "back");
  EXPECT_EQ(read_exactly(again, 4), "back") << "switched off, it passes everything again";
  ::close(again);
  EXPECT_EQ(proxy_.counts().connections, 2);
}

TEST_F(FaultProxy, StopEndsConnectionsThatHang) {
  with(Fault::black_hole);
  const int held = connect_to(proxy_.port());
  send_text(held, kHundred);
  with(Fault::none);
  const int idle = connect_to(proxy_.port());
  ASSERT_TRUE(wait_until([&] { return proxy_.counts().connections == 2; }));
  proxy_.stop();  // returns: every thread joined
  EXPECT_TRUE(read_to_end(held).ended);
  EXPECT_TRUE(read_to_end(idle).ended);
  ::close(held);
  ::close(idle);
}

}  // namespace
}  // namespace wk::test::fault_proxy_suite
