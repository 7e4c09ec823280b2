// The parts of a request's head the service reads before any route's own work: the path through the route
// table (service/router.cpp, with the patterns of the routes_*.cpp files), the Range of a release download
// (byte_range.cpp), the client behind a trusted proxy (client_address.cpp) and the web counter's session
// cookie (staff_cookie.cpp). Input: method, path, Range, X-Forwarded-For and Cookie, split on newlines.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "service/byte_range.hpp"
#include "service/client_address.hpp"
#include "service/router.hpp"
#include "service/staff_cookie.hpp"

namespace {

using wk::service::http::Request;
using wk::service::http::Response;
using wk::service::http::Router;

// The route patterns of kiosk/service/routes_*.cpp (the handlers there need the database; these only
// record that they ran).
Router make_router() {
  Router r;
  const auto ran = [](const Request&, Response& res) { res.status = 299; };
  for (const char* p : {"/healthz",
                        "/metrics",
                        "/staff",
                        "/staff/",
                        "/v1/callbacks",
                        "/v1/calls",
                        "/v1/config",
                        "/v1/fleet",
                        "/v1/numbering",
                        "/v1/print-jobs",
                        "/v1/queue",
                        "/v1/session",
                        "/v1/signals",
                        "/v1/volunteers",
                        R"(/staff/([A-Za-z0-9_-][A-Za-z0-9._-]{0,63}))",
                        R"(/t/([A-Za-z0-9_-]{1,128}))",
                        R"(/v1/print-jobs/(\d{1,18}))",
                        R"(/v1/public/tickets/([A-Za-z0-9_-]{1,128}))",
                        R"(/v1/releases/([^/]+)/files/(.+))",
                        R"(/v1/releases/([^/]+)/manifest)",
                        R"(/v1/releases/([^/]+)/manifest\.sig)",
                        R"(/v1/reports/([a-z0-9_-]{1,64}))",
                        R"(/v1/reports/([a-z0-9_-]{1,64})\.csv)",
                        R"(/v1/reports/([a-z0-9_-]{1,64})\.html)"})
    r.get(p, ran);
  for (const char* p :
       {"/v1/callbacks", "/v1/heartbeat", "/v1/login", "/v1/logout", "/v1/tickets", "/v1/volunteers",
        R"(/v1/desks/(\d{1,4})/call)", R"(/v1/desks/(\d{1,4})/next)", R"(/v1/print-jobs/(\d{1,18})/done)",
        R"(/v1/tickets/([0-9A-Fa-f-]{36})/(recall|served|no-show|transfer|later))",
        R"(/v1/tickets/([0-9A-Fa-f-]{36})/reprint)"})
    r.post(p, ran);
  return r;
}

std::vector<std::string> lines(std::string_view text, std::size_t n) {
  std::vector<std::string> out(n);
  for (std::size_t i = 0; i < n && !text.empty(); ++i) {
    const auto end = text.find('\n');
    out[i] = std::string(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Router router = make_router();
  const auto part = lines(std::string_view(reinterpret_cast<const char*>(data), size), 6);
  Request req;
  req.method = part[0];
  req.path = part[1];
  req.headers["Range"] = part[2];
  req.headers["X-Forwarded-For"] = part[3];
  req.headers["Cookie"] = part[4];
  req.headers["X-CSRF-Token"] = part[5];
  Response res;
  router.dispatch(req, res);

  const std::uint64_t file_size = size * 37;
  const auto range = wk::service::http::parse_byte_range(part[2], file_size);
  if (range.kind == wk::service::http::ByteRange::Kind::part &&
      (range.first > range.last || range.last >= file_size))
    std::abort();
  (void)wk::service::client_address("10.0.0.1", part[3], {"10.0.0.1"});
  if (const auto token = wk::service::http::cookie_token(req))
    (void)wk::service::http::csrf_holds(req, *token);
  return 0;
}
