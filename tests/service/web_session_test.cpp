// The web counter's side of the API: a session in an HttpOnly cookie whose changes need the session's
// CSRF token, GET /v1/session after a reload, logout that ends the session at the service, and the queue
// as a long-poll that wakes on a change. The page itself is tested in tests/browser/web_counter*.
#include <gtest/gtest.h>

#include <future>

#include "queue_test_helpers.hpp"
#include "support/wait.hpp"

namespace wk::test {
namespace {

class WebSessionTest : public ::testing::Test {
 protected:
  HttpResponse cookie_login() { return test::cookie_login(wq); }
  HttpResponse with_cookie(const std::string& method, const std::string& path, const std::string& cookie,
                           const std::string& body = {}, const std::string& csrf = {}) {
    std::vector<std::string> headers{"Cookie: theme=dark; " + cookie};
    if (!csrf.empty()) headers.push_back("X-CSRF-Token: " + csrf);
    return http_request(method, wq.url(path), wq.ca_file(), {}, body, headers);
  }
  double long_polls_waiting() {
    const auto r = http_request("GET", wq.url("/metrics"), wq.ca_file(), wq.admin_token());
    const auto at = r.body.find("\nwijkqueue_long_polls_waiting ");
    return at == std::string::npos ? -1 : std::stod(r.body.substr(at + 30));
  }

  Wijkqueue wq;
};

TEST_F(WebSessionTest, ACookieLoginKeepsTheTokenOutOfThePage) {
  const auto r = cookie_login();
  ASSERT_EQ(r.status, 200) << r.body;
  const auto j = json_of(r);
  EXPECT_FALSE(j.contains("token")) << "a script on the page must never see the token";
  EXPECT_EQ(j["location"], wq.location());
  EXPECT_EQ(j["user"], wq.staff_user());
  ASSERT_TRUE(j["csrf"].is_string());
  const std::string set = r.header("set-cookie");
  EXPECT_TRUE(set.starts_with("__Host-wk_staff=")) << set;
  for (const char* attribute : {"; Path=/", "; Secure", "; HttpOnly", "; SameSite=Strict", "; Max-Age=43200"})
    EXPECT_NE(set.find(attribute), std::string::npos) << attribute << " missing from " << set;
  const std::string token = cookie_of(r).substr(std::string("__Host-wk_staff=").size());
  EXPECT_EQ(token.size(), 43u);
  EXPECT_EQ(j["csrf"].get<std::string>().size(), 64u);
  EXPECT_EQ(j["csrf"].get<std::string>().find(token), std::string::npos);
  // The cookie alone reads the queue; the same token as a bearer does too (one session, two carriers).
  EXPECT_EQ(with_cookie("GET", "/v1/queue", cookie_of(r)).status, 200);
  EXPECT_EQ(http_request("GET", wq.url("/v1/queue"), wq.ca_file(), token).status, 200);
}

TEST_F(WebSessionTest, EveryChangeByCookieNeedsTheSessionsCsrfToken) {
  const auto r = cookie_login();
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string cookie = cookie_of(r), csrf = json_of(r)["csrf"];
  ASSERT_EQ(post_ticket(wq, ticket_now(wq, 1, "S-001")).status, 201);

  const auto bare = with_cookie("POST", "/v1/desks/3/next", cookie, "{}");
  EXPECT_EQ(bare.status, 403) << bare.body;
  EXPECT_EQ(error_of(bare)["code"], "csrf_failed");
  std::string wrong = csrf;
  wrong[0] = wrong[0] == 'a' ? 'b' : 'a';
  EXPECT_EQ(with_cookie("POST", "/v1/desks/3/next", cookie, "{}", wrong).status, 403);
  // Another session's CSRF token is no good either.
  const auto other = cookie_login();
  EXPECT_EQ(with_cookie("POST", "/v1/desks/3/next", cookie, "{}", json_of(other)["csrf"]).status, 403);
  // Nothing was called by the refused requests: the right token calls S-001 now.
  const auto called = with_cookie("POST", "/v1/desks/3/next", cookie, "{}", csrf);
  ASSERT_EQ(called.status, 200) << called.body;
  EXPECT_EQ(json_of(called)["code"], "S-001");
  // A bearer token is no cookie: the browser never adds it by itself, so it needs no CSRF token.
  EXPECT_EQ(http_request("POST", wq.url("/v1/desks/3/next"), wq.ca_file(), staff_token(wq), "{}").status,
            204);
}

TEST_F(WebSessionTest, ADevicesTokenIsNoSessionCookie) {
  const auto r = with_cookie("GET", "/v1/config", "__Host-wk_staff=" + wq.kiosk_token());
  EXPECT_EQ(r.status, 401) << r.body;
  EXPECT_EQ(with_cookie("GET", "/v1/queue", "__Host-wk_staff=" + wq.admin_token()).status, 401);
  EXPECT_EQ(with_cookie("GET", "/v1/queue", "wk_staff=x").status, 401);
}

TEST_F(WebSessionTest, AReloadFindsTheSessionAndLogoutEndsItAtTheService) {
  const auto r = cookie_login();
  const std::string cookie = cookie_of(r), csrf = json_of(r)["csrf"];
  const auto session = with_cookie("GET", "/v1/session", cookie);
  ASSERT_EQ(session.status, 200) << session.body;
  EXPECT_EQ(json_of(session)["csrf"], csrf);
  EXPECT_EQ(json_of(session)["user"], wq.staff_user());
  EXPECT_EQ(json_of(session)["expires_at"], json_of(r)["expires_at"]);
  EXPECT_EQ(session.header("cache-control"), "no-store");

  EXPECT_EQ(with_cookie("POST", "/v1/logout", cookie).status, 403) << "logout by cookie needs CSRF too";
  const auto out = with_cookie("POST", "/v1/logout", cookie, {}, csrf);
  EXPECT_EQ(out.status, 204) << out.body;
  EXPECT_NE(out.header("set-cookie").find("Max-Age=0"), std::string::npos) << out.header("set-cookie");
  // The cookie a browser (or a thief) still holds is worth nothing now.
  EXPECT_EQ(with_cookie("GET", "/v1/session", cookie).status, 401);
  EXPECT_EQ(with_cookie("GET", "/v1/queue", cookie).status, 401);
}

TEST_F(WebSessionTest, ASessionExpiresAtTheService) {
  wq.clock().freeze_at(an_ordinary_weekday());
  const std::string cookie = cookie_of(cookie_login());
  ASSERT_EQ(with_cookie("GET", "/v1/session", cookie).status, 200);
  wq.clock().freeze_at(wq.now() + 12LL * 3600 * 1000 + 1000);
  EXPECT_EQ(with_cookie("GET", "/v1/session", cookie).status, 401);
}

TEST_F(WebSessionTest, TheQueueLongPollWakesOnANewTicketAndOnlyThen) {
  const std::string token = staff_token(wq);
  const auto first = http_request("GET", wq.url("/v1/queue"), wq.ca_file(), token);
  ASSERT_EQ(first.status, 200) << first.body;
  const std::string version = json_of(first)["version"];
  ASSERT_FALSE(version.empty());

  // Nothing changes: a short wait ends with the same version.
  const auto idle = http_request("GET", wq.url("/v1/queue?wait=1&since=" + version), wq.ca_file(), token);
  ASSERT_EQ(idle.status, 200) << idle.body;
  EXPECT_EQ(json_of(idle)["version"], version);

  // A kiosk's ticket while a counter waits: the answer has a new version and the ticket.
  const double before = long_polls_waiting();
  auto waiting = std::async(std::launch::async, [&] {
    return http_request("GET", wq.url("/v1/queue?wait=30&since=" + version), wq.ca_file(), token);
  });
  ASSERT_TRUE(wait_until([&] { return long_polls_waiting() > before; })) << "the long-poll never parked";
  const auto ticket = ticket_now(wq, 7, "S-007");
  ASSERT_EQ(post_ticket(wq, ticket).status, 201);
  const auto woken = waiting.get();
  ASSERT_EQ(woken.status, 200) << woken.body;
  const auto j = json_of(woken);
  EXPECT_NE(j["version"], version) << "woken by the ticket, not by the end of the wait";
  ASSERT_EQ(j["waiting"].size(), 1u);
  EXPECT_EQ(j["waiting"][0]["code"], "S-007");

  // A retry of the same ticket changes nothing, so it wakes no one.
  EXPECT_EQ(post_ticket(wq, ticket).status, 200);
  const auto again = http_request("GET", wq.url("/v1/queue?wait=1&since=" + j["version"].get<std::string>()),
                                  wq.ca_file(), token);
  EXPECT_EQ(json_of(again)["version"], j["version"]);
  // An old or foreign version is answered at once, as is a bad wait.
  EXPECT_EQ(http_request("GET", wq.url("/v1/queue?wait=31&since=x"), wq.ca_file(), token).status, 422);
}

}  // namespace
}  // namespace wk::test
