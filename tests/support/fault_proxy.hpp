#pragma once
// A TCP proxy that breaks connections on purpose, for the chaos tests (issue 19): it listens on a free
// loopback port and pipes bytes to a target port on 127.0.0.1. TLS passes through it untouched (it never
// looks at the bytes), so the client still verifies the real service. Another thread switches the fault at
// any moment; a connection under way takes the new fault at its next chunk of bytes, so kept-alive
// connections are not spared. One thread per connection, each polling with a short timeout, so stop()
// ends them all promptly.
#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <string>
#include <thread>

namespace wk::test {

enum class Fault {
  none,
  delay,           // every chunk waits delay_ms before it is passed on (both ways)
  drop,            // new connections are accepted and closed at once; those under way are closed
  reset_request,   // after_bytes of the client's bytes are passed on, then both ends get an RST
  reset_response,  // after_bytes of the server's bytes are passed on, then both ends get an RST
  truncate,        // after_bytes of the server's bytes are passed on, then a clean close (FIN)
  black_hole,      // the client's bytes are read and thrown away; nothing is passed on or answered
};
constexpr std::size_t kFaultKinds = 7;
const char* fault_name(Fault f);  // "none", "delay", ...

// A socket listening on 127.0.0.1 at a free port, which goes to `port`; throws std::runtime_error with
// `who` and the reason when there is none.
int listen_on_loopback(int& port, const std::string& who);

struct FaultSettings {
  Fault fault = Fault::none;
  int delay_ms = 50;
  std::size_t after_bytes = 64;
};

class FaultProxy {
 public:
  explicit FaultProxy(int target_port);
  ~FaultProxy();  // stop()
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  int port() const { return port_; }
  void set(FaultSettings settings);
  void set(Fault fault) {
    FaultSettings s = settings();
    s.fault = fault;
    set(s);
  }
  FaultSettings settings() const;
  // Closes the listening socket and every connection, and joins every thread. Idempotent.
  void stop();

  struct Counts {
    std::int64_t connections = 0;                    // accepted
    std::array<std::int64_t, kFaultKinds> faults{};  // by Fault: connections the fault was applied to
  };
  Counts counts() const;

 private:
  struct Connection {
    std::mutex mu;  // client: closed by the connection's thread, shut down by stop()
    int client = -1;
    std::thread thread;
    std::atomic<bool> done{false};
    void close_client(bool rst);
  };
  void accept_loop();
  void serve(Connection& c);
  void count(Fault f) { faults_[static_cast<std::size_t>(f)].fetch_add(1); }
  void reap_finished();

  int target_port_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mu_;  // settings_, connections_
  FaultSettings settings_;
  std::list<Connection> connections_;
  std::atomic<std::int64_t> connections_count_{0};
  std::array<std::atomic<std::int64_t>, kFaultKinds> faults_{};
  std::thread acceptor_;
};

}  // namespace wk::test
