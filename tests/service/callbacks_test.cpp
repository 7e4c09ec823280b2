// "Bel mij terug" at the service (issue 18): a kiosk hands a request in once, its number is sealed at
// rest, the location's staff see it oldest first, one of them takes it and only they see the number,
// says how the call went, and past the retention the number is gone while the reports still count it.
#include <gtest/gtest.h>

#include "join_test_helpers.hpp"

namespace wk::test {
namespace {

class CallbacksTest : public ::testing::Test {
 protected:
  void SetUp() override { wq.clock().freeze_at(t0); }
  HttpResponse post(const nlohmann::json& body) { return post_callback(wq, body, wq.kiosk_token()); }
  HttpResponse step(const std::string& token, const std::string& id, const std::string& what,
                    const nlohmann::json& body = nlohmann::json::object()) {
    return staff_post(wq, token, "/v1/callbacks/" + id + "/" + what, body);
  }

  const UnixMs t0 = an_ordinary_weekday();
  Wijkqueue wq{join_service()};
};

TEST_F(CallbacksTest, HandedInOnceARetryIsTheSameAndAnotherBodyIsAConflict) {
  const auto body = callback_body(1, "06 1234 5678", t0 - 60'000);
  const auto first = post(body);
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(json_of(first), (nlohmann::json{{"id", body["id"]},
                                            {"reference", "B-B0CA11"},
                                            {"created_at", to_rfc3339(t0 - 60'000)}}));
  auto again = body;
  again["phone"] = "+31612345678";  // the same number, as the kiosk normalised it
  const auto retry = post(again);
  EXPECT_EQ(retry.status, 200) << retry.body;
  EXPECT_EQ(json_of(retry), json_of(first));
  auto other = body;
  other["part_of_day"] = "afternoon";
  const auto conflict = post(other);
  EXPECT_EQ(conflict.status, 409) << conflict.body;
  EXPECT_EQ(error_of(conflict)["code"], "id_conflict");
  EXPECT_EQ(callbacks_seen_by(wq, staff_token(wq)).size(), 1u);
}

TEST_F(CallbacksTest, RefusalsNameTheField) {
  auto no_consent = callback_body(1, "0612345678", t0);
  no_consent["consent"] = false;
  EXPECT_EQ(error_of(post(no_consent))["code"], "consent_missing");
  const std::vector<std::pair<nlohmann::json, std::string>> bad = {
      {callback_body(2, "12", t0), "phone"},
      {callback_body(2, "0612345678", t0, "zwemmen"), "topic"},
      {callback_body(2, "0612345678", t0, "schulden", "nachts"), "part_of_day"},
      {callback_body(2, "0612345678", t0 - 400 * kDayMs), "created_at"},
  };
  for (const auto& [body, field] : bad) {
    const auto r = post(body);
    EXPECT_EQ(r.status, 422) << field << ": " << r.body;
    EXPECT_EQ(error_of(r)["field"], field) << r.body;
  }
  // Only a kiosk hands requests in.
  EXPECT_EQ(post_callback(wq, callback_body(3, "0612345678", t0), wq.display_token()).status, 403);
  EXPECT_TRUE(callbacks_seen_by(wq, staff_token(wq)).empty());
}

TEST_F(CallbacksTest, OnlyTheStaffMemberWhoTakesARequestSeesItsNumber) {
  ASSERT_EQ(post(callback_body(1, "0611111111", t0 - 120'000)).status, 201);
  ASSERT_EQ(post(callback_body(2, "0622222222", t0 - 60'000)).status, 201);
  const std::string anna = staff_token(wq);
  const std::string bram = staff_token_of(wq, "centrum");
  const auto list = callbacks_seen_by(wq, anna);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["reference"], "B-B0CA11");  // oldest first
  for (const auto& c : list) {
    EXPECT_FALSE(c.contains("phone")) << c;
    EXPECT_EQ(c["state"], "open");
  }
  const std::string first = list[0]["id"];
  const auto taken = step(anna, first, "take");
  ASSERT_EQ(taken.status, 200) << taken.body;
  EXPECT_EQ(json_of(taken)["phone"], "+31611111111");
  // Anna sees the number in her list; Bram sees that a colleague calls, and no number.
  EXPECT_EQ(callbacks_seen_by(wq, anna)[0]["phone"], "+31611111111");
  const auto brams = callbacks_seen_by(wq, bram);
  EXPECT_EQ(brams[0]["state"], "taken");
  EXPECT_EQ(brams[0]["taken_by_me"], false);
  EXPECT_FALSE(brams[0].contains("phone"));
  const auto twice = step(bram, first, "take");
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(error_of(twice)["code"], "taken_by_other");
  EXPECT_FALSE(json_of(twice).dump().find("611111111") != std::string::npos);
  EXPECT_EQ(error_of(step(bram, first, "outcome", {{"outcome", "reached"}}))["code"], "not_taken_by_you");

  // Not reached: back in the list for anyone, one attempt counted, no number shown.
  const auto missed = step(anna, first, "outcome", {{"outcome", "not_reached"}});
  ASSERT_EQ(missed.status, 200) << missed.body;
  EXPECT_EQ(json_of(missed)["state"], "open");
  EXPECT_EQ(json_of(missed)["attempts"], 1);
  EXPECT_FALSE(json_of(missed).contains("phone"));
  // Bram tries later and reaches the resident: closed, gone from the list.
  ASSERT_EQ(step(bram, first, "take").status, 200);
  const auto reached = step(bram, first, "outcome", {{"outcome", "reached"}});
  ASSERT_EQ(reached.status, 200) << reached.body;
  EXPECT_EQ(json_of(reached)["state"], "closed");
  EXPECT_FALSE(json_of(reached).contains("phone"));
  EXPECT_EQ(callbacks_seen_by(wq, anna).size(), 1u);
  EXPECT_EQ(error_of(step(bram, first, "take"))["code"], "callback_closed");
  EXPECT_EQ(step(bram, first, "outcome", {{"outcome", "maybe"}}).status, 422);
}

TEST_F(CallbacksTest, StaffOfAnotherLocationGet403AndNeverSeeTheRequests) {
  add_join_location(wq, "noord");
  ASSERT_EQ(post(callback_body(1, "0611111111", t0)).status, 201);
  const std::string id = callbacks_seen_by(wq, staff_token(wq))[0]["id"];
  const std::string elsewhere = staff_token_of(wq, "noord");
  EXPECT_TRUE(callbacks_seen_by(wq, elsewhere).empty());
  for (const auto& [what, body] : std::vector<std::pair<std::string, nlohmann::json>>{
           {"take", nlohmann::json::object()}, {"outcome", {{"outcome", "done"}}}}) {
    const auto r = step(elsewhere, id, what, body);
    EXPECT_EQ(r.status, 403) << what << ": " << r.body;
    EXPECT_EQ(r.body.find("611111111"), std::string::npos);
  }
  // Kiosks and displays have no business with the list.
  EXPECT_EQ(http_request("GET", wq.url("/v1/callbacks"), wq.ca_file(), wq.kiosk_token()).status, 403);
  EXPECT_EQ(http_request("GET", wq.url("/v1/callbacks"), wq.ca_file(), wq.display_token()).status, 403);
  EXPECT_EQ(step(elsewhere, "b0ca11ed-0000-4000-8000-999999999999", "take").status, 404);
}

TEST_F(CallbacksTest, TheNumberIsNeverInTheDatabaseOrTheLogAndThePurgeErasesIt) {
  ASSERT_EQ(post(callback_body(1, "06 4455 6677", t0 - 31 * kDayMs)).status, 201);
  ASSERT_EQ(post(callback_body(2, "06 4455 6688", t0 - kDayMs)).status, 201);
  const std::string staff = staff_token(wq);
  ASSERT_EQ(step(staff, callbacks_seen_by(wq, staff)[0]["id"], "take").status, 200);
  const std::string bytes = raw_database_bytes(wq);
  for (const std::string digits : {"44556677", "44556688", "+31644556677", "0644556677"})
    EXPECT_EQ(bytes.find(digits), std::string::npos) << digits;
  for (const std::string digits : {"44556677", "44556688"})
    EXPECT_EQ(wq.server_log().find(digits), std::string::npos) << digits;

  // The purge (daily) erases the number of the request older than 30 days; the list keeps the other.
  const auto purged = wq.cli({"purge", "--dir", wq.dir()});
  ASSERT_EQ(purged.exit_code, 0) << purged.err;
  EXPECT_EQ(purged.out, "1\n");
  const auto left = callbacks_seen_by(wq, staff);
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0]["reference"], "B-B0CA11");
  EXPECT_EQ(left[0]["id"], callback_body(2, "", t0)["id"]);
}

TEST_F(CallbacksTest, ReportsCountRequestsPerTopicAndHowSoonTheyWereCalledBack) {
  const std::string staff = staff_token(wq);
  // About debts: 6 made an hour ago and called back now, 5 made four days ago and called back now, 1
  // made an hour ago and still open.
  for (int n = 1; n <= 12; ++n) {
    const UnixMs made = n <= 6 || n == 12 ? t0 - 3'600'000 : t0 - 4 * kDayMs;
    ASSERT_EQ(post(callback_body(n, "06123456" + std::to_string(10 + n), made)).status, 201);
  }
  for (const auto& c : callbacks_seen_by(wq, staff)) {
    if (c["id"] == callback_body(12, "", t0)["id"]) continue;
    ASSERT_EQ(step(staff, c["id"], "take").status, 200);
    ASSERT_EQ(step(staff, c["id"], "outcome", {{"outcome", "reached"}}).status, 200);
  }
  const std::string today =
      json_of(http_request("GET", wq.url("/v1/numbering"), wq.ca_file(), wq.kiosk_token()))["day"];
  const CivilTime d = civil_from_unix(unix_from_civil(std::stoi(today.substr(0, 4)), std::stoi(today.substr(5, 2)),
                                                      std::stoi(today.substr(8, 2))) -
                                      5 * 86400);
  char from[16];
  std::snprintf(from, sizeof from, "%04d-%02d-%02d", d.year, d.month, d.day);
  const auto r = http_request("GET", wq.url("/v1/reports/centrum?from=" + std::string(from) + "&to=" + today),
                              wq.ca_file(), staff);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto cb = json_of(r)["callbacks"];
  EXPECT_EQ(cb["requests"], 12) << cb;
  std::map<std::string, nlohmann::json> by_topic;
  for (const auto& t : cb["topics"]) by_topic[t["topic"]] = t;
  EXPECT_EQ(by_topic["schulden"]["requests"], 12) << cb;
  EXPECT_EQ(by_topic["schulden"]["within_day"], 6) << cb;
  EXPECT_EQ(by_topic["schulden"]["within_3_days"], 0) << cb;
  // The one open request is a small cell, and the smallest other part is hidden beside it, so the one
  // cannot be worked out by subtraction.
  EXPECT_EQ(by_topic["schulden"]["open"], "< 5") << cb;
  EXPECT_EQ(by_topic["schulden"]["later"], "< 5") << cb;
  EXPECT_EQ(by_topic["werk"]["requests"], 0) << cb;
  EXPECT_EQ(r.body.find("1234561"), std::string::npos);
  const auto page = http_request("GET", wq.url("/v1/reports/centrum.html?from=" + std::string(from) + "&to=" + today),
                                 wq.ca_file(), staff);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Terugbelverzoeken per onderwerp"), std::string::npos);
}

}  // namespace
}  // namespace wk::test
