#pragma once
// A network receipt printer in miniature for the print tests: listens on 127.0.0.1 on a free port, records
// every byte it gets, and answers DLE EOT n with the status byte set for n, with garbage, or not at all.
// (tests/support has a fuller recording test printer for the end-to-end tests; this one stays private.)
#include <array>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "print/printer.hpp"

namespace wk::print::test {

using Status = std::array<std::uint8_t, 4>;

// DLE EOT 1..4 answers of a printer in each state.
inline constexpr Status kStatusOk{0x16, 0x12, 0x12, 0x12};
inline constexpr Status kStatusPaperLow{0x16, 0x12, 0x12, 0x1E};
inline constexpr Status kStatusPaperOut{0x1E, 0x32, 0x12, 0x72};
inline constexpr Status kStatusCoverOpen{0x1E, 0x16, 0x12, 0x12};
inline constexpr Status kStatusOffline{0x1E, 0x12, 0x12, 0x12};

class FakePrinter {
 public:
  enum class Mode { Answer, Silent, Garbage };

  explicit FakePrinter(Status status = kStatusOk, Mode mode = Mode::Answer);
  ~FakePrinter();
  FakePrinter(const FakePrinter&) = delete;
  FakePrinter& operator=(const FakePrinter&) = delete;

  int port() const { return port_; }
  std::string uri() const { return "tcp://127.0.0.1:" + std::to_string(port_); }

  void set_status(Status s);
  void set_mode(Mode m);
  // Closes the connections it has, as a printer that restarts or times out an idle socket does.
  void drop_connections() { drop_ = true; }

  Bytes received() const;
  void clear_received();
  int connections() const { return connections_; }  // accepted so far
  int open_connections() const { return open_; }    // held now: 0 once a drop has closed them

 private:
  struct Client {
    int fd;
    int dle_state;  // 0 nothing, 1 after DLE, 2 after DLE EOT
  };
  void run();
  void handle(Client& c, const std::uint8_t* data, std::size_t n);

  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<bool> drop_{false};
  std::atomic<int> connections_{0};
  std::atomic<int> open_{0};
  mutable std::mutex m_;
  Status status_;
  Mode mode_;
  Bytes received_;
  std::thread thread_;
};

}  // namespace wk::print::test
