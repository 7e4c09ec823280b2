#pragma once
// wijkqueue's HTTPS server: cpp-httplib over OpenSSL (TLS 1.2 and up) in front of the service database.
// httplib stays out of this header (see http.hpp), so main() and the tests need none of its defines.
#include <memory>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace wk::service {

struct ServeOptions {
  std::string dir;  // made by `wijkqueue init`
  std::string host = "127.0.0.1";
  int port = 8443;  // 0: any free port, see port()
  // Each connection holds a thread while it is served, and a long-polling display holds one for the
  // whole wait, so the pool is sized well above httplib's default of max(8, cores - 1): room for some 190
  // waiting displays with a reserve of 64 threads that long-polls never take (see LongPollBoard).
  int threads = 256;
  // The service's one source of "now": every route, every stored time and the Date header read it. The
  // shell hands in the wall clock; tests hand in a clock they set (see app/clock_source.hpp).
  Clock clock;
  // /healthz reports 503 below this much free space on the database's disk, before SQLite runs out.
  int min_free_mb = 64;
};

class QueueServer {
 public:
  // Opens the database, loads the certificate and binds the port. Serving starts with run().
  static Result<std::unique_ptr<QueueServer>> create(const ServeOptions& options);
  ~QueueServer();
  QueueServer(const QueueServer&) = delete;
  QueueServer& operator=(const QueueServer&) = delete;

  int port() const;         // the bound port (the real one when 0 was asked for)
  bool run();               // serves until stop(); false when the listener failed
  bool is_running() const;  // true once run() accepts connections
  void stop();              // from any thread

  struct Impl;

 private:
  explicit QueueServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace wk::service
