#pragma once
// A fake ESC/POS receipt printer on loopback TCP (what port 9100 is on a real one), for tests: it records
// every byte, splits the tickets out of them, and answers DLE EOT status requests the way the test asks,
// including the ways real printers fail (no answer, junk, a cut-off answer). It runs on its own thread so
// the code under test can block on it; nothing here blocks a test without a timeout.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "support/escpos_decode.hpp"

namespace wk::test {

class TestPrinter {
 public:
  // What the printer says to DLE EOT n (the bytes per n are in test_printer.cpp, after Epson's layout).
  enum class Status {
    Ok,            // online, paper present
    PaperNearEnd,  // online; n=4 has bits 2 and 3 (near-end sensor) set
    PaperOut,      // offline; n=2 bit 5 (stopped at paper end), n=4 bits 2, 3, 5 and 6 as real printers do
    CoverOpen,     // offline; n=2 bit 2
    Offline,       // offline for an error; n=2 bit 6, n=3 bit 6 (automatically recoverable, e.g. head heat)
    NoAnswer,      // reads the requests and never answers
    Garbage,       // answers each request with 1 to 3 random bytes, the first never a valid status byte
    Truncated,     // answers the first request of each connection (as Ok), then nothing
  };

  // Listens on 127.0.0.1 on a free port; throws when it cannot.
  TestPrinter();
  ~TestPrinter();  // closes every connection and the listener, and joins the thread
  TestPrinter(const TestPrinter&) = delete;
  TestPrinter& operator=(const TestPrinter&) = delete;

  int port() const { return port_; }
  std::string uri() const { return "tcp://127.0.0.1:" + std::to_string(port_); }

  // Applies to the requests read from now on.
  void set_status(Status s) { status_.store(s); }

  // Every byte received over all connections, status requests included, in arrival order.
  Bytes received() const;
  // One per printed ticket: the bytes from an ESC @ through the next cut (GS V), both included, with the
  // DLE EOT requests in between left out. A job a client did not finish before it hung up is dropped.
  std::vector<Bytes> jobs() const;
  bool wait_for_jobs(std::size_t n, std::chrono::milliseconds timeout) const;
  // Connections accepted so far, for tests of reconnecting clients.
  int connections() const;
  // Closes the open connections, as a printer that is switched off and on would; it keeps listening.
  void drop_connections();
  // Forgets what was received and the jobs (not the connection count).
  void clear();

 private:
  struct Connection;
  void run();
  void accept_one();
  bool read_from(Connection& c);
  void handle(Connection& c, std::span<const std::uint8_t> command);
  void answer(Connection& c, std::uint8_t n);

  int listen_fd_ = -1;
  int wake_fd_ = -1;  // an eventfd that tells the thread to stop or to drop its connections
  int port_ = 0;
  std::atomic<Status> status_{Status::Ok};
  std::atomic<bool> stop_{false};
  std::atomic<bool> drop_{false};

  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  Bytes received_;
  std::vector<Bytes> jobs_;
  int connections_ = 0;
  int drops_requested_ = 0;
  int drops_done_ = 0;
  std::uint32_t junk_seed_ = 1;  // the thread's own; a fixed seed keeps failures reproducible

  std::thread thread_;
};

}  // namespace wk::test
