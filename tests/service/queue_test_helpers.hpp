#pragma once
// Shared by the counter tests: log in, hand in tickets created "now", and call the queue endpoints.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "service_test_helpers.hpp"
#include "support/wijkqueue.hpp"

namespace wk::test {

// A ticket body created `age_s` seconds before the server's now (so its day is the server's today, and
// its place in line is by age).
inline nlohmann::json ticket_now(const Wijkqueue& wq, int n, const std::string& code,
                                 const std::string& topic = "schulden", int age_s = 0) {
  return ticket_body(n, code, topic, to_rfc3339(wq.now() - age_s * 1000LL));
}

inline HttpResponse login(const Wijkqueue& wq, const std::string& location, const std::string& user,
                          const std::string& password) {
  return http_request("POST", wq.url("/v1/login"), wq.ca_file(), {},
                      nlohmann::json{{"location", location}, {"user", user}, {"password", password}}.dump());
}

// The web counter's login: the fixture's staff user, the session in a cookie (POST /v1/login with
// "session": "cookie").
inline HttpResponse cookie_login(const Wijkqueue& wq) {
  return http_request("POST", wq.url("/v1/login"), wq.ca_file(), {},
                      nlohmann::json{{"location", wq.location()},
                                     {"user", wq.staff_user()},
                                     {"password", wq.staff_password()},
                                     {"session", "cookie"}}
                          .dump());
}
// "__Host-wk_staff=TOKEN" out of the answer's Set-Cookie.
inline std::string cookie_of(const HttpResponse& r) {
  const std::string set = r.header("set-cookie");
  return set.substr(0, set.find(';'));
}

// The fixture's staff user's token; fails the test when the login does not work.
inline std::string staff_token(const Wijkqueue& wq) {
  const auto r = login(wq, wq.location(), wq.staff_user(), wq.staff_password());
  EXPECT_EQ(r.status, 200) << r.body;
  return r.status == 200 ? nlohmann::json::parse(r.body)["token"].get<std::string>() : std::string();
}

inline HttpResponse post_ticket(const Wijkqueue& wq, const nlohmann::json& body,
                                const std::string& kiosk_token = {}) {
  return http_request("POST", wq.url("/v1/tickets"), wq.ca_file(),
                      kiosk_token.empty() ? wq.kiosk_token() : kiosk_token, body.dump());
}

inline HttpResponse staff_post(const Wijkqueue& wq, const std::string& token, const std::string& path,
                               const nlohmann::json& body = nlohmann::json::object()) {
  return http_request("POST", wq.url(path), wq.ca_file(), token, body.dump());
}

inline nlohmann::json json_of(const HttpResponse& r) {
  return nlohmann::json::parse(r.body, nullptr, false);
}

// What one desk got by calling "next" until the queue was empty (204): the ticket ids in order, and
// whether an answer was neither 200 nor 204 (the desk stops there).
struct DeskRun {
  std::vector<std::string> ids;
  bool failed = false;
};

inline DeskRun call_until_empty(const Wijkqueue& wq, const std::string& staff, int desk) {
  DeskRun run;
  while (true) {
    const auto r = staff_post(wq, staff, "/v1/desks/" + std::to_string(desk) + "/next");
    if (r.status == 204) return run;
    if (r.status != 200) {
      run.failed = true;
      return run;
    }
    run.ids.push_back(json_of(r)["id"].get<std::string>());
  }
}

// GET /v1/queue as `staff` sees it; a failed answer fails the test.
inline nlohmann::json queue_of(const Wijkqueue& wq, const std::string& staff) {
  const auto r = http_request("GET", wq.url("/v1/queue"), wq.ca_file(), staff);
  EXPECT_EQ(r.status, 200) << r.body;
  return json_of(r);
}

// The resident's view of a ticket body's ticket (GET /v1/public/tickets/{token}).
inline nlohmann::json public_view_of(const Wijkqueue& wq, const nlohmann::json& ticket) {
  const auto r = http_request(
      "GET", wq.url("/v1/public/tickets/" + ticket["public_token"].get<std::string>()), wq.ca_file());
  EXPECT_EQ(r.status, 200) << r.body;
  return json_of(r);
}

// A metric without labels from /metrics (admin), or -1 when it cannot be read.
inline double metric_value(const Wijkqueue& wq, const std::string& name) {
  const auto r = http_request("GET", wq.url("/metrics"), wq.ca_file(), wq.admin_token());
  if (r.status != 200) return -1;
  const std::string prefix = "\n" + name + " ";
  const auto at = r.body.find(prefix);
  return at == std::string::npos ? -1 : std::stod(r.body.substr(at + prefix.size()));
}

// Long-polls parked at the service now.
inline int long_polls_waiting(const Wijkqueue& wq) {
  return static_cast<int>(metric_value(wq, "wijkqueue_long_polls_waiting"));
}

}  // namespace wk::test
