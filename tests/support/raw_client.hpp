#pragma once
// A client that behaves as badly as an attacker may: a bare TCP connection that never speaks, or a TLS
// connection that sends whatever bytes, as slowly as it likes. For the tests of wijkqueue's defences;
// well-behaved requests go through http_request().
#include <chrono>
#include <memory>
#include <string>
#include <string_view>

namespace wk::test {

// Lifts this process's soft limit on open files to the hard one (a test that opens a thousand sockets).
void raise_open_file_limit();

class RawConnection {
 public:
  // A TCP connection to 127.0.0.1:port from `source` (any 127/8 address; empty: the default). With
  // `ca_file`, TLS is set up on it (verifying the server by that CA); without, it stays bare TCP.
  // nullptr when the connection or the handshake failed.
  static std::unique_ptr<RawConnection> open(int port, const std::string& source, const std::string& ca_file);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool send(std::string_view bytes);  // false once the server has closed or reset the connection
  // Reads until the server closes, `limit` bytes arrived, or `timeout` passes.
  std::string read(std::chrono::milliseconds timeout, std::size_t limit = 1 << 20);
  // True when the server has closed the connection (seen within `timeout`).
  bool closed_by_server(std::chrono::milliseconds timeout);

  struct State;

 private:
  explicit RawConnection(std::unique_ptr<State> s);
  std::unique_ptr<State> s_;
};

}  // namespace wk::test
