#include "service/server.hpp"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "service/admin.hpp"
#include "service/client_address.hpp"
#include "service/cross_instance.hpp"
#include "service/http.hpp"
#include "service/http_server.hpp"
#include "service/request_log.hpp"
#include "service/router.hpp"
#include "service/routes_status_page.hpp"

namespace wk::service {
namespace {

void write_log_line(const std::string& line) {
  // One write(2) per line, so lines of concurrent requests never interleave.
  const std::string out = line + "\n";
  [[maybe_unused]] const auto n = ::write(STDERR_FILENO, out.data(), out.size());
}

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The key that seals volunteers' personal fields. `init` makes it; a directory set up before volunteers'
// registrations existed gets one now, and the log says so (naming the file, never what it protects).
Result<store::SealedBox> open_volunteer_box(const std::string& dir) {
  const std::string path = volunteer_key_path(dir);
  if (::access(path.c_str(), F_OK) != 0)
    write_log_line("wijkqueue: " + path +
                   " was not there (a directory set up by an older wijkqueue); a new key for volunteers' "
                   "details is made now. Keep it with the database: without it they cannot be read.");
  return store::SealedBox::open_or_create(path);
}

}  // namespace

struct QueueServer::Impl {
  Clock clock;
  std::unique_ptr<store::ServiceDb> db;
  RequestCounter requests;
  std::unique_ptr<LongPollBoard> long_polls;
  std::unique_ptr<CrossInstanceWakeups> wakeups;  // after the board: it stops before the board goes
  std::unique_ptr<LocationCache> locations;
  std::unique_ptr<DayEnd> day_end;
  std::unique_ptr<store::SealedBox> volunteer_box;
  std::unique_ptr<http::Context> ctx;
  http::Router router;
  std::unique_ptr<http::HttpServer> server;  // last: destroyed first, while what it uses still exists
};

QueueServer::QueueServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
QueueServer::~QueueServer() = default;

Result<std::unique_ptr<QueueServer>> QueueServer::create(const ServeOptions& o) {
  if (!o.clock) return make_error("no_clock", "The server was started without a clock.");
  auto impl = std::make_unique<Impl>();
  impl->clock = o.clock;
  auto db = open_service_db(o.dir, store::OpenMode::existing, o.db);
  if (!db) return db.error();
  impl->db = std::move(db.value());
  auto tls = server_tls_files(*impl->db, o.dir);
  if (!tls) return tls.error();
  const auto cert = read_file(tls->cert_file);
  const auto key = read_file(tls->key_file);
  if (!cert || !key)
    return make_error("tls_setup", "The server certificate " + tls->cert_file + " or its key " +
                                       tls->key_file + " cannot be read.");
  impl->locations = std::make_unique<LocationCache>(*impl->db);
  impl->day_end = std::make_unique<DayEnd>(*impl->db);
  impl->long_polls = std::make_unique<LongPollBoard>();
  impl->wakeups = std::make_unique<CrossInstanceWakeups>(*impl->db, *impl->long_polls);
  auto box = open_volunteer_box(o.dir);
  if (!box) return box.error();
  impl->volunteer_box = std::make_unique<store::SealedBox>(std::move(box.value()));
  impl->ctx =
      std::make_unique<http::Context>(http::Context{*impl->db,
                                                    *impl->locations,
                                                    impl->requests,
                                                    *impl->long_polls,
                                                    impl->clock,
                                                    *impl->day_end,
                                                    *impl->volunteer_box,
                                                    static_cast<std::uint64_t>(o.min_free_mb) * 1024 * 1024,
                                                    {},
                                                    o.dir});

  http::Context& ctx = *impl->ctx;
  http::Router& router = impl->router;
  http::install_ticket_routes(router, ctx);
  http::install_device_routes(router, ctx);
  http::install_public_routes(router, ctx);
  http::install_staff_routes(router, ctx);
  http::install_queue_routes(router, ctx);
  http::install_print_job_routes(router, ctx);
  http::install_volunteer_routes(router, ctx);
  http::install_callback_routes(router, ctx);
  http::install_join_routes(router, ctx);
  http::install_status_page_routes(router, ctx);
  http::install_release_routes(router, ctx);
  http::install_web_routes(router, ctx);
  http::install_report_routes(router, ctx);

  RequestCounter& requests = impl->requests;
  http::HttpHooks hooks;
  hooks.handle = [&router, proxies = o.trusted_proxies](http::Request& req, http::Response& res) {
    req.remote_addr = client_address(req.remote_addr, req.get_header_value("X-Forwarded-For"), proxies);
    try {
      router.dispatch(req, res);
    } catch (const std::exception& e) {
      write_log_line("internal error in " + redact_path(req.path) + ": " + e.what());
      res = http::Response{};
      http::send_error(res, 500, "internal_error", "The service failed; please try again later.");
    }
  };
  // Every answer carries the service's time, errors included: kiosks learn from it how far their own
  // clock is off (see core/clock_offset.hpp). Only ever HTTPS; a browser must not guess types; and no
  // answer is kept by a cache (they carry tokens, tickets and queue state). No answer is compressed:
  // nearly all carry a token, a ticket or a code, and compression next to a secret leaks it (BREACH).
  // Counted as the answer is handed over, not when the connection reports it sent: a client's next request
  // (a test's GET /metrics) must find the previous answer counted.
  hooks.finish = [&ctx, &requests](http::Response& res) {
    http::fill_empty_error(res);
    requests.count(res.status);
    res.set_header("Date", to_http_date(ctx.now()));
    res.set_header("Strict-Transport-Security", "max-age=31536000");
    res.set_header("X-Content-Type-Options", "nosniff");
    if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-store");
  };
  hooks.log = [&ctx](const http::Request& req, const http::Response& res, std::chrono::milliseconds ms) {
    write_log_line(log_line(ctx.now(), req.method, req.path, res.status, ms.count()));
  };
  // Under attack the library says the same thing a thousand times a second ("connection limit"): one
  // line per kind every 10 s, with how often it was said.
  hooks.warn = [limiter =
                    std::make_shared<RepeatLimiter>(std::chrono::seconds(10))](const std::string& line) {
    if (auto out = limiter->pass(line, std::chrono::steady_clock::now())) write_log_line(*out);
  };

  http::HttpServerOptions ho;
  ho.host = o.host;
  ho.port = o.port;
  ho.cert_pem = *cert;
  ho.key_pem = *key;
  ho.workers = o.threads;
  ho.max_connections = static_cast<unsigned>(o.max_connections);
  ho.max_per_address = static_cast<unsigned>(o.max_per_address);
  ho.request_deadline = std::chrono::seconds(o.request_deadline_s);
  ho.max_body_bytes = http::kMaxBodyBytes;
  auto server = http::HttpServer::bind(ho, std::move(hooks), *impl->long_polls);
  if (!server) return server.error();
  impl->server = std::move(server.value());
  impl->ctx->open_connections = [&srv = *impl->server] { return srv.open_connections(); };
  return std::unique_ptr<QueueServer>(new QueueServer(std::move(impl)));
}

int QueueServer::port() const {
  return impl_->server->port();
}
bool QueueServer::run() {
  return impl_->server->run();
}
bool QueueServer::is_running() const {
  return impl_->server->is_running();
}
void QueueServer::stop() {
  impl_->server->stop();
}
std::vector<std::string> QueueServer::routes() const {
  std::vector<std::string> out;
  for (const auto& r : impl_->router.routes()) out.push_back(r.method + " " + r.pattern);
  return out;
}

}  // namespace wk::service
