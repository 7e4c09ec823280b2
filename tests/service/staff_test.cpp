// Staff: logging in (and its rate limit), what each role may do on the counter's endpoints, and that
// staff of one location never see or touch another location's tickets.
#include <gtest/gtest.h>

#include "queue_test_helpers.hpp"

namespace wk::test {
namespace {

class StaffTest : public ::testing::Test {
 protected:
  Wijkqueue wq;
};

TEST_F(StaffTest, LoginGivesATwelveHourToken) {
  const auto r = login(wq, "centrum", "balie", "geheim-wachtwoord");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto j = json_of(r);
  ASSERT_TRUE(j["token"].is_string());
  EXPECT_EQ(j["token"].get<std::string>().size(), 43u);
  const auto expires = parse_rfc3339(j["expires_at"].get<std::string>());
  ASSERT_TRUE(expires) << r.body;
  EXPECT_NEAR(static_cast<double>(expires.value() - wq.now()), 12.0 * 3600 * 1000, 60.0 * 1000);
  EXPECT_EQ(http_request("GET", wq.url("/v1/queue"), wq.ca_file(), j["token"]).status, 200);
  // The database keeps only a hash of the token.
  EXPECT_EQ(wq.database_bytes().find(j["token"].get<std::string>()), std::string::npos);

  const auto missing = http_request("POST", wq.url("/v1/login"), wq.ca_file(), {}, R"({"user": "balie"})");
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(error_of(missing)["field"], "location");
}

TEST_F(StaffTest, LoginIsRateLimitedPerUserAndPerAddressWithOneAnswerForEveryFailure) {
  wq.clock().freeze_at(an_ordinary_weekday());  // the delays below pass only when the test says so
  wq.add_staff("centrum", "balie2", "ander-geheim-wachtwoord");
  const auto unknown = login(wq, "centrum", "niemand", "geheim-wachtwoord");
  const auto wrong = login(wq, "centrum", "balie", "fout-wachtwoord");
  const auto elsewhere = login(wq, "nergens", "balie", "geheim-wachtwoord");
  ASSERT_EQ(unknown.status, 401);
  EXPECT_EQ(error_of(unknown)["code"], "bad_login");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.body, unknown.body);
  EXPECT_EQ(elsewhere.body, unknown.body);

  for (int i = 0; i < 2; ++i) {
    const auto r = login(wq, "centrum", "balie", "fout");
    ASSERT_EQ(r.status, 401) << i << r.body;
  }
  // Three failures for balie from this address: now even the right password waits, 5 s at first.
  const auto limited = login(wq, "centrum", "balie", "geheim-wachtwoord");
  ASSERT_EQ(limited.status, 429) << limited.body;
  EXPECT_EQ(error_of(limited)["code"], "too_many_attempts");
  EXPECT_EQ(limited.header("retry-after"), "5");
  // Another user from the same address still gets in (5 failures so far, the address allows 20) ...
  EXPECT_EQ(login(wq, "centrum", "balie2", "ander-geheim-wachtwoord").status, 200);
  // ... and balie too once the delay has passed.
  wq.clock().freeze_at(wq.now() + 5'000);
  EXPECT_EQ(login(wq, "centrum", "balie", "geheim-wachtwoord").status, 200);
  // The address is refused after 20 failures in 5 minutes, with made-up names (a success forgets that
  // user's failures: 2 remain, of niemand and of nergens/balie).
  for (int i = 0; i < 18; ++i) ASSERT_EQ(login(wq, "centrum", "gast" + std::to_string(i), "x").status, 401);
  const auto address = login(wq, "centrum", "balie2", "ander-geheim-wachtwoord");
  EXPECT_EQ(address.status, 429) << address.body;
  EXPECT_FALSE(address.header("retry-after").empty());
}

TEST_F(StaffTest, RolesOnTheCounterEndpoints) {
  const std::string staff = staff_token(wq);
  ASSERT_EQ(post_ticket(wq, ticket_now(wq, 1, "S-001")).status, 201);
  const std::string id = "00000000-0000-4000-8000-000000000001";
  struct Call {
    std::string method, path;
  };
  const std::vector<Call> staff_only = {{"GET", "/v1/queue"},
                                        {"POST", "/v1/desks/1/next"},
                                        {"POST", "/v1/desks/1/call"},
                                        {"POST", "/v1/tickets/" + id + "/recall"},
                                        {"POST", "/v1/tickets/" + id + "/served"},
                                        {"POST", "/v1/tickets/" + id + "/no-show"},
                                        {"POST", "/v1/tickets/" + id + "/transfer"}};
  for (const auto& c : staff_only) {
    SCOPED_TRACE(c.method + " " + c.path);
    const std::string body = c.method == "POST" ? "{}" : "";
    for (const auto& token : {wq.kiosk_token(), wq.display_token(), wq.admin_token()}) {
      const auto r = http_request(c.method, wq.url(c.path), wq.ca_file(), token, body);
      EXPECT_EQ(r.status, 403) << r.body;
      EXPECT_EQ(error_of(r)["code"], "forbidden");
    }
    EXPECT_EQ(http_request(c.method, wq.url(c.path), wq.ca_file(), {}, body).status, 401);
    EXPECT_EQ(http_request(c.method, wq.url(c.path), wq.ca_file(),
                           "made-up-token-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", body)
                  .status,
              401);
  }
  // Displays and staff read calls; kiosks and admins do not. Staff do not hand in tickets.
  EXPECT_EQ(http_request("GET", wq.url("/v1/calls"), wq.ca_file(), wq.display_token()).status, 200);
  EXPECT_EQ(http_request("GET", wq.url("/v1/calls"), wq.ca_file(), staff).status, 200);
  EXPECT_EQ(http_request("GET", wq.url("/v1/calls"), wq.ca_file(), wq.kiosk_token()).status, 403);
  EXPECT_EQ(http_request("GET", wq.url("/v1/calls"), wq.ca_file(), wq.admin_token()).status, 403);
  EXPECT_EQ(http_request("GET", wq.url("/v1/calls"), wq.ca_file()).status, 401);
  EXPECT_EQ(post_ticket(wq, ticket_now(wq, 2, "S-002"), staff).status, 403);
}

TEST_F(StaffTest, StaffOfOneLocationCannotSeeOrCallAnothersTickets) {
  wq.add_location("noord");
  const std::string noord_kiosk = wq.add_device("kiosk", "noord");
  const std::string noord_display = wq.add_device("display", "noord");
  wq.add_staff("noord", "balie", "noord-wachtwoord-123");
  const std::string centrum = staff_token(wq);
  const auto noord_login = login(wq, "noord", "balie", "noord-wachtwoord-123");
  ASSERT_EQ(noord_login.status, 200);
  const std::string noord = json_of(noord_login)["token"];
  // The same user name at centrum keeps its own password.
  EXPECT_EQ(login(wq, "centrum", "balie", "noord-wachtwoord-123").status, 401);

  const auto ticket = ticket_now(wq, 1, "S-001");
  ASSERT_EQ(post_ticket(wq, ticket, noord_kiosk).status, 201);
  const std::string id = ticket["id"];
  const auto queue = json_of(http_request("GET", wq.url("/v1/queue"), wq.ca_file(), centrum));
  EXPECT_TRUE(queue["waiting"].empty()) << queue.dump();
  EXPECT_EQ(staff_post(wq, centrum, "/v1/desks/1/next").status, 204);
  EXPECT_EQ(staff_post(wq, centrum, "/v1/desks/1/call", {{"code", "S-001"}}).status, 404);

  ASSERT_EQ(staff_post(wq, noord, "/v1/desks/1/next").status, 200);
  for (const std::string step : {"recall", "served", "no-show"})
    EXPECT_EQ(staff_post(wq, centrum, "/v1/tickets/" + id + "/" + step).status, 404) << step;
  EXPECT_EQ(staff_post(wq, centrum, "/v1/tickets/" + id + "/transfer", {{"topic", "werk"}}).status, 404);
  // Centrum's display does not show noord's call; noord's does.
  EXPECT_TRUE(
      json_of(http_request("GET", wq.url("/v1/calls?after=0"), wq.ca_file(), wq.display_token()))["calls"]
          .empty());
  EXPECT_EQ(
      json_of(http_request("GET", wq.url("/v1/calls?after=0"), wq.ca_file(), noord_display))["calls"].size(),
      1u);
  EXPECT_EQ(staff_post(wq, noord, "/v1/tickets/" + id + "/served").status, 200);
}

TEST_F(StaffTest, StaffAddRefusesADuplicateAShortPasswordAndAnUnknownLocation) {
  const std::string file = wq.dir() + "/pw";
  write_file(file, "lang-genoeg-wachtwoord\n");
  const auto dup = wq.cli({"staff", "add", "--dir", wq.dir(), "--location", "centrum", "--user", "balie",
                           "--password-file", file});
  EXPECT_EQ(dup.exit_code, 1);
  EXPECT_NE(dup.err.find("already"), std::string::npos) << dup.err;
  const auto nowhere = wq.cli(
      {"staff", "add", "--dir", wq.dir(), "--location", "nergens", "--user", "x", "--password-file", file});
  EXPECT_EQ(nowhere.exit_code, 1);
  write_file(file, "kort\n");
  const auto short_pw = wq.cli(
      {"staff", "add", "--dir", wq.dir(), "--location", "centrum", "--user", "y", "--password-file", file});
  EXPECT_EQ(short_pw.exit_code, 1);
  EXPECT_EQ(wq.cli({"staff", "add", "--dir", wq.dir(), "--location", "centrum"}).exit_code, 2);
}

}  // namespace
}  // namespace wk::test
