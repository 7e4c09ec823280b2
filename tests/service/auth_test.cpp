// Every endpoint with every role: allowed, 401 without or with an unknown token, 403 for the wrong role.
#include <gtest/gtest.h>

#include "queue_test_helpers.hpp"
#include "support/wijkqueue.hpp"

namespace wk::test {
namespace {

struct Endpoint {
  std::string method, path;
  std::string body;  // for POSTs
  std::vector<std::string> allowed_roles;
  int allowed_status;
};

class AuthTest : public ::testing::Test {
 protected:
  Wijkqueue wq;
  std::string staff = staff_token(wq);

  std::string token_of(const std::string& role) const {
    if (role == "admin") return wq.admin_token();
    if (role == "kiosk") return wq.kiosk_token();
    if (role == "staff") return staff;
    return wq.display_token();
  }
  HttpResponse call(const Endpoint& e, const std::string& token) {
    return http_request(e.method, wq.url(e.path), wq.ca_file(), token, e.body);
  }
};

const nlohmann::json kHeartbeat = {{"version", "0.1.0"}, {"uptime_s", 10},
                                   {"outbox_depth", 0},  {"oldest_unsent_s", nullptr},
                                   {"printer", "none"},  {"last_sync_at", "2026-11-24T09:00:00Z"}};

TEST_F(AuthTest, EveryEndpointWithEveryRole) {
  int n = 0;
  const std::vector<Endpoint> endpoints = {
      {"POST", "/v1/tickets", "", {"kiosk"}, 201},
      {"GET", "/v1/config", "", {"kiosk", "display", "staff"}, 200},  // staff: the topics' names
      {"POST", "/v1/heartbeat", kHeartbeat.dump(), {"kiosk", "display"}, 204},
      {"GET", "/metrics", "", {"admin"}, 200},
  };
  for (const auto& e : endpoints) {
    for (const std::string role : {"kiosk", "display", "admin", "staff"}) {
      Endpoint call_e = e;
      // Each allowed POST /v1/tickets gets a new ticket, so it is always a 201.
      if (e.path == "/v1/tickets") {
        ++n;
        call_e.body = ticket_body(n, "S-0" + std::to_string(10 + n), "schulden", to_rfc3339(wq.now())).dump();
      }
      const auto r = call(call_e, token_of(role));
      ASSERT_EQ(r.curl_code, 0) << r.error;
      const bool allowed =
          std::find(e.allowed_roles.begin(), e.allowed_roles.end(), role) != e.allowed_roles.end();
      SCOPED_TRACE(e.method + " " + e.path + " as " + role);
      if (allowed) {
        EXPECT_EQ(r.status, e.allowed_status) << r.body;
      } else {
        EXPECT_EQ(r.status, 403) << r.body;
        ASSERT_FALSE(error_of(r).is_null()) << r.body;
        EXPECT_EQ(error_of(r)["code"], "forbidden");
      }
    }
    for (const std::string& token :
         {std::string(), std::string("not-a-known-token-at-all-xxxxxxxxxxxxxxxxxxx")}) {
      SCOPED_TRACE(e.method + " " + e.path + (token.empty() ? " without a token" : " with an unknown token"));
      const auto r = call(e, token);
      ASSERT_EQ(r.curl_code, 0) << r.error;
      EXPECT_EQ(r.status, 401) << r.body;
      ASSERT_FALSE(error_of(r).is_null()) << r.body;
      EXPECT_EQ(error_of(r)["code"], "unauthorized");
    }
  }
}

TEST_F(AuthTest, OnlyTheBearerSchemeCounts) {
  for (const std::string& header :
       {"Authorization: Basic " + wq.kiosk_token(), "Authorization: " + wq.kiosk_token(),
        std::string("Authorization: Bearer ")}) {
    const auto r = http_request("GET", wq.url("/v1/config"), wq.ca_file(), {}, {}, {header});
    EXPECT_EQ(r.status, 401) << header;
  }
  const auto lower = http_request("GET", wq.url("/v1/config"), wq.ca_file(), {}, {},
                                  {"Authorization: bearer " + wq.kiosk_token()});
  EXPECT_EQ(lower.status, 200) << "the scheme name is case-insensitive (RFC 9110)";
}

TEST_F(AuthTest, PublicEndpointsNeedNoToken) {
  const auto post = http_request("POST", wq.url("/v1/tickets"), wq.ca_file(), wq.kiosk_token(),
                                 ticket_body(1, "S-001", "schulden", to_rfc3339(wq.now())).dump());
  ASSERT_EQ(post.status, 201) << post.body;
  const auto token = nlohmann::json::parse(post.body)["public_token"].get<std::string>();
  EXPECT_EQ(http_request("GET", wq.url("/v1/public/tickets/" + token), wq.ca_file()).status, 200);
  EXPECT_EQ(http_request("GET", wq.url("/healthz"), wq.ca_file()).status, 200);
}

TEST_F(AuthTest, ADeviceAddedLaterWorksAndAnotherLocationsKioskStoresThere) {
  ASSERT_EQ(wq.cli({"location", "add", "--dir", wq.dir(), "--id", "noord", "--name", "Noord"}).exit_code, 0);
  const std::string noord_kiosk = wq.add_device("kiosk", "noord");
  // noord has no config yet: its kiosk is known (not 401/403) but has no config to read.
  const auto config = http_request("GET", wq.url("/v1/config"), wq.ca_file(), noord_kiosk);
  EXPECT_EQ(config.status, 404) << config.body;
  EXPECT_EQ(error_of(config)["code"], "no_config");
}

}  // namespace
}  // namespace wk::test
