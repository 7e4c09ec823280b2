// The web counter's files under /staff/ (web_files.hpp): the page, its script and its style, each sent with
// a Content-Security-Policy that lets the page run only its own script and talk only to this service. No
// inline script is allowed at all, so an injected <script> or onclick= does nothing.
#include <string>

#include "service/http.hpp"
#include "service/secrets.hpp"
#include "service/web_files.hpp"

namespace wk::service::http {
namespace {

constexpr const char* kStaffCsp =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "frame-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

std::string content_type(std::string_view name) {
  auto ends = [&](std::string_view ext) { return name.ends_with(ext); };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  return "application/octet-stream";
}

void send_file(const Request& req, Response& res, std::string_view name) {
  for (const auto& file : web::staff_files()) {
    if (file.name != name) continue;
    // A new wijkqueue may bring a new page: the browser asks each time, and gets 304 while it is the same.
    const std::string etag = "\"" + sha256_hex(file.bytes).substr(0, 32) + "\"";
    res.set_header("ETag", etag);
    res.set_header("Cache-Control", "no-cache");
    res.set_header("Content-Security-Policy", kStaffCsp);
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Cross-Origin-Opener-Policy", "same-origin");
    if (req.get_header_value("If-None-Match") == etag) {
      res.status = 304;
      return;
    }
    res.set_content(std::string(file.bytes), content_type(file.name));
    return;
  }
  send_error(res, 404, "not_found", "There is no such page.");
}

}  // namespace

void install_web_routes(Router& router, Context&) {
  router.get("/staff", [](const Request&, Response& res) {
    res.status = 308;
    res.set_header("Location", "/staff/");
  });
  router.get("/staff/", [](const Request& req, Response& res) { send_file(req, res, "index.html"); });
  router.get(R"(/staff/([A-Za-z0-9_-][A-Za-z0-9._-]{0,63}))",
             [](const Request& req, Response& res) { send_file(req, res, req.matches[1]); });
}

}  // namespace wk::service::http
