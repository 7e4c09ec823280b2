// Issue 11, "no resident's ticket is ever set aside for its code", on a real wijkqueue: a code already held
// that day is taken all the same, both residents are called apart by the issue time printed on their
// tickets (queue, desk, display feed, public JSON, status page), IT hears of it (log, /metrics, fleet),
// the fleet flags kiosks whose slots meet, and GET /v1/numbering tells a kiosk where the day stands.
#include <gtest/gtest.h>

#include <algorithm>

#include "queue_test_helpers.hpp"

namespace wk::test {
namespace {

class CodeCollisionTest : public ::testing::Test {
 protected:
  void SetUp() override { staff = staff_token(wq); }
  // The issue time at the location, as printed on the ticket ("09:14").
  std::string hhmm(const nlohmann::json& ticket) {
    return local_hhmm(amsterdam(), parse_rfc3339(ticket["created_at"].get<std::string>()).value());
  }
  HttpResponse get(const std::string& path, const std::string& token = {}) {
    return http_request("GET", wq.url(path), wq.ca_file(), token);
  }
  nlohmann::json fleet_device(const std::string& version) {
    const auto fleet = json_of(get("/v1/fleet", wq.admin_token()));
    for (const auto& d : fleet["devices"])
      if (d["heartbeat"].is_object() && d["heartbeat"]["version"] == version) return d;
    return nullptr;
  }
  Wijkqueue wq;
  std::string staff;
};

TEST_F(CodeCollisionTest, ACollidingTicketIsAcceptedAndBothWaitDistinguishably) {
  const auto first = ticket_now(wq, 1, "S-001", "schulden", 20 * 60);
  const auto second = ticket_now(wq, 2, "S-001", "schulden", 5 * 60);
  const auto other = ticket_now(wq, 3, "S-003", "schulden", 60);
  ASSERT_EQ(post_ticket(wq, first).status, 201);
  const auto r = post_ticket(wq, second);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(json_of(r)["code_twin"], 1);
  EXPECT_EQ(post_ticket(wq, second).status, 200) << "a retry is still the same ticket";
  auto same_id_other_body = second;
  same_id_other_body["topic"] = "werk";
  same_id_other_body["code"] = "W-001";
  EXPECT_EQ(post_ticket(wq, same_id_other_body).status, 409) << "the same id with another body";
  ASSERT_EQ(post_ticket(wq, other).status, 201);

  const auto q = queue_of(wq, staff);
  ASSERT_EQ(q["waiting"].size(), 3u) << q.dump();
  EXPECT_EQ(q["waiting"][0]["id"], first["id"]);
  EXPECT_EQ(q["waiting"][1]["id"], second["id"]);
  for (int i : {0, 1}) EXPECT_EQ(q["waiting"][i]["code_shared"], true) << q.dump();
  EXPECT_EQ(q["waiting"][0]["issued_time"], hhmm(first));
  EXPECT_EQ(q["waiting"][1]["issued_time"], hhmm(second));
  EXPECT_NE(hhmm(first), hhmm(second)) << "fifteen minutes apart";
  EXPECT_EQ(q["waiting"][2]["code_shared"], false);
  EXPECT_EQ(q["waiting"][2]["issued_time"], hhmm(other));

  // IT hears of it: a log line with the device and the code (nothing of the resident), and /metrics.
  EXPECT_NE(wq.server_log().find("sent code S-001 of " + amsterdam_day(wq.now()) + ", already held"),
            std::string::npos)
      << wq.server_log();
  const auto metrics = get("/metrics", wq.admin_token()).body;
  EXPECT_NE(metrics.find("wijkqueue_code_collisions_total{location=\"centrum\",topic=\"schulden\"} 1\n"),
            std::string::npos)
      << metrics;
}

TEST_F(CodeCollisionTest, CallingASharedCodeCallsTheFirstIssuedThenTheOther) {
  const auto older = ticket_now(wq, 1, "S-001", "schulden", 30 * 60);
  const auto younger = ticket_now(wq, 2, "S-001", "schulden", 10 * 60);
  ASSERT_EQ(post_ticket(wq, younger).status, 201);  // the older one was issued offline, and arrives second
  ASSERT_EQ(post_ticket(wq, older).status, 201);
  const auto a = staff_post(wq, staff, "/v1/desks/2/call", {{"code", "S-001"}});
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(json_of(a)["id"], older["id"]);
  EXPECT_EQ(json_of(a)["code_shared"], true);
  EXPECT_EQ(json_of(a)["issued_time"], hhmm(older));
  const auto b = staff_post(wq, staff, "/v1/desks/3/call", {{"code", "S-001"}});
  ASSERT_EQ(b.status, 200) << b.body;
  EXPECT_EQ(json_of(b)["id"], younger["id"]);
  EXPECT_EQ(json_of(b)["issued_time"], hhmm(younger));
  EXPECT_EQ(staff_post(wq, staff, "/v1/desks/3/call", {{"code", "S-001"}}).status, 404) << "none waits";
  // Lifecycle answers say it too: the desk keeps showing which of the two is there.
  const auto recall = staff_post(wq, staff, "/v1/tickets/" + younger["id"].get<std::string>() + "/recall");
  ASSERT_EQ(recall.status, 200) << recall.body;
  EXPECT_EQ(json_of(recall)["code_shared"], true);
  EXPECT_EQ(json_of(recall)["issued_time"], hhmm(younger));
  const auto q = queue_of(wq, staff);
  ASSERT_EQ(q["called"].size(), 2u) << q.dump();
  for (const auto& c : q["called"]) EXPECT_EQ(c["code_shared"], true) << q.dump();
}

TEST_F(CodeCollisionTest, DisplayFeedPublicJsonAndStatusPageTellTheTwoApart) {
  const auto first = ticket_now(wq, 1, "S-001", "schulden", 40 * 60);
  const auto second = ticket_now(wq, 2, "S-001", "schulden", 20 * 60);
  const auto lone = ticket_now(wq, 3, "W-001", "werk", 10 * 60);
  for (const auto& t : {first, second, lone}) ASSERT_EQ(post_ticket(wq, t).status, 201);
  for (int desk : {1, 2, 3})
    ASSERT_EQ(staff_post(wq, staff, "/v1/desks/" + std::to_string(desk) + "/next").status, 200);

  const auto feed = json_of(get("/v1/calls?after=0", wq.display_token()));
  ASSERT_EQ(feed["calls"].size(), 3u) << feed.dump();
  EXPECT_EQ(feed["calls"][0]["code"], "S-001");
  EXPECT_EQ(feed["calls"][0]["code_shared"], true);
  EXPECT_EQ(feed["calls"][0]["issued_time"], hhmm(first));
  EXPECT_EQ(feed["calls"][1]["code"], "S-001");
  EXPECT_EQ(feed["calls"][1]["code_shared"], true);
  EXPECT_EQ(feed["calls"][1]["issued_time"], hhmm(second));
  EXPECT_EQ(feed["calls"][2]["code_shared"], false);

  for (const auto* t : {&first, &second}) {
    const auto view = public_view_of(wq, *t);
    EXPECT_EQ(view["code_shared"], true) << view.dump();
    EXPECT_EQ(view["issued_time"], hhmm(*t));
    const auto page = get("/t/" + (*t)["public_token"].get<std::string>()).body;
    EXPECT_NE(page.find(">S-001 \u00b7 " + hhmm(*t) + "</p>"), std::string::npos) << page;
  }
  EXPECT_EQ(public_view_of(wq, lone)["code_shared"], false);
  const auto lone_page = get("/t/" + lone["public_token"].get<std::string>()).body;
  EXPECT_NE(lone_page.find(">W-001</p>"), std::string::npos) << lone_page;
}

TEST_F(CodeCollisionTest, TheFleetFlagsKiosksOnOneSlotAndCountTheirSharedCodes) {
  const std::string k2 = wq.add_device("kiosk", "centrum");
  const std::string k3 = wq.add_device("kiosk", "centrum");
  auto beat = [&](const std::string& token, const std::string& version, nlohmann::json slot,
                  nlohmann::json slots) {
    nlohmann::json b = {{"version", version}, {"uptime_s", 1}, {"outbox_depth", 0}, {"printer", "none"}};
    if (!slot.is_null()) b["slot"] = slot;
    if (!slots.is_null()) b["slots"] = slots;
    return http_request("POST", wq.url("/v1/heartbeat"), wq.ca_file(), token, b.dump()).status;
  };
  ASSERT_EQ(beat(wq.kiosk_token(), "k1", 1, 2), 204);
  ASSERT_EQ(beat(k2, "k2", 1, 2), 204);  // a copied kiosk.toml: the same slot
  ASSERT_EQ(beat(k3, "k3", 2, 2), 204);
  ASSERT_EQ(beat(wq.display_token(), "d1", nullptr, nullptr), 204);
  EXPECT_EQ(beat(k3, "k3", 3, 2), 422) << "a slot above slots";
  EXPECT_EQ(beat(k3, "k3", 0, 2), 422);
  // Both of the slot's kiosks hand out S-001.
  ASSERT_EQ(post_ticket(wq, ticket_now(wq, 1, "S-001", "schulden", 60)).status, 201);
  ASSERT_EQ(post_ticket(wq, ticket_now(wq, 2, "S-001", "schulden", 30), k2).status, 201);

  const auto d1 = fleet_device("k1"), d2 = fleet_device("k2"), d3 = fleet_device("k3"),
             disp = fleet_device("d1");
  ASSERT_TRUE(d1.is_object() && d2.is_object() && d3.is_object() && disp.is_object());
  EXPECT_EQ(d1["slot_conflict"], true) << d1.dump();
  EXPECT_EQ(d1["slot_conflict_with"], nlohmann::json::array({d2["id"]}));
  EXPECT_EQ(d2["slot_conflict"], true);
  EXPECT_EQ(d2["slot_conflict_with"], nlohmann::json::array({d1["id"]}));
  EXPECT_EQ(d3["slot_conflict"], false) << d3.dump();
  EXPECT_TRUE(disp["slot_conflict"].is_null()) << "a display has no slot";
  EXPECT_EQ(d1["heartbeat"]["slot"], 1);
  EXPECT_EQ(d1["code_collisions"], 1) << "the kiosk that held the code first is told too";
  EXPECT_EQ(d2["code_collisions"], 1);
  EXPECT_EQ(d2["last_code_collision_day"], amsterdam_day(wq.now()));
  EXPECT_EQ(d3["code_collisions"], 0);
  EXPECT_TRUE(d3["last_code_collision_day"].is_null());
}

TEST_F(CodeCollisionTest, TheNumberingEndpointSaysWhereTheLocationsDayStands) {
  auto numbering = [&](const std::string& token) { return get("/v1/numbering", token); };
  const std::string today = amsterdam_day(wq.now());
  auto r = numbering(wq.kiosk_token());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json_of(r), (nlohmann::json{{"day", today}, {"highest", nlohmann::json::object()}}));
  ASSERT_EQ(post_ticket(wq, ticket_now(wq, 1, "S-001")).status, 201);
  ASSERT_EQ(post_ticket(wq, ticket_now(wq, 2, "S-007")).status, 201);
  ASSERT_EQ(post_ticket(wq, ticket_now(wq, 3, "W-004", "werk")).status, 201);
  // Yesterday's tickets are another day's numbering.
  ASSERT_EQ(post_ticket(wq, ticket_body(4, "A-009", "anders", to_rfc3339(wq.now() - 86'400'000))).status,
            201);
  r = numbering(wq.kiosk_token());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json_of(r), (nlohmann::json{{"day", today}, {"highest", {{"S", 7}, {"W", 4}}}}));
  EXPECT_EQ(numbering(wq.display_token()).status, 403);
  EXPECT_EQ(numbering(staff).status, 403);
  EXPECT_EQ(numbering({}).status, 401);
}

}  // namespace
}  // namespace wk::test
