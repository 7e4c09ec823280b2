// The standing check of the service's day at set dates (support/set_dates.hpp), on a real wijkqueue whose
// clock the test sets: numbering per local day, the counter's day, the end of a day (expired), position
// and estimated wait, and the status page, before and after each boundary. tests/core/
// day_boundaries_test.cpp checks the kiosk's rules (numbering, opening hours, closed days) at the same
// instants.
#include <gtest/gtest.h>

#include "queue_test_helpers.hpp"
#include "support/set_dates.hpp"

namespace wk::test {
namespace {

class ServiceDayBoundaries : public ::testing::TestWithParam<SetDate> {
 protected:
  void SetUp() override {
    wq.clock().freeze_at(d.before);
    staff = staff_token(wq);
  }
  nlohmann::json ticket_at(int n, const std::string& code, UnixMs created_at) {
    return ticket_body(n, code, "schulden", to_rfc3339(created_at));
  }
  nlohmann::json queue() { return queue_of(wq, staff); }
  nlohmann::json numbering() {  // GET /v1/numbering as the kiosk asks it
    return json_of(http_request("GET", wq.url("/v1/numbering"), wq.ca_file(), wq.kiosk_token()));
  }
  nlohmann::json public_view(const nlohmann::json& ticket) { return public_view_of(wq, ticket); }
  std::string status_page(const nlohmann::json& ticket) {
    return http_request("GET", wq.url("/t/" + ticket["public_token"].get<std::string>()), wq.ca_file()).body;
  }
  long expired_total() {
    const auto r = http_request("GET", wq.url("/metrics"), wq.ca_file(), wq.admin_token());
    const std::string line =
        "wijkqueue_tickets_closed_total{location=\"centrum\",topic=\"schulden\",outcome=\"expired\"} ";
    const auto at = r.body.find(line);
    return at == std::string::npos ? 0 : std::stol(r.body.substr(at + line.size()));
  }

  const SetDate& d = GetParam();
  Wijkqueue wq;
  std::string staff;
};

TEST_P(ServiceDayBoundaries, TheQueueIsTheLocationsDayOnBothSidesOfTheBoundary) {
  // Before: two tickets of the day, the first issued ten minutes earlier (offline, sent second).
  const auto second = ticket_at(2, "S-002", d.before);
  const auto first = ticket_at(1, "S-001", d.before - 10 * 60'000);
  for (const auto& t : {second, first}) {
    const auto r = post_ticket(wq, t);
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(json_of(r)["local_day"], d.day_before);
  }
  EXPECT_EQ(numbering(), (nlohmann::json{{"day", d.day_before}, {"highest", {{"S", 2}}}}))
      << "the codes held that day";
  auto view = public_view(second);
  EXPECT_EQ(view["status"], "waiting");
  EXPECT_EQ(view["position"], 2);
  EXPECT_EQ(view["estimated_wait_s"], 2 * 360) << "6 minutes a place, one desk, before any call";
  EXPECT_NE(status_page(second).find("U bent nummer <b id=\"pos\">2</b> in de rij"), std::string::npos);
  auto q = queue();
  EXPECT_EQ(q["day"], d.day_before);
  ASSERT_EQ(q["waiting"].size(), 2u) << q.dump();
  const auto called = staff_post(wq, staff, "/v1/desks/1/next");
  ASSERT_EQ(called.status, 200) << called.body;
  EXPECT_EQ(json_of(called)["code"], "S-001") << "the oldest first";
  EXPECT_EQ(json_of(called)["local_day"], d.day_before);
  const std::string called_id = json_of(called)["id"];

  wq.clock().freeze_at(d.after);
  const auto late = ticket_at(3, "S-003", d.before);  // from a kiosk that was offline across the boundary
  const auto next = ticket_at(4, "S-001", d.after);
  q = queue();
  EXPECT_EQ(q["day"], d.day_after);
  if (d.day_changes()) {
    // The day ended with S-001 called and S-002 waiting: both are closed as expired, apart from served
    // and no-show, and neither is ever called the next day.
    EXPECT_TRUE(q["waiting"].empty()) << q.dump();
    EXPECT_TRUE(q["called"].empty()) << q.dump();
    EXPECT_EQ(public_view(second)["status"], "expired");
    EXPECT_EQ(public_view(second)["position"], 0);
    EXPECT_TRUE(public_view(second)["estimated_wait_s"].is_null());
    EXPECT_EQ(public_view(first)["status"], "expired");
    EXPECT_NE(status_page(second).find("Dit nummer was voor een andere dag"), std::string::npos);
    const auto served = staff_post(wq, staff, "/v1/tickets/" + called_id + "/served");
    EXPECT_EQ(served.status, 409) << served.body;
    EXPECT_EQ(expired_total(), 2);
    // A ticket of the ended day that arrives now is stored (exactly once), and closed at once.
    const auto r = post_ticket(wq, late);
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(json_of(r)["status"], "expired");
    EXPECT_EQ(json_of(r)["local_day"], d.day_before);
    EXPECT_EQ(post_ticket(wq, late).status, 200) << "its retry is the same ticket";
    // The new day numbers from 1 again, and its first ticket is the one called.
    const auto fresh = post_ticket(wq, next);
    ASSERT_EQ(fresh.status, 201) << fresh.body;
    EXPECT_EQ(json_of(fresh)["local_day"], d.day_after);
    EXPECT_EQ(json_of(fresh)["code_twin"], 0) << "S-001 is free again on the new day";
    EXPECT_EQ(numbering(), (nlohmann::json{{"day", d.day_after}, {"highest", {{"S", 1}}}}));
    EXPECT_EQ(public_view(next)["position"], 1);
    const auto call = staff_post(wq, staff, "/v1/desks/1/next");
    ASSERT_EQ(call.status, 200) << call.body;
    EXPECT_EQ(json_of(call)["id"], next["id"]);
  } else {
    // No midnight in between (a change of the clocks is not one): the same day goes on.
    ASSERT_EQ(q["waiting"].size(), 1u) << q.dump();
    EXPECT_EQ(q["waiting"][0]["code"], "S-002");
    ASSERT_EQ(q["called"].size(), 1u) << q.dump();
    EXPECT_EQ(public_view(second)["position"], 1);
    const auto twin = post_ticket(wq, next);
    ASSERT_EQ(twin.status, 201) << twin.body;
    EXPECT_EQ(json_of(twin)["code_twin"], 1) << "S-001 is still held today: stored as its twin";
    const auto r = post_ticket(wq, late);
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(json_of(r)["status"], "waiting");
    EXPECT_EQ(public_view(late)["position"], 2) << "by created_at, whatever the local clock showed";
    EXPECT_EQ(staff_post(wq, staff, "/v1/tickets/" + called_id + "/served").status, 200);
    EXPECT_EQ(expired_total(), 0);
  }
}

TEST_P(ServiceDayBoundaries, ATicketFromTheFutureIsFiledAtTheServicesTime) {
  // A kiosk whose clock runs an hour fast, just before the boundary: without the rule its ticket would
  // belong to the next day (or hour) already.
  wq.clock().freeze_at(d.after - 30 * 60'000);
  const auto fast = ticket_at(1, "S-001", d.after + 30 * 60'000);
  const auto r = post_ticket(wq, fast);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(json_of(r)["created_at"], to_rfc3339(d.after - 30 * 60'000));
  EXPECT_EQ(json_of(r)["local_day"], amsterdam_day(d.after - 30 * 60'000));
  EXPECT_EQ(post_ticket(wq, fast).status, 200) << "a retry, a minute on, is still the same ticket";
  EXPECT_NE(wq.server_log().find("ahead of the service's clock"), std::string::npos) << wq.server_log();
  // Within two minutes, a kiosk's time is taken as it is.
  const UnixMs near = d.after - 30 * 60'000 + 90'000;
  const auto close = post_ticket(wq, ticket_at(2, "S-002", near));
  ASSERT_EQ(close.status, 201) << close.body;
  EXPECT_EQ(json_of(close)["created_at"], to_rfc3339(near));
}

INSTANTIATE_TEST_SUITE_P(SetDates, ServiceDayBoundaries, ::testing::ValuesIn(set_dates()),
                         [](const auto& param_info) { return set_date_name(param_info.param); });

}  // namespace
}  // namespace wk::test
