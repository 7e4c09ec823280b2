#pragma once
// wijkqueue: the routes (http.hpp) on an HTTPS server built for the open internet (http_server.hpp,
// libmicrohttpd over GnuTLS, TLS 1.2 and up) in front of the service database.
#include <memory>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "service/database.hpp"

namespace wk::service {

struct ServeOptions {
  std::string dir;  // made by `wijkqueue init`
  std::string host = "127.0.0.1";
  int port = 8443;  // 0: any free port, see port()
  // Threads that run requests. Connections, and long-polls while they wait, hold none: a few event
  // threads hold every socket, so these only need to cover the database work done at once.
  int threads = 16;
  // Open connections one client address may hold, and all clients together. Past max_connections a new
  // connection is still taken, and the one that has owed a whole request the longest is closed for it
  // (never one being answered or waiting in a long-poll): idle sockets cannot keep /healthz or a counter
  // out (http_server.cpp).
  int max_per_address = 64;
  int max_connections = 4000;
  // A whole request, head and body, must arrive within this long of the connection's start or of the
  // previous answer on it; a slower one is cut off.
  int request_deadline_s = 15;
  // The service's one source of "now": every route, every stored time and the Date header read it. The
  // shell hands in the wall clock; tests hand in a clock they set (see app/clock_source.hpp).
  Clock clock;
  // /healthz reports 503 below this much free space on the database's disk, before SQLite runs out.
  int min_free_mb = 64;
  // Load balancers whose X-Forwarded-For names the client (service/client_address.hpp).
  std::vector<std::string> trusted_proxies;
  // A PostgreSQL database instead of the one the directory records (init --db); empty: the record's.
  DatabaseChoice db;
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
  // Every route it answers, as "METHOD PATTERN" (the pattern a regular expression over the whole path).
  std::vector<std::string> routes() const;

  struct Impl;

 private:
  explicit QueueServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace wk::service
