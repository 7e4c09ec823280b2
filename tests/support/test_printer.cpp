#include "support/test_printer.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <list>
#include <stdexcept>

namespace wk::test {
namespace {

constexpr std::uint8_t kDle = 0x10, kEot = 0x04, kEsc = 0x1B, kGs = 0x1D;

// The reply to DLE EOT n in Epson's layout: bits 1 and 4 always set, bits 0 and 7 always clear.
//   n=1 printer:       bit 3 offline
//   n=2 offline cause: bit 2 cover open, bit 3 paper fed by the button, bit 5 stopped at paper end,
//                      bit 6 an error occurred
//   n=3 error cause:   bit 3 autocutter, bit 5 unrecoverable, bit 6 automatically recoverable
//   n=4 roll paper:    bits 2 and 3 near end, bits 5 and 6 paper end
std::uint8_t status_byte(TestPrinter::Status s, int n) {
  using S = TestPrinter::Status;
  std::uint8_t b = 0x12;
  const bool offline = s == S::PaperOut || s == S::CoverOpen || s == S::Offline;
  switch (n) {
    case 1:
      if (offline) b |= 0x08;
      break;
    case 2:
      if (s == S::CoverOpen) b |= 0x04;
      if (s == S::PaperOut) b |= 0x20;
      if (s == S::Offline) b |= 0x40;
      break;
    case 3:
      if (s == S::Offline) b |= 0x40;
      break;
    default:
      // An empty roll also uncovers the near-end sensor, so real printers set both pairs of bits.
      if (s == S::PaperNearEnd || s == S::PaperOut) b |= 0x0C;
      if (s == S::PaperOut) b |= 0x60;
      break;
  }
  return b;
}

bool is_cut(std::span<const std::uint8_t> c) {
  return (c[0] == kGs && c[1] == 'V') || (c[0] == kEsc && (c[1] == 'i' || c[1] == 'm'));
}

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

}  // namespace

struct TestPrinter::Connection {
  int fd = -1;
  Bytes pending;  // the start of a command whose remaining bytes have not arrived yet
  bool in_job = false;
  Bytes job;
  int answered = 0;
};

TestPrinter::TestPrinter() {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  const int one = 1;
  const bool ok = listen_fd_ >= 0 && wake_fd_ >= 0 &&
                  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == 0 &&
                  ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
                  ::listen(listen_fd_, 16) == 0 &&
                  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
  if (!ok) {
    const std::string why = std::strerror(errno);
    close_fd(listen_fd_);
    close_fd(wake_fd_);
    throw std::runtime_error("test printer cannot listen: " + why);
  }
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { run(); });
}

TestPrinter::~TestPrinter() {
  stop_.store(true);
  const std::uint64_t one = 1;
  [[maybe_unused]] const auto n = ::write(wake_fd_, &one, sizeof one);
  thread_.join();
  close_fd(listen_fd_);
  close_fd(wake_fd_);
}

Bytes TestPrinter::received() const {
  const std::lock_guard lock(mutex_);
  return received_;
}

std::vector<Bytes> TestPrinter::jobs() const {
  const std::lock_guard lock(mutex_);
  return jobs_;
}

bool TestPrinter::wait_for_jobs(std::size_t n, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return jobs_.size() >= n; });
}

int TestPrinter::connections() const {
  const std::lock_guard lock(mutex_);
  return connections_;
}

void TestPrinter::drop_connections() {
  std::unique_lock lock(mutex_);
  const int wanted = ++drops_requested_;
  const std::uint64_t one = 1;
  [[maybe_unused]] const auto n = ::write(wake_fd_, &one, sizeof one);
  // Waits so that the test's next step sees the connections closed; bounded, as everything here is.
  changed_.wait_for(lock, std::chrono::seconds(5), [&] { return drops_done_ >= wanted; });
}

void TestPrinter::clear() {
  const std::lock_guard lock(mutex_);
  received_.clear();
  jobs_.clear();
}

void TestPrinter::run() {
  std::list<Connection> open;
  while (!stop_.load()) {
    std::vector<pollfd> fds = {{wake_fd_, POLLIN, 0}, {listen_fd_, POLLIN, 0}};
    for (const auto& c : open) fds.push_back({c.fd, POLLIN, 0});
    // No timeout: the eventfd wakes the thread for the destructor and for drop_connections().
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if ((fds[0].revents & POLLIN) != 0) {
      std::uint64_t count = 0;
      [[maybe_unused]] const auto n = ::read(wake_fd_, &count, sizeof count);
      const std::lock_guard lock(mutex_);
      if (drops_done_ < drops_requested_) {
        for (auto& c : open) close_fd(c.fd);
        open.clear();
        drops_done_ = drops_requested_;
        changed_.notify_all();
        continue;
      }
    }
    std::size_t i = 2;
    for (auto it = open.begin(); it != open.end(); ++i) {
      if ((fds[i].revents & (POLLIN | POLLHUP | POLLERR)) != 0 && !read_from(*it)) {
        close_fd(it->fd);
        it = open.erase(it);
      } else {
        ++it;
      }
    }
    if ((fds[1].revents & POLLIN) != 0) {
      const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd >= 0) {
        // Status answers are single bytes that a client waits for: send them at once.
        const int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        open.push_back(Connection{});
        open.back().fd = fd;
        const std::lock_guard lock(mutex_);
        ++connections_;
        changed_.notify_all();
      }
    }
  }
  for (auto& c : open) close_fd(c.fd);
}

bool TestPrinter::read_from(Connection& c) {
  std::uint8_t buf[4096];
  const auto n = ::recv(c.fd, buf, sizeof buf, 0);
  if (n < 0 && errno == EINTR) return true;
  if (n <= 0) return false;
  const std::span<const std::uint8_t> got(buf, static_cast<std::size_t>(n));
  {
    const std::lock_guard lock(mutex_);
    received_.insert(received_.end(), got.begin(), got.end());
  }
  // Walks whole commands, so that bytes inside an image or a QR payload are never taken for a request.
  c.pending.insert(c.pending.end(), got.begin(), got.end());
  std::size_t pos = 0;
  while (pos < c.pending.size()) {
    const auto rest = std::span<const std::uint8_t>(c.pending).subspan(pos);
    const std::size_t len = escpos_command_size(rest);
    if (len == 0) break;
    handle(c, rest.first(len));
    pos += len;
  }
  c.pending.erase(c.pending.begin(), c.pending.begin() + static_cast<std::ptrdiff_t>(pos));
  return true;
}

void TestPrinter::handle(Connection& c, std::span<const std::uint8_t> command) {
  if (command[0] == kDle && command[1] == kEot) {
    answer(c, command[2]);
    return;
  }
  if (command[0] == kEsc && command[1] == '@' && !c.in_job) {
    c.in_job = true;
    c.job.clear();
  }
  if (!c.in_job) return;
  c.job.insert(c.job.end(), command.begin(), command.end());
  if (is_cut(command)) {
    c.in_job = false;
    const std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(c.job));
    c.job.clear();
    changed_.notify_all();
  }
}

void TestPrinter::answer(Connection& c, std::uint8_t n) {
  if (n < 1 || n > 4) return;  // printers ignore the requests they do not know
  const Status s = status_.load();
  Bytes reply;
  switch (s) {
    case Status::NoAnswer:
      return;
    case Status::Truncated:
      if (c.answered > 0) return;
      reply.push_back(status_byte(Status::Ok, n));
      break;
    case Status::Garbage: {
      // xorshift32: enough junk for a test, reproducible from the fixed seed.
      const auto next = [this] {
        junk_seed_ ^= junk_seed_ << 13;
        junk_seed_ ^= junk_seed_ >> 17;
        junk_seed_ ^= junk_seed_ << 5;
        return junk_seed_;
      };
      const std::uint32_t count = 1 + next() % 3;
      for (std::uint32_t k = 0; k < count; ++k) reply.push_back(static_cast<std::uint8_t>(next()));
      reply[0] |= 0x80;  // bit 7 is always 0 in a real answer, so this one can never pass for one
      break;
    }
    default:
      reply.push_back(status_byte(s, n));
      break;
  }
  ++c.answered;
  [[maybe_unused]] const auto sent = ::send(c.fd, reply.data(), reply.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
}

}  // namespace wk::test
