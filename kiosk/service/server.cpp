#include "service/server.hpp"

#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>

#include "service/admin.hpp"
#include "service/http.hpp"
#include "service/request_log.hpp"
#include "service/routes_status_page.hpp"

namespace wk::service {
namespace {

// Each connection is served on one pool thread, one request after another, so the start of the request
// being served can live in a thread_local: set before routing, read by the logger after the response.
thread_local std::chrono::steady_clock::time_point t_request_start{};

void write_log_line(const std::string& line) {
  // One write(2) per line, so lines of concurrent requests never interleave.
  const std::string out = line + "\n";
  [[maybe_unused]] const auto n = ::write(STDERR_FILENO, out.data(), out.size());
}

constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
    "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305";

}  // namespace

struct QueueServer::Impl {
  Clock clock;
  std::unique_ptr<store::ServiceDb> db;
  RequestCounter requests;
  std::unique_ptr<LongPollBoard> long_polls;
  std::unique_ptr<LocationCache> locations;
  std::unique_ptr<DayEnd> day_end;
  std::unique_ptr<http::Context> ctx;
  std::unique_ptr<httplib::SSLServer> server;  // last: destroyed first, while what it uses still exists
  int port = 0;
};

QueueServer::QueueServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
QueueServer::~QueueServer() = default;

Result<std::unique_ptr<QueueServer>> QueueServer::create(const ServeOptions& o) {
  if (!o.clock) return make_error("no_clock", "The server was started without a clock.");
  auto impl = std::make_unique<Impl>();
  impl->clock = o.clock;
  auto db = store::ServiceDb::open(db_path(o.dir), store::OpenMode::existing);
  if (!db) return db.error();
  impl->db = std::move(db.value());
  auto tls = server_tls_files(*impl->db, o.dir);
  if (!tls) return tls.error();
  impl->locations = std::make_unique<LocationCache>(*impl->db);
  impl->day_end = std::make_unique<DayEnd>(*impl->db);
  // Long-polls may take the pool's threads but for a reserve (a quarter, at least 16) that stays free for
  // kiosks, staff and health checks; beyond that a long-poll is answered at once (see LongPollBoard).
  const int reserve = std::max(16, o.threads / 4);
  impl->long_polls = std::make_unique<LongPollBoard>(std::max(0, o.threads - reserve));
  impl->ctx = std::make_unique<http::Context>(
      http::Context{*impl->db, *impl->locations, impl->requests, *impl->long_polls, impl->clock,
                    *impl->day_end, static_cast<std::uint64_t>(o.min_free_mb) * 1024 * 1024});

  impl->server = std::make_unique<httplib::SSLServer>(tls->cert_file.c_str(), tls->key_file.c_str());
  auto& svr = *impl->server;
  if (!svr.is_valid())
    return make_error("tls_setup", "The server certificate " + tls->cert_file + " or its key " +
                                       tls->key_file +
                                       " cannot be loaded (missing, unreadable, or not a pair).");
  if (SSL_CTX_set_min_proto_version(svr.ssl_context(), TLS1_2_VERSION) != 1)
    return make_error("tls_setup", "TLS 1.2 could not be set as the lowest TLS version.");
  // Mozilla's "intermediate" suites for TLS 1.2: forward secrecy and AEAD only (no CBC, no SHA-1 MAC), in
  // the server's order. TLS 1.3's suites are all AEAD already.
  if (SSL_CTX_set_cipher_list(svr.ssl_context(), kTls12Ciphers) != 1)
    return make_error("tls_setup", "The TLS 1.2 cipher suites could not be set.");
  SSL_CTX_set_options(svr.ssl_context(), SSL_OP_CIPHER_SERVER_PREFERENCE);

  const int threads = o.threads;
  svr.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
  // httplib answers 413 itself when Content-Length is over the limit, before reading the body.
  svr.set_payload_max_length(http::kMaxBodyBytes);
  // httplib's default also sets SO_REUSEPORT, which lets a second wijkqueue bind the same port and
  // silently share its connections; SO_REUSEADDR alone still allows a restart on the same port at once.
  svr.set_socket_options([](socket_t sock) {
    const int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  // A kiosk that drains its outbox sends many requests in a row: reuse its TLS connection for them.
  svr.set_keep_alive_max_count(100);
  svr.set_tcp_nodelay(true);  // without it each request on a kept-alive connection waits ~40 ms (Nagle)

  http::Context& ctx = *impl->ctx;
  RequestCounter& requests = impl->requests;
  svr.set_pre_routing_handler([](const httplib::Request& req, httplib::Response&) {
    t_request_start = std::chrono::steady_clock::now();
    // No compressed answers, ever: nearly all carry a token, a ticket or a code, and compression next to a
    // secret leaks it (BREACH). httplib compresses whenever the client accepts it and offers no switch, so
    // the offer is taken out of the request before httplib reads it. (The object is not const: httplib
    // owns it and hands it to the handlers as const.)
    const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");
    return httplib::Server::HandlerResponse::Unhandled;
  });
  // Every answer carries the service's time, errors included: kiosks learn from it how far their own
  // clock is off (see core/clock_offset.hpp).
  svr.set_post_routing_handler([&ctx](const httplib::Request&, httplib::Response& res) {
    res.set_header("Date", to_http_date(ctx.now()));
    // Only ever HTTPS; a browser must not guess types; and no answer is kept by a cache (they carry
    // tokens, tickets and queue state).
    res.set_header("Strict-Transport-Security", "max-age=31536000");
    res.set_header("X-Content-Type-Options", "nosniff");
    if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-store");
  });
  svr.set_error_handler([](const httplib::Request&, httplib::Response& res) { http::fill_empty_error(res); });
  svr.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown exception";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    write_log_line("internal error in " + redact_path(req.path) + ": " + what);
    http::send_error(res, 500, "internal_error", "The service failed; please try again later.");
  });
  svr.set_logger([&requests, &ctx](const httplib::Request& req, const httplib::Response& res) {
    long long ms = 0;
    if (t_request_start != std::chrono::steady_clock::time_point{}) {
      ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 t_request_start)
               .count();
      t_request_start = {};
    }
    requests.count(res.status);
    write_log_line(log_line(ctx.now(), req.method, req.path, res.status, ms));
  });
  http::install_ticket_routes(svr, ctx);
  http::install_device_routes(svr, ctx);
  http::install_public_routes(svr, ctx);
  http::install_staff_routes(svr, ctx);
  http::install_queue_routes(svr, ctx);
  http::install_print_job_routes(svr, ctx);
  http::install_status_page_routes(svr, ctx);

  if (o.port == 0) {
    impl->port = svr.bind_to_any_port(o.host);
  } else if (svr.bind_to_port(o.host, o.port)) {
    impl->port = o.port;
  } else {
    impl->port = -1;
  }
  if (impl->port <= 0)
    return make_error("bind_failed", "Cannot listen on " + o.host + ":" + std::to_string(o.port) +
                                         "; is another program using that port, or is the address wrong?");
  return std::unique_ptr<QueueServer>(new QueueServer(std::move(impl)));
}

int QueueServer::port() const {
  return impl_->port;
}
bool QueueServer::run() {
  return impl_->server->listen_after_bind();
}
bool QueueServer::is_running() const {
  return impl_->server->is_running();
}
void QueueServer::stop() {
  // Waiting long-polls first: the pool joins its threads on stop, and each would sit out its wait.
  impl_->long_polls->shutdown();
  impl_->server->stop();
}

}  // namespace wk::service
