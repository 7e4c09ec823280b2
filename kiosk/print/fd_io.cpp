#include "print/fd_io.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

namespace wk::print {

Deadline deadline_after(int timeout_ms) {
  return std::chrono::steady_clock::now() + std::chrono::milliseconds(std::max(0, timeout_ms));
}

int remaining_ms(Deadline deadline) {
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  return static_cast<int>(std::max<std::chrono::milliseconds::rep>(0, left.count()));
}

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.release();
  }
  return *this;
}

UniqueFd::~UniqueFd() {
  if (fd_ >= 0) ::close(fd_);
}

int UniqueFd::release() {
  const int fd = fd_;
  fd_ = -1;
  return fd;
}

Result<void> write_all(int fd, const Bytes& data, int timeout_ms, bool is_socket) {
  const Deadline deadline = deadline_after(timeout_ms);
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = is_socket ? ::send(fd, data.data() + done, data.size() - done, MSG_NOSIGNAL)
                                : ::write(fd, data.data() + done, data.size() - done);
    if (n > 0) {
      done += static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
      const int err = errno;
      const bool gone = err == EPIPE || err == ECONNRESET || err == ENODEV || err == ENOTCONN;
      return make_error(gone ? "closed" : "io", "The printer stopped taking data.", std::strerror(err));
    }
    // Full buffer: wait until the printer takes more, or the time is up.
    const int left = remaining_ms(deadline);
    if (left == 0) {
      return make_error("timeout", "The printer did not take the data in time.",
                        std::to_string(done) + " of " + std::to_string(data.size()) + " bytes written");
    }
    pollfd p{fd, POLLOUT, 0};
    const int ready = ::poll(&p, 1, left);
    if (ready < 0 && errno != EINTR)
      return make_error("io", "The printer stopped taking data.", std::strerror(errno));
    if (ready > 0 && (p.revents & (POLLERR | POLLHUP | POLLNVAL)) && !(p.revents & POLLOUT)) {
      return make_error("closed", "The printer stopped taking data.", "poll: error or hang-up");
    }
  }
  return Ok{};
}

Result<Bytes> read_some(int fd, std::size_t max, int timeout_ms) {
  const Deadline deadline = deadline_after(timeout_ms);
  Bytes buf(std::max<std::size_t>(1, max));
  for (;;) {
    const ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n > 0) {
      buf.resize(static_cast<std::size_t>(n));
      return buf;
    }
    if (n == 0) return make_error("closed", "The printer closed the connection.", "end of file");
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) {
      const int err = errno;
      return make_error(err == ECONNRESET || err == ENODEV ? "closed" : "io",
                        "Reading from the printer failed.", std::strerror(err));
    }
    const int left = remaining_ms(deadline);
    if (left == 0) return Bytes{};
    pollfd p{fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, left);
    if (ready < 0 && errno != EINTR)
      return make_error("io", "Reading from the printer failed.", std::strerror(errno));
    if (ready == 0) return Bytes{};
    // POLLHUP or POLLERR: the next read() reports what happened.
  }
}

}  // namespace wk::print
