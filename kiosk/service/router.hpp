#pragma once
// Internal to service/: the route table. A route is a method and a regular expression over the whole
// path; its groups reach the handler as Request::matches.
#include <functional>
#include <regex>
#include <string>
#include <vector>

#include "service/http_message.hpp"

namespace wk::service::http {

// The longest path any route takes is far shorter. A longer one is refused before a pattern sees it:
// std::regex recurses once per character, and some 28 000 of them overflowed the matching thread's stack.
inline constexpr std::size_t kMaxPathBytes = 4096;

class Router {
 public:
  using Handler = std::function<void(const Request&, Response&)>;

  void get(const std::string& pattern, Handler handler) { add("GET", pattern, std::move(handler)); }
  void post(const std::string& pattern, Handler handler) { add("POST", pattern, std::move(handler)); }
  void del(const std::string& pattern, Handler handler) { add("DELETE", pattern, std::move(handler)); }

  // Runs the matching route. No route for the path: 404; a route for it under another method: 405 with
  // Allow; a path over kMaxPathBytes: 414. The response's body stays empty then (the server fills in
  // API.md's error body).
  void dispatch(Request& req, Response& res) const;

  // Every route as registered: its method and its pattern's text, in the order they are tried. For
  // `wijkqueue routes`, which the role-matrix test holds against its table of expected answers.
  struct Listing {
    std::string method;
    std::string pattern;
  };
  std::vector<Listing> routes() const;

 private:
  struct Route {
    std::string method;
    std::string text;  // the pattern as written
    std::regex pattern;
    Handler handler;
  };
  void add(std::string method, const std::string& pattern, Handler handler);
  std::vector<Route> routes_;
};

}  // namespace wk::service::http
