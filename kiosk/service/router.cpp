#include "service/router.hpp"

namespace wk::service::http {

void Router::add(std::string method, const std::string& pattern, Handler handler) {
  routes_.push_back(Route{std::move(method), pattern, std::regex(pattern), std::move(handler)});
}

std::vector<Router::Listing> Router::routes() const {
  std::vector<Listing> out;
  for (const auto& route : routes_) out.push_back(Listing{route.method, route.text});
  return out;
}

void Router::dispatch(Request& req, Response& res) const {
  if (req.path.size() > kMaxPathBytes) {
    res.status = 414;
    return;
  }
  std::string allow;
  // HEAD is GET without the body; the server leaves the body out.
  const std::string method = req.method == "HEAD" ? "GET" : req.method;
  for (const auto& route : routes_) {
    std::smatch m;
    if (!std::regex_match(req.path, m, route.pattern)) continue;
    if (route.method != method) {
      if (allow.find(route.method) == std::string::npos) allow += (allow.empty() ? "" : ", ") + route.method;
      continue;
    }
    req.matches.assign(m.begin(), m.end());
    route.handler(req, res);
    return;
  }
  res.status = allow.empty() ? 404 : 405;
  if (!allow.empty()) res.set_header("Allow", allow);
}

}  // namespace wk::service::http
