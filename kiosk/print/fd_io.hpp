#pragma once
// Reading and writing a non-blocking file descriptor with a deadline, shared by the TCP and device
// transports. poll() carries every wait, so a printer that stops reading or answering costs at most the
// timeout.
#include <chrono>
#include <cstddef>

#include "core/result.hpp"
#include "print/printer.hpp"

namespace wk::print {

using Deadline = std::chrono::steady_clock::time_point;
Deadline deadline_after(int timeout_ms);
// Milliseconds until `deadline` for poll(): 0 once it has passed.
int remaining_ms(Deadline deadline);

// Owns a file descriptor and closes it once.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd();

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  int release();

 private:
  int fd_ = -1;
};

// Writes all of `data` before `timeout_ms` runs out. `is_socket` sends with MSG_NOSIGNAL, so a peer that
// went away is an error value and not a SIGPIPE. Codes: "timeout", "closed", "io".
Result<void> write_all(int fd, const Bytes& data, int timeout_ms, bool is_socket);

// Up to `max` bytes, waiting at most `timeout_ms` for the first; empty when nothing came in time (0 polls
// once). Codes: "closed" when the other end has gone, "io".
Result<Bytes> read_some(int fd, std::size_t max, int timeout_ms);

}  // namespace wk::print
