// The counter's queue: calling, the ticket lifecycle and its forbidden steps, fairness by created_at,
// and what the resident's public view says along the way.
#include <gtest/gtest.h>

#include "queue_test_helpers.hpp"

namespace wk::test {
namespace {

class QueueLifecycleTest : public ::testing::Test {
 protected:
  Wijkqueue wq;
  std::string staff = staff_token(wq);

  HttpResponse post(const std::string& path, const nlohmann::json& body = nlohmann::json::object()) {
    return staff_post(wq, staff, path, body);
  }
  nlohmann::json queue() { return queue_of(wq, staff); }
  nlohmann::json public_view(const nlohmann::json& ticket) { return public_view_of(wq, ticket); }
};

TEST_F(QueueLifecycleTest, WaitingCalledRecalledServedAndTheStepsItForbids) {
  const auto a = ticket_now(wq, 1, "S-001", "schulden", 60);
  const auto b = ticket_now(wq, 2, "S-002", "schulden", 30);
  ASSERT_EQ(post_ticket(wq, a).status, 201);
  ASSERT_EQ(post_ticket(wq, b).status, 201);

  const auto q = queue();
  ASSERT_EQ(q["waiting"].size(), 2u) << q.dump();
  EXPECT_EQ(q["waiting"][0]["code"], "S-001");
  EXPECT_EQ(q["waiting"][0].size(), 8u)
      << "id, code, topic, language, created_at, code_shared, issued_time, remote: " << q.dump();
  EXPECT_EQ(q["waiting"][0]["remote"], false) << "taken at a kiosk";
  ASSERT_EQ(q["topics"].size(), 3u) << "every topic of the config, also those with none waiting";
  EXPECT_EQ(q["topics"][1]["topic"], "schulden");
  EXPECT_EQ(q["topics"][1]["waiting"], 2);
  EXPECT_GE(q["topics"][1]["longest_wait_s"].get<int>(), 59);
  EXPECT_EQ(q["topics"][1]["estimated_wait_s"], 2 * 360);
  EXPECT_EQ(q["topics"][0]["waiting"], 0);
  EXPECT_TRUE(q["called"].empty());
  EXPECT_EQ(public_view(b)["position"], 2);

  const auto called = post("/v1/desks/2/next");
  ASSERT_EQ(called.status, 200) << called.body;
  const auto t = json_of(called);
  EXPECT_EQ(t["id"], a["id"]);
  EXPECT_EQ(t["code"], "S-001");
  EXPECT_EQ(t["status"], "called");
  EXPECT_EQ(t["desk"], 2);
  EXPECT_TRUE(t["called_at"].is_string());
  EXPECT_TRUE(t["created_at"].is_string());
  const auto pa = public_view(a);
  EXPECT_EQ(pa["status"], "called");
  EXPECT_EQ(pa["desk"], 2);
  EXPECT_EQ(pa["position"], 0);
  EXPECT_TRUE(pa["estimated_wait_s"].is_null());
  EXPECT_EQ(public_view(b)["position"], 1);
  EXPECT_EQ(queue()["called"][0]["code"], "S-001");

  const std::string id = a["id"];
  const auto recall = post("/v1/tickets/" + id + "/recall");
  ASSERT_EQ(recall.status, 200) << recall.body;
  EXPECT_EQ(json_of(recall)["status"], "called");
  const auto calls =
      json_of(http_request("GET", wq.url("/v1/calls?after=0"), wq.ca_file(), wq.display_token()));
  ASSERT_EQ(calls["calls"].size(), 2u) << calls.dump();
  EXPECT_EQ(calls["calls"][0]["recall"], false);
  EXPECT_EQ(calls["calls"][1]["recall"], true);
  EXPECT_EQ(calls["calls"][1]["desk"], 2);
  EXPECT_EQ(calls["last_seq"], calls["calls"][1]["seq"]);

  const auto served = post("/v1/tickets/" + id + "/served");
  ASSERT_EQ(served.status, 200) << served.body;
  EXPECT_EQ(json_of(served)["status"], "served");
  EXPECT_EQ(public_view(a)["status"], "served");
  for (const std::string step : {"served", "no-show", "recall"}) {
    const auto again = post("/v1/tickets/" + id + "/" + step);
    EXPECT_EQ(again.status, 409) << step << ": " << again.body;
    EXPECT_EQ(error_of(again)["code"], "bad_transition");
  }
  // b still waits: nothing but a call applies to it.
  const std::string bid = b["id"];
  EXPECT_EQ(post("/v1/tickets/" + bid + "/served").status, 409);
  EXPECT_EQ(post("/v1/tickets/" + bid + "/transfer", {{"topic", "werk"}}).status, 409);

  // b is called, transferred to werk (keeping its place), called again for werk, and does not show up.
  ASSERT_EQ(json_of(post("/v1/desks/1/next"))["code"], "S-002");
  EXPECT_EQ(post("/v1/tickets/" + bid + "/transfer", {{"topic", "parkeren"}}).status, 422);
  const auto moved = post("/v1/tickets/" + bid + "/transfer", {{"topic", "werk"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(json_of(moved)["status"], "waiting");
  EXPECT_EQ(json_of(moved)["topic"], "werk");
  EXPECT_TRUE(json_of(moved)["desk"].is_null());
  EXPECT_EQ(json_of(moved)["created_at"],
            to_rfc3339(parse_rfc3339(b["created_at"].get<std::string>()).value()));
  EXPECT_EQ(public_view(b)["status"], "waiting");
  EXPECT_EQ(post("/v1/desks/1/next", {{"topics", {"schulden"}}}).status, 204);
  ASSERT_EQ(json_of(post("/v1/desks/1/next", {{"topics", {"werk"}}}))["code"], "S-002");
  const auto no_show = post("/v1/tickets/" + bid + "/no-show");
  ASSERT_EQ(no_show.status, 200) << no_show.body;
  EXPECT_EQ(json_of(no_show)["status"], "no_show");
  EXPECT_EQ(public_view(b)["status"], "no_show");

  EXPECT_EQ(post("/v1/desks/1/next").status, 204);
  EXPECT_EQ(post("/v1/tickets/00000000-0000-4000-8000-999999999999/served").status, 404);
  EXPECT_EQ(post("/v1/desks/0/next").status, 422);
  EXPECT_EQ(post("/v1/desks/100/next").status, 422);

  const auto metrics = http_request("GET", wq.url("/metrics"), wq.ca_file(), wq.admin_token()).body;
  EXPECT_NE(metrics.find("wijkqueue_tickets_called_total{location=\"centrum\",topic=\"schulden\"} 2\n"),
            std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("wijkqueue_tickets_called_total{location=\"centrum\",topic=\"werk\"} 1\n"),
            std::string::npos)
      << metrics;
}

TEST_F(QueueLifecycleTest, AnOfflineTicketKeepsItsPlaceByCreatedAt) {
  // B and C reach the service first; A was issued earlier on a kiosk that was offline, and arrives last.
  ASSERT_EQ(post_ticket(wq, ticket_now(wq, 2, "S-002", "schulden", 60)).status, 201);
  ASSERT_EQ(post_ticket(wq, ticket_now(wq, 3, "W-003", "werk", 30)).status, 201);
  ASSERT_EQ(post_ticket(wq, ticket_now(wq, 1, "S-001", "schulden", 600)).status, 201);
  EXPECT_EQ(queue()["waiting"][0]["code"], "S-001");
  for (const std::string code : {"S-001", "S-002", "W-003"}) {
    const auto r = post("/v1/desks/3/next", {{"topics", nlohmann::json::array()}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(json_of(r)["code"], code);
  }
}

TEST_F(QueueLifecycleTest, ATicketIsCalledByItsCode) {
  ASSERT_EQ(post_ticket(wq, ticket_now(wq, 1, "S-001", "schulden", 60)).status, 201);
  ASSERT_EQ(post_ticket(wq, ticket_now(wq, 2, "W-001", "werk", 30)).status, 201);
  const auto r = post("/v1/desks/4/call", {{"code", "W-001"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json_of(r)["code"], "W-001");
  EXPECT_EQ(json_of(r)["desk"], 4);
  EXPECT_EQ(post("/v1/desks/4/call", {{"code", "W-001"}}).status, 404) << "no longer waiting";
  EXPECT_EQ(post("/v1/desks/4/call", {{"code", "X-999"}}).status, 404);
  EXPECT_EQ(post("/v1/desks/4/call", nlohmann::json::object()).status, 422);
}

TEST_F(QueueLifecycleTest, ATicketLeftFromAnEarlierDayIsNeverCalledTheNextMorning) {
  // Issued yesterday (offline, or never called before closing): older than anything of today.
  const auto yesterday = ticket_now(wq, 1, "S-001", "schulden", 24 * 3600 + 60);
  const auto today = ticket_now(wq, 2, "S-001", "schulden", 10);
  ASSERT_EQ(post_ticket(wq, yesterday).status, 201);
  ASSERT_EQ(post_ticket(wq, today).status, 201) << "the same code on another day is another ticket";

  const auto q = queue();
  ASSERT_EQ(q["waiting"].size(), 1u) << q.dump();
  EXPECT_EQ(q["waiting"][0]["id"], today["id"]);
  EXPECT_EQ(q["topics"][1]["waiting"], 1);

  const auto called = post("/v1/desks/1/call", {{"code", "S-001"}});
  ASSERT_EQ(called.status, 200) << called.body;
  EXPECT_EQ(json_of(called)["id"], today["id"]) << "the code means today's ticket";
  ASSERT_EQ(post("/v1/tickets/" + today["id"].get<std::string>() + "/served").status, 200);
  EXPECT_EQ(post("/v1/desks/1/next").status, 204) << "yesterday's ticket is not called";

  // Its page says so instead of promising a place in line.
  const auto pv = public_view(yesterday);
  EXPECT_EQ(pv["status"], "expired");
  EXPECT_EQ(pv["position"], 0);
  EXPECT_TRUE(pv["estimated_wait_s"].is_null());
  const auto page =
      http_request("GET", wq.url("/t/" + yesterday["public_token"].get<std::string>()), wq.ca_file());
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Dit nummer was voor een andere dag."), std::string::npos) << page.body;
  EXPECT_EQ(page.body.find("<section id=\"s-expired\" hidden>"), std::string::npos) << "shown, not hidden";
}

}  // namespace
}  // namespace wk::test
