#include "support/test_printer.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <stdexcept>

#include "support/escpos_decode.hpp"
#include "support/wait.hpp"

namespace wk::test {
namespace {

using namespace std::chrono_literals;
using Status = TestPrinter::Status;

// A plain TCP client, as simple as the printer's real clients: write bytes, read with a deadline.
class Client {
 public:
  explicit Client(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    if (fd_ < 0 || ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
      throw std::runtime_error("cannot connect to the test printer");
  }
  ~Client() { ::close(fd_); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  void send(const Bytes& b) {
    ASSERT_EQ(::send(fd_, b.data(), b.size(), MSG_NOSIGNAL), static_cast<ssize_t>(b.size()));
  }

  // Reads until `n` bytes came, the peer closed, or `timeout` passed.
  Bytes read(std::size_t n, std::chrono::milliseconds timeout = 2s) {
    Bytes out;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (out.size() < n) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
      std::uint8_t buf[256];
      const auto got = ::recv(fd_, buf, std::min(sizeof buf, n - out.size()), 0);
      if (got <= 0) break;
      out.insert(out.end(), buf, buf + got);
    }
    return out;
  }

  // True when the printer closed the connection within `timeout`.
  bool closed(std::chrono::milliseconds timeout = 2s) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return false;
    std::uint8_t b = 0;
    return ::recv(fd_, &b, 1, 0) <= 0;  // an orderly close or a reset
  }

 private:
  int fd_ = -1;
};

Bytes status_query(std::uint8_t n) {
  return {0x10, 0x04, n};
}

Bytes ask_all(Client& c) {
  c.send({0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 3, 0x10, 0x04, 4});
  return c.read(4);
}

TEST(TestPrinter, UriNamesTheLoopbackPort) {
  TestPrinter printer;
  EXPECT_GT(printer.port(), 0);
  EXPECT_EQ(printer.uri(), "tcp://127.0.0.1:" + std::to_string(printer.port()));
}

TEST(TestPrinter, AnswersEachStatusAsConfigured) {
  TestPrinter printer;
  Client c(printer.port());
  EXPECT_EQ(ask_all(c), (Bytes{0x12, 0x12, 0x12, 0x12}));
  printer.set_status(Status::PaperNearEnd);
  EXPECT_EQ(ask_all(c), (Bytes{0x12, 0x12, 0x12, 0x1E}));
  printer.set_status(Status::PaperOut);
  EXPECT_EQ(ask_all(c), (Bytes{0x1A, 0x32, 0x12, 0x7E}));
  printer.set_status(Status::CoverOpen);
  EXPECT_EQ(ask_all(c), (Bytes{0x1A, 0x16, 0x12, 0x12}));
  printer.set_status(Status::Offline);
  EXPECT_EQ(ask_all(c), (Bytes{0x1A, 0x52, 0x52, 0x12}));
}

TEST(TestPrinter, EveryRealAnswerKeepsTheFixedBits) {
  TestPrinter printer;
  Client c(printer.port());
  for (const auto s :
       {Status::Ok, Status::PaperNearEnd, Status::PaperOut, Status::CoverOpen, Status::Offline}) {
    printer.set_status(s);
    for (const auto b : ask_all(c)) EXPECT_EQ(b & 0x93, 0x12) << static_cast<int>(s);
  }
}

TEST(TestPrinter, NoAnswerSendsNothing) {
  TestPrinter printer;
  printer.set_status(Status::NoAnswer);
  Client c(printer.port());
  c.send(status_query(1));
  EXPECT_TRUE(c.read(1, 300ms).empty());
  // The request still arrived: the printer read it and stayed silent.
  EXPECT_TRUE(wait_until([&] { return printer.received() == status_query(1); }, 2s));
}

TEST(TestPrinter, GarbageIsNeverAValidStatusByte) {
  TestPrinter printer;
  printer.set_status(Status::Garbage);
  Client c(printer.port());
  for (int i = 0; i < 20; ++i) {
    c.send(status_query(1));
    const Bytes got = c.read(1);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_NE(got[0] & 0x93, 0x12);
    c.read(2, 50ms);  // the rest of this answer's junk, if any
  }
}

TEST(TestPrinter, TruncatedAnswersOnlyTheFirstRequestOfAConnection) {
  TestPrinter printer;
  printer.set_status(Status::Truncated);
  {
    Client c(printer.port());
    c.send({0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 4});
    EXPECT_EQ(c.read(3, 300ms), (Bytes{0x12}));
  }
  Client again(printer.port());
  again.send(status_query(4));
  EXPECT_EQ(again.read(1), (Bytes{0x12}));
}

TEST(TestPrinter, IgnoresUnknownStatusRequests) {
  TestPrinter printer;
  Client c(printer.port());
  c.send({0x10, 0x04, 9, 0x10, 0x04, 1});
  EXPECT_EQ(c.read(2, 300ms), (Bytes{0x12}));
}

TEST(TestPrinter, SplitsJobsAtInitAndCutAndLeavesStatusRequestsOut) {
  TestPrinter printer;
  Client c(printer.port());
  const Bytes first = {0x1B, '@', 'A', '\n', 0x1D, 'V', 66, 3};
  const Bytes second = {0x1B, '@', 'B', '\n', 0x1D, 'V', 1};
  Bytes stream = {'x', 0x10, 0x04, 1};  // junk before the first init belongs to no ticket
  stream.insert(stream.end(), first.begin(), first.begin() + 3);
  stream.insert(stream.end(), {0x10, 0x04, 4});  // a status request in the middle of a ticket
  stream.insert(stream.end(), first.begin() + 3, first.end());
  stream.insert(stream.end(), second.begin(), second.end());
  c.send(stream);
  EXPECT_EQ(c.read(2), (Bytes{0x12, 0x12}));
  ASSERT_TRUE(printer.wait_for_jobs(2, 5s));
  EXPECT_EQ(printer.jobs(), (std::vector<Bytes>{first, second}));
  EXPECT_EQ(printer.received(), stream);
}

TEST(TestPrinter, ImageBytesAreNotTakenForCommands) {
  TestPrinter printer;
  Client c(printer.port());
  // A 1-byte-wide raster whose rows spell a status request, an init and a cut.
  const Bytes job = {0x1B, '@',  0x1D, 'v',  '0', 0,    1,   0,    7,   0,
                     0x10, 0x04, 1,    0x1B, '@', 0x1D, 'V', 0x1D, 'V', 0};
  c.send(job);
  ASSERT_TRUE(printer.wait_for_jobs(1, 5s));
  EXPECT_EQ(printer.jobs(), (std::vector<Bytes>{job}));
  EXPECT_TRUE(c.read(1, 200ms).empty());
}

TEST(TestPrinter, CommandsSplitAcrossWritesStillCount) {
  TestPrinter printer;
  Client c(printer.port());
  c.send({0x10});
  c.send({0x04});
  c.send({0x02, 0x1B});
  EXPECT_EQ(c.read(1), (Bytes{0x12}));
  c.send({'@', 'Z', '\n', 0x1D});
  c.send({'V', 0});
  ASSERT_TRUE(printer.wait_for_jobs(1, 5s));
  EXPECT_EQ(printer.jobs()[0], (Bytes{0x1B, '@', 'Z', '\n', 0x1D, 'V', 0}));
}

TEST(TestPrinter, ServesClientsThatReconnect) {
  TestPrinter printer;
  for (int i = 0; i < 3; ++i) {
    Client c(printer.port());
    c.send(status_query(1));
    EXPECT_EQ(c.read(1), (Bytes{0x12}));
    c.send({0x1B, '@', static_cast<std::uint8_t>('0' + i), '\n', 0x1D, 'V', 0});
    ASSERT_TRUE(printer.wait_for_jobs(static_cast<std::size_t>(i) + 1, 5s));
  }
  EXPECT_EQ(printer.connections(), 3);
  EXPECT_EQ(printer.jobs().size(), 3u);
}

TEST(TestPrinter, AnUnfinishedJobIsDroppedWithItsConnection) {
  TestPrinter printer;
  {
    Client c(printer.port());
    c.send({0x1B, '@', 'h', 'a', 'l', 'f'});
  }
  Client c(printer.port());
  c.send({0x1B, '@', 'o', 'k', '\n', 0x1D, 'V', 0});
  ASSERT_TRUE(printer.wait_for_jobs(1, 5s));
  EXPECT_EQ(printer.jobs(), (std::vector<Bytes>{{0x1B, '@', 'o', 'k', '\n', 0x1D, 'V', 0}}));
}

TEST(TestPrinter, DropConnectionsClosesThemAndKeepsListening) {
  TestPrinter printer;
  Client c(printer.port());
  ASSERT_TRUE(wait_until([&] { return printer.connections() == 1; }, 2s));
  printer.drop_connections();
  EXPECT_TRUE(c.closed());
  Client again(printer.port());
  again.send(status_query(1));
  EXPECT_EQ(again.read(1), (Bytes{0x12}));
}

TEST(TestPrinter, ClearForgetsBytesAndJobs) {
  TestPrinter printer;
  Client c(printer.port());
  c.send({0x1B, '@', 0x1D, 'V', 0});
  ASSERT_TRUE(printer.wait_for_jobs(1, 5s));
  printer.clear();
  EXPECT_TRUE(printer.received().empty());
  EXPECT_TRUE(printer.jobs().empty());
  EXPECT_FALSE(printer.wait_for_jobs(1, 50ms));
}

TEST(TestPrinter, DestructorReturnsWhileAClientWaitsForAnAnswer) {
  auto printer = std::make_unique<TestPrinter>();
  printer->set_status(Status::NoAnswer);
  Client c(printer->port());
  c.send(status_query(1));
  ASSERT_TRUE(wait_until([&] { return printer->received().size() == 3; }, 2s));
  const auto start = std::chrono::steady_clock::now();
  printer.reset();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  EXPECT_TRUE(c.closed());
}

}  // namespace
}  // namespace wk::test
