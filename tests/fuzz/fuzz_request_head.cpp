// The parts of a request's head the service reads before any route's own work: the path through the route
// table (service/router.cpp, with the patterns of the routes_*.cpp files), the Range of a release download
// (byte_range.cpp), the client behind a trusted proxy (client_address.cpp) and the web counter's session
// cookie (staff_cookie.cpp). Input: method, path, Range, X-Forwarded-For and Cookie, split on newlines.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
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

// The service's route table as tests/fuzz/routes.txt holds it (RoleMatrix holds that file against
// `wijkqueue routes`); the handlers there need the database, these only record that they ran.
constexpr const char* kRoutes = WIJKKIOSK_SOURCE_DIR "/tests/fuzz/routes.txt";

Router make_router() {
  std::ifstream in(kRoutes);
  if (!in) {
    std::fprintf(stderr, "fuzz_request_head: cannot read %s\n", kRoutes);
    std::abort();
  }
  Router r;
  const auto ran = [](const Request&, Response& res) { res.status = 299; };
  int n = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto space = line.find(' ');
    const std::string method = line.substr(0, space), pattern = line.substr(space + 1);
    if (method == "GET")
      r.get(pattern, ran);
    else if (method == "POST")
      r.post(pattern, ran);
    else if (method == "DELETE")
      r.del(pattern, ran);
    else
      std::abort();  // a method the router has no verb for: routes.txt is out of date
    ++n;
  }
  if (n == 0) std::abort();
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
