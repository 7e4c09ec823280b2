// /metrics that mean what they say (issue 11): counters that only go up (a transfer moves no ticket from
// one series to another), devices that are devices, histograms of waits and of time at the desk, and a
// text that Prometheus' own checker accepts.
#include <gtest/gtest.h>

#include "queue_test_helpers.hpp"
#include "support/process.hpp"

namespace wk::test {
namespace {

class MetricsTest : public ::testing::Test {
 protected:
  void SetUp() override { wq.clock().freeze_at(t0); }
  std::string metrics() {
    const auto r = http_request("GET", wq.url("/metrics"), wq.ca_file(), wq.admin_token());
    EXPECT_EQ(r.status, 200) << r.body;
    return r.body;
  }
  const UnixMs t0 = an_ordinary_weekday();
  Wijkqueue wq;
};

TEST_F(MetricsTest, CountersOnlyGoUpAndWaitsAndDeskTimesAreHistograms) {
  const std::string staff = staff_token(wq);
  ASSERT_EQ(post_ticket(wq, ticket_body(1, "S-001", "schulden", to_rfc3339(t0 - 10 * 60'000))).status, 201);
  ASSERT_EQ(post_ticket(wq, ticket_body(2, "S-002", "schulden", to_rfc3339(t0 - 2 * 60'000))).status, 201);
  // S-001 waited 10 minutes, then 5 minutes at the desk.
  const auto first = staff_post(wq, staff, "/v1/desks/1/next");
  ASSERT_EQ(first.status, 200) << first.body;
  wq.clock().freeze_at(t0 + 5 * 60'000);
  ASSERT_EQ(
      staff_post(wq, staff, "/v1/tickets/" + json_of(first)["id"].get<std::string>() + "/served").status,
      200);
  // S-002 waited 7 minutes, then went to another topic: it stays counted as issued for schulden.
  const auto second = staff_post(wq, staff, "/v1/desks/1/next");
  ASSERT_EQ(second.status, 200) << second.body;
  ASSERT_EQ(staff_post(wq, staff, "/v1/tickets/" + json_of(second)["id"].get<std::string>() + "/transfer",
                       {{"topic", "werk"}})
                .status,
            200);

  const std::string m = metrics();
  for (const std::string line : {
           "wijkqueue_tickets_total{location=\"centrum\",topic=\"schulden\"} 2",
           "# TYPE wijkqueue_wait_seconds histogram",
           "wijkqueue_wait_seconds_bucket{location=\"centrum\",topic=\"schulden\",le=\"300\"} 0",
           "wijkqueue_wait_seconds_bucket{location=\"centrum\",topic=\"schulden\",le=\"600\"} 2",
           "wijkqueue_wait_seconds_bucket{location=\"centrum\",topic=\"schulden\",le=\"+Inf\"} 2",
           "wijkqueue_wait_seconds_sum{location=\"centrum\",topic=\"schulden\"} 1020.000",
           "wijkqueue_wait_seconds_count{location=\"centrum\",topic=\"schulden\"} 2",
           "# TYPE wijkqueue_desk_seconds histogram",
           "wijkqueue_desk_seconds_bucket{location=\"centrum\",topic=\"schulden\",le=\"60\"} 0",
           "wijkqueue_desk_seconds_bucket{location=\"centrum\",topic=\"schulden\",le=\"300\"} 1",
           "wijkqueue_desk_seconds_count{location=\"centrum\",topic=\"schulden\"} 1",
           "wijkqueue_tickets_closed_total{location=\"centrum\",topic=\"schulden\",outcome=\"served\"} 1",
       })
    EXPECT_NE(m.find(line + "\n"), std::string::npos) << "missing: " << line << "\n" << m;
  EXPECT_EQ(m.find("wijkqueue_tickets_total{location=\"centrum\",topic=\"werk\"}"), std::string::npos)
      << "a transfer moved a ticket into another series:\n"
      << m;
}

TEST_F(MetricsTest, PromtoolAcceptsTheText) {
  ASSERT_EQ(post_ticket(wq, ticket_now(wq, 1, "S-001", "schulden", 60)).status, 201);
  ASSERT_EQ(staff_post(wq, staff_token(wq), "/v1/desks/1/next").status, 200);
  const std::string file = wq.dir() + "/metrics.txt";
  write_file(file, metrics());
  const auto check = run_command({"/bin/sh", "-c", "promtool check metrics < \"$0\"", file});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

}  // namespace
}  // namespace wk::test
