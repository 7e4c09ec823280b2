// healthz, metrics, the request log, TLS, the error body everywhere, and stopping and starting again.
#include <gtest/gtest.h>

#include <algorithm>

#include <curl/curl.h>

#include "service_test_helpers.hpp"
#include "support/wait.hpp"
#include "support/wijkqueue.hpp"

namespace wk::test {
namespace {

TEST(OpsTest, HealthzSaysOk) {
  Wijkqueue wq;
  const auto r = http_request("GET", wq.url("/healthz"), wq.ca_file());
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "ok\n");
}

TEST(OpsTest, MetricsInPrometheusTextFormat) {
  Wijkqueue wq;
  ASSERT_EQ(http_request("POST", wq.url("/v1/tickets"), wq.ca_file(), wq.kiosk_token(),
                         ticket_body(1, "S-001", "schulden", to_rfc3339(wq.now())).dump())
                .status,
            201);
  ASSERT_EQ(http_request("POST", wq.url("/v1/tickets"), wq.ca_file(), wq.kiosk_token(),
                         ticket_body(2, "W-001", "werk", to_rfc3339(wq.now())).dump())
                .status,
            201);
  ASSERT_EQ(http_request("GET", wq.url("/nothing/here"), wq.ca_file()).status, 404);
  const auto r = http_request("GET", wq.url("/metrics"), wq.ca_file(), wq.admin_token());
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type").rfind("text/plain", 0), 0u) << r.header("content-type");
  for (const std::string line :
       {"# TYPE wijkqueue_tickets_total counter", "# HELP wijkqueue_tickets_total ",
        "wijkqueue_tickets_total{location=\"centrum\",topic=\"schulden\"} 1",
        "wijkqueue_tickets_total{location=\"centrum\",topic=\"werk\"} 1", "# TYPE wijkqueue_devices gauge",
        "# HELP wijkqueue_devices ", "wijkqueue_devices{role=\"kiosk\"} 1",
        "wijkqueue_devices{role=\"display\"} 1", "# TYPE wijkqueue_requests_total counter",
        "# HELP wijkqueue_requests_total ", "wijkqueue_requests_total{status=\"201\"} 2",
        "wijkqueue_requests_total{status=\"404\"} 1"})
    EXPECT_NE(r.body.find(line), std::string::npos) << "missing: " << line << "\n" << r.body;
  EXPECT_EQ(r.body.find("role=\"admin\""), std::string::npos) << "the admin token is no device";
}

TEST(OpsTest, TheRequestLogHasOneLinePerRequestAndNoTokens) {
  Wijkqueue wq;
  wq.clock().freeze_at(an_ordinary_weekday());
  const std::string created_at = to_rfc3339(wq.now() - 61'000);  // not a time the log itself shows
  const auto body = ticket_body(1, "S-001", "schulden", created_at);
  const std::string public_token = body["public_token"];
  ASSERT_EQ(http_request("POST", wq.url("/v1/tickets"), wq.ca_file(), wq.kiosk_token(), body.dump()).status,
            201);
  ASSERT_EQ(http_request("GET", wq.url("/v1/public/tickets/" + public_token), wq.ca_file()).status, 200);
  ASSERT_EQ(http_request("GET", wq.url("/t/" + public_token), wq.ca_file()).status, 200);  // the status page
  ASSERT_EQ(http_request("GET", wq.url("/metrics"), wq.ca_file(), wq.admin_token()).status, 200);

  // The logger writes when a connection's request is done, after the response and not in the order the
  // answers went out, so wait for every line rather than for the last one asked.
  const std::vector<std::string> lines = {"POST /v1/tickets 201 ", "GET /v1/public/tickets/{token} 200 ",
                                          "GET /t/{token} 200 ", "GET /metrics 200 "};
  const auto all_logged = [&] {
    const std::string log = wq.server_log();
    return std::all_of(lines.begin(), lines.end(),
                       [&](const std::string& l) { return log.find(l) != std::string::npos; });
  };
  EXPECT_TRUE(wait_until(all_logged)) << wq.server_log();
  const std::string log = wq.server_log();
  for (const std::string& secret : {wq.kiosk_token(), wq.admin_token(), public_token})
    EXPECT_EQ(log.find(secret), std::string::npos) << "a secret reached the log:\n" << log;
  EXPECT_EQ(log.find(created_at.substr(0, 19)), std::string::npos) << "a body reached the log:\n" << log;
}

TEST(OpsTest, EveryAnswerCarriesTheServicesTimeInADateHeader) {
  Wijkqueue wq;
  const UnixMs t = an_ordinary_weekday() + 1'234;  // whole seconds on the wire
  wq.clock().freeze_at(t);
  const std::string expected = to_http_date(t);
  const std::vector<HttpResponse> answers = {
      http_request("GET", wq.url("/healthz"), wq.ca_file()),                             // 200
      http_request("GET", wq.url("/nothing"), wq.ca_file()),                             // the router's 404
      http_request("GET", wq.url("/v1/config"), wq.ca_file()),                           // 401
      http_request("POST", wq.url("/v1/tickets"), wq.ca_file(), wq.kiosk_token(), "{"),  // 400
      http_request("POST", wq.url("/v1/tickets"), wq.ca_file(), wq.kiosk_token(),
                   std::string(70 * 1024, ' ')),  // 413
  };
  for (const auto& r : answers) {
    EXPECT_NE(r.status, 0);
    EXPECT_EQ(r.header("date"), expected) << "status " << r.status;
  }
  // The clock the service is handed is the one it tells: moved on, the header follows.
  wq.clock().freeze_at(t + 86'400'000);
  EXPECT_EQ(http_request("GET", wq.url("/healthz"), wq.ca_file()).header("date"),
            to_http_date(t + 86'400'000));
}

TEST(OpsTest, TlsIsMozillasIntermediateProfileAndAnswersAreHardened) {
  Wijkqueue wq;
  const auto tls12 = [](const char* ciphers) {
    HttpOptions o;
    o.tls12_ciphers = ciphers;
    return o;
  };
  // TLS 1.2 with a CBC suite and a SHA-1 MAC: refused. With an AEAD suite: fine.
  const auto cbc = http_request("GET", wq.url("/healthz"), wq.ca_file(), {}, {}, {},
                                tls12("ECDHE-ECDSA-AES128-SHA:ECDHE-RSA-AES128-SHA"));
  EXPECT_EQ(cbc.status, 0);
  EXPECT_NE(cbc.curl_code, 0) << "a CBC suite with SHA-1 got through";
  const auto gcm = http_request("GET", wq.url("/healthz"), wq.ca_file(), {}, {}, {},
                                tls12("ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256"));
  EXPECT_EQ(gcm.status, 200) << gcm.error;

  // Every answer: HSTS, nosniff, not cached, and never compressed (BREACH), even when the client asks.
  const auto body = ticket_body(1, "S-001", "schulden", to_rfc3339(wq.now()));
  ASSERT_EQ(http_request("POST", wq.url("/v1/tickets"), wq.ca_file(), wq.kiosk_token(), body.dump()).status,
            201);
  const std::vector<std::string> gzip = {"Accept-Encoding: br, gzip, deflate"};
  const std::vector<HttpResponse> answers = {
      http_request("GET", wq.url("/t/" + body["public_token"].get<std::string>()), wq.ca_file(), {}, {},
                   gzip),
      http_request("GET", wq.url("/v1/public/tickets/" + body["public_token"].get<std::string>()),
                   wq.ca_file(), {}, {}, gzip),
      http_request("GET", wq.url("/v1/config"), wq.ca_file(), wq.kiosk_token(), {}, gzip),
      http_request("GET", wq.url("/nothing"), wq.ca_file(), {}, {}, gzip),
  };
  for (const auto& r : answers) {
    SCOPED_TRACE("status " + std::to_string(r.status));
    EXPECT_NE(r.status, 0) << r.error;
    EXPECT_EQ(r.header("strict-transport-security"), "max-age=31536000");
    EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
    // The config may be kept, but only to be asked again with its ETag; the rest not at all.
    EXPECT_EQ(r.header("cache-control"), r.header("etag").empty() ? "no-store" : "no-cache");
    EXPECT_EQ(r.header("content-encoding"), "");
  }
}

TEST(OpsTest, ATestClockIsRefusedOffLoopbackAndAnnouncedOnLoopback) {
  Wijkqueue wq(set_up_only());
  const auto refused = wq.cli(
      {"serve", "--dir", wq.dir(), "--host", "0.0.0.0", "--port", "0", "--test-clock", wq.clock().path()});
  EXPECT_EQ(refused.exit_code, 2) << refused.err;
  EXPECT_NE(refused.err.find("--test-clock is for tests only"), std::string::npos) << refused.err;
  wq.start();  // on 127.0.0.1 with --test-clock
  EXPECT_TRUE(wait_until([&] { return wq.server_log().find("TEST CLOCK") != std::string::npos; }))
      << wq.server_log();
}

TEST(OpsTest, EveryErrorHasTheApiErrorBody) {
  Wijkqueue wq;
  for (const std::string path : {"/nothing", "/v1/tickets", "/v1/public/tickets/"}) {
    const auto r = http_request("GET", wq.url(path), wq.ca_file());
    EXPECT_GE(r.status, 400) << path;
    EXPECT_EQ(r.header("content-type"), "application/json") << path;
    EXPECT_FALSE(error_of(r).is_null()) << path << ": " << r.body;
  }
}

TEST(OpsTest, AClientWithAnotherCaIsRefusedTheConnection) {
  Wijkqueue wq;
  Wijkqueue other(set_up_only());
  const auto r = http_request("GET", wq.url("/healthz"), other.ca_file());
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.curl_code, CURLE_PEER_FAILED_VERIFICATION) << r.error;
  // The certificate also names 127.0.0.1, so the address works as well as the name.
  const auto by_ip =
      http_request("GET", "https://127.0.0.1:" + std::to_string(wq.port()) + "/healthz", wq.ca_file());
  EXPECT_EQ(by_ip.status, 200) << by_ip.error;
}

TEST(OpsTest, Tls11IsRefused) {
  Wijkqueue wq;
  HttpOptions old_tls;
  old_tls.tls_1_1_only = true;
  const auto r = http_request("GET", wq.url("/healthz"), wq.ca_file(), {}, {}, {}, old_tls);
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.curl_code, 0) << "TLS 1.1 must not get through";
}

TEST(OpsTest, StopsOnSigtermAndComesBackOnTheSamePortWithItsData) {
  Wijkqueue wq;
  const auto body = ticket_body(1, "S-001", "schulden", to_rfc3339(wq.now()));
  ASSERT_EQ(http_request("POST", wq.url("/v1/tickets"), wq.ca_file(), wq.kiosk_token(), body.dump()).status,
            201);
  const int port = wq.port();
  wq.stop();  // throws unless the exit code is 0
  EXPECT_NE(http_request("GET", wq.url("/healthz"), wq.ca_file()).curl_code, 0)
      << "still answering after stop";
  wq.start();
  EXPECT_EQ(wq.port(), port);
  EXPECT_EQ(http_request("POST", wq.url("/v1/tickets"), wq.ca_file(), wq.kiosk_token(), body.dump()).status,
            200);
  const std::string token = body["public_token"];
  EXPECT_EQ(http_request("GET", wq.url("/v1/public/tickets/" + token), wq.ca_file()).status, 200);
}

}  // namespace
}  // namespace wk::test
