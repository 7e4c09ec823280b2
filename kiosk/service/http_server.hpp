#pragma once
// Internal to service/: the HTTPS server that carries the routes, on GNU libmicrohttpd over GnuTLS. It is
// built for the open internet (the status page is opened from residents' phones):
//   - a few event threads (epoll) hold every connection, so an idle or slow client costs a socket, not a
//     thread; the routes run on a small pool of workers while their connection is suspended;
//   - a whole request, head and body, must arrive within `request_deadline` of the connection's start or
//     the previous answer, however slowly it trickles in;
//   - connections are capped per address and in total;
//   - a body is counted as it streams, chunked and gzip alike (unpacked bytes), and refused with 413 past
//     the limit, without being kept;
//   - a long-poll parks its connection on the LongPollBoard, holding no thread while it waits.
// Shaped like an ImGui backend: one struct of state, start / port / run / stop.
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "core/result.hpp"
#include "service/http_message.hpp"
#include "service/long_poll_board.hpp"

namespace wk::service::http {

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  int port = 8443;        // 0: any free port
  std::string cert_pem;   // the certificate (and its chain), PEM
  std::string key_pem;    // its private key, PEM
  int workers = 16;       // threads that run the routes
  int event_threads = 2;  // threads that hold the connections
  unsigned max_connections = 4000;
  unsigned max_per_address = 64;
  std::chrono::seconds request_deadline{15};
  std::size_t max_body_bytes = 64 * 1024;
  int backlog = 1024;
};

struct HttpHooks {
  // Runs a request on a worker. It may set Response::park; it is then run again once the wait ends.
  std::function<void(Request&, Response&)> handle;
  // Last touches to every answer, the server's own refusals (413, 415, 400, 408) included.
  std::function<void(Response&)> finish;
  // After each answer went out (or the connection failed under it): for the request log.
  std::function<void(const Request&, const Response&, std::chrono::milliseconds)> log;
  // The library's own complaints (TLS failures and the like), one line each.
  std::function<void(const std::string&)> warn;
};

class HttpServer {
 public:
  // Binds and listens; serving starts with run().
  static Result<std::unique_ptr<HttpServer>> bind(const HttpServerOptions& options, HttpHooks hooks,
                                                  LongPollBoard& board);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  int port() const;
  bool run();  // serves until stop(); false when the server could not start
  bool is_running() const;
  void stop();  // from any thread
  int open_connections() const;

  struct State;

 private:
  explicit HttpServer(std::unique_ptr<State> state);
  std::unique_ptr<State> s_;
};

}  // namespace wk::service::http
