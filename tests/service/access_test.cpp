// Access that cannot be raced or used against its owner, and that can be taken back (issue 11): the login
// limit counted before the password check, keyed by user and address and kept across restarts; logout;
// `wijkqueue staff remove|passwd` and `wijkqueue device revoke`.
#include <gtest/gtest.h>

#include <thread>

#include "queue_test_helpers.hpp"

namespace wk::test {
namespace {

HttpResponse login_from(const Wijkqueue& wq, const std::string& address, const std::string& password) {
  HttpOptions o;
  o.source_address = address;
  return http_request(
      "POST", wq.url("/v1/login"), wq.ca_file(), {},
      nlohmann::json{{"location", "centrum"}, {"user", "balie"}, {"password", password}}.dump(), {}, o);
}

class AccessTest : public ::testing::Test {
 protected:
  void SetUp() override { wq.clock().freeze_at(an_ordinary_weekday()); }
  HttpResponse queue_with(const std::string& token) {
    return http_request("GET", wq.url("/v1/queue"), wq.ca_file(), token);
  }
  Wijkqueue wq;
};

TEST_F(AccessTest, FortyParallelGuessesGetAtMostTheLimitOfPasswordChecksAndTheOwnerStillLogsIn) {
  std::vector<long> statuses(40);
  std::vector<std::thread> guesses;
  for (std::size_t i = 0; i < statuses.size(); ++i)
    guesses.emplace_back(
        [&, i] { statuses[i] = login_from(wq, "127.0.0.1", "fout-" + std::to_string(i)).status; });
  for (auto& t : guesses) t.join();
  const auto checked = std::count(statuses.begin(), statuses.end(), 401);
  const auto refused = std::count(statuses.begin(), statuses.end(), 429);
  EXPECT_LE(checked, 3) << "only the free failures reach the password check";
  EXPECT_GE(checked, 1);
  EXPECT_EQ(checked + refused, 40);
  // The real user, at their own desk (another address), is not locked out by the attacker's failures.
  const auto owner = login_from(wq, "127.0.0.2", "geheim-wachtwoord");
  EXPECT_EQ(owner.status, 200) << owner.body;
}

TEST_F(AccessTest, TheLimitSurvivesARestart) {
  for (int i = 0; i < 3; ++i) ASSERT_EQ(login_from(wq, "127.0.0.1", "fout").status, 401);
  wq.stop();
  wq.start();
  EXPECT_EQ(login_from(wq, "127.0.0.1", "geheim-wachtwoord").status, 429);
}

TEST_F(AccessTest, LogoutEndsTheSession) {
  const std::string token = staff_token(wq);
  ASSERT_EQ(queue_with(token).status, 200);
  const auto out = staff_post(wq, token, "/v1/logout");
  EXPECT_EQ(out.status, 204) << out.body;
  EXPECT_EQ(queue_with(token).status, 401);
  EXPECT_EQ(staff_post(wq, wq.kiosk_token(), "/v1/logout").status, 403) << "only a staff session logs out";
}

TEST_F(AccessTest, ARemovedUserOrANewPasswordEndsEverySession) {
  const std::string before = staff_token(wq);
  write_file(wq.dir() + "/new-password", "een-heel-nieuw-wachtwoord\n");
  const auto passwd = wq.cli({"staff", "passwd", "--dir", wq.dir(), "--location", "centrum", "--user",
                              "balie", "--password-file", wq.dir() + "/new-password"});
  ASSERT_EQ(passwd.exit_code, 0) << passwd.err;
  EXPECT_EQ(queue_with(before).status, 401) << "the old session ended";
  EXPECT_EQ(login(wq, "centrum", "balie", "geheim-wachtwoord").status, 401);
  const auto fresh = login(wq, "centrum", "balie", "een-heel-nieuw-wachtwoord");
  ASSERT_EQ(fresh.status, 200) << fresh.body;
  const std::string token = json_of(fresh)["token"];

  const auto removed =
      wq.cli({"staff", "remove", "--dir", wq.dir(), "--location", "centrum", "--user", "balie"});
  ASSERT_EQ(removed.exit_code, 0) << removed.err;
  EXPECT_EQ(queue_with(token).status, 401);
  EXPECT_EQ(login(wq, "centrum", "balie", "een-heel-nieuw-wachtwoord").status, 401);
  const auto again =
      wq.cli({"staff", "remove", "--dir", wq.dir(), "--location", "centrum", "--user", "balie"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("no staff user"), std::string::npos) << again.err;
}

TEST_F(AccessTest, ARevokedDeviceGets401OnItsNextRequest) {
  ASSERT_EQ(post_ticket(wq, ticket_now(wq, 1, "S-001")).status, 201);
  const auto fleet = json_of(http_request("GET", wq.url("/v1/fleet"), wq.ca_file(), wq.admin_token()));
  std::string kiosk_id;
  for (const auto& d : fleet["devices"])
    if (d["role"] == "kiosk") kiosk_id = d["id"];
  ASSERT_FALSE(kiosk_id.empty()) << fleet.dump();
  const auto revoke = wq.cli({"device", "revoke", "--dir", wq.dir(), "--id", kiosk_id});
  ASSERT_EQ(revoke.exit_code, 0) << revoke.err;
  const auto after = post_ticket(wq, ticket_now(wq, 2, "S-002"));
  EXPECT_EQ(after.status, 401) << after.body;
  EXPECT_EQ(http_request("GET", wq.url("/v1/config"), wq.ca_file(), wq.kiosk_token()).status, 401);
  // Others go on; a second revoke, or an unknown id, is an error with a sentence.
  EXPECT_EQ(http_request("GET", wq.url("/v1/config"), wq.ca_file(), wq.display_token()).status, 200);
  const auto twice = wq.cli({"device", "revoke", "--dir", wq.dir(), "--id", kiosk_id});
  EXPECT_EQ(twice.exit_code, 1) << twice.err;
  // The fleet view still lists it, with when it was revoked.
  const auto after_fleet = json_of(http_request("GET", wq.url("/v1/fleet"), wq.ca_file(), wq.admin_token()));
  for (const auto& d : after_fleet["devices"]) {
    if (d["id"] == kiosk_id)
      EXPECT_TRUE(d["revoked_at"].is_string()) << d.dump();
    else
      EXPECT_TRUE(d["revoked_at"].is_null()) << d.dump();
  }
}

}  // namespace
}  // namespace wk::test
