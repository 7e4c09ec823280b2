// The kiosk's reprint listener against the real wijkqueue: a staff member's reprint reaches the kiosk's
// callback with the whole ticket, its report reaches the counter's view of the job, a report the service
// refuses does not hold up the next one, and the listener comes back after the service was away.
#include "net/print_jobs_listener.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "net_test_util.hpp"
#include "support/http_client.hpp"
#include "support/wait.hpp"

namespace wk::net::testing {
namespace {

using test::http_request;
using test::wait_until;

struct Received {
  std::mutex mu;
  std::vector<std::pair<std::int64_t, Ticket>> jobs;
  std::thread::id poll_thread;  // on_job runs on it
  std::size_t size() {
    std::lock_guard lock(mu);
    return jobs.size();
  }
};

// What the listener's calls went through, seen from the client's clock, which QueueClient reads once as a
// request goes out and once as its answer (or its failure) comes in: two readings a finished request.
struct Calls {
  std::mutex mu;
  std::map<std::thread::id, int> readings;
  int finished_on_other_than(std::thread::id thread) {
    std::lock_guard lock(mu);
    int n = 0;
    for (const auto& [id, count] : readings)
      if (id != thread) n += count / 2;
    return n;
  }
};

class PrintJobsListenerTest : public ::testing::Test {
 protected:
  test::Wijkqueue wq;
  TicketMaker maker;
  Received received;
  Calls calls;
  std::atomic<int> went_offline{0};
  std::string staff;

  void SetUp() override {
    const auto r = http_request(
        "POST", wq.url("/v1/login"), wq.ca_file(), {},
        nlohmann::json{
            {"location", wq.location()}, {"user", wq.staff_user()}, {"password", wq.staff_password()}}
            .dump());
    ASSERT_EQ(r.status, 200) << r.body;
    staff = nlohmann::json::parse(r.body)["token"];
  }
  std::unique_ptr<PrintJobsListener> listener() {
    PrintJobsListener::Options o;
    o.client = client_options(wq, wq.kiosk_token());
    o.wait_s = 5;
    o.base_backoff_ms = 100;
    o.max_backoff_ms = 500;
    o.client.clock = [this] {
      std::lock_guard lock(calls.mu);
      ++calls.readings[std::this_thread::get_id()];
      return wall_ms();
    };
    o.on_job = [this](std::int64_t id, Ticket t) {
      std::lock_guard lock(received.mu);
      received.poll_thread = std::this_thread::get_id();
      received.jobs.emplace_back(id, std::move(t));
    };
    o.on_online = [this](bool online) {
      if (!online) ++went_offline;
    };
    return std::make_unique<PrintJobsListener>(std::move(o));
  }
  Ticket hand_in() {
    const Ticket t = maker.issue("schulden");
    const auto r =
        http_request("POST", wq.url("/v1/tickets"), wq.ca_file(), wq.kiosk_token(), ticket_to_json(t).dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return t;
  }
  std::int64_t ask_reprint(const Ticket& t) {
    const auto r =
        http_request("POST", wq.url("/v1/tickets/" + t.id + "/reprint"), wq.ca_file(), staff, "{}");
    EXPECT_EQ(r.status, 202) << r.body;
    return r.status == 202 ? nlohmann::json::parse(r.body)["id"].get<std::int64_t>() : 0;
  }
  std::string job_status(std::int64_t id) {
    const auto r = http_request("GET", wq.url("/v1/print-jobs/" + std::to_string(id)), wq.ca_file(), staff);
    return r.status == 200 ? nlohmann::json::parse(r.body)["status"].get<std::string>()
                           : "HTTP " + std::to_string(r.status);
  }
};

TEST_F(PrintJobsListenerTest, AReprintArrivesWithTheWholeTicketAndItsReportReachesTheCounter) {
  const Ticket t = hand_in();
  auto l = listener();
  l->start();
  const auto job = ask_reprint(t);
  ASSERT_TRUE(wait_until([&] { return received.size() == 1; })) << "the reprint never reached the kiosk";
  {
    std::lock_guard lock(received.mu);
    EXPECT_EQ(received.jobs[0].first, job);
    const Ticket& got = received.jobs[0].second;
    EXPECT_EQ(got.id, t.id);
    EXPECT_EQ(got.code, t.code);
    EXPECT_EQ(got.public_token, t.public_token);
    EXPECT_EQ(got.created_at, t.created_at);
  }
  EXPECT_EQ(job_status(job), "printing");
  l->report(job + 1000, "printed");  // no such job: refused with 404, and dropped
  l->report(job, "printed");
  EXPECT_TRUE(wait_until([&] { return job_status(job) == "printed"; })) << job_status(job);
  EXPECT_EQ(received.size(), 1u) << "a job is handed to the kiosk once";
}

TEST_F(PrintJobsListenerTest, AfterTheServiceWasAwayTheListenerPicksUpReprintsAgain) {
  const Ticket t = hand_in();
  auto l = listener();
  l->start();
  wq.stop();
  ASSERT_TRUE(wait_until([&] { return went_offline > 0; })) << "no poll failed while the service was away";
  wq.start();
  ask_reprint(t);
  EXPECT_TRUE(wait_until([&] { return received.size() == 1; }, std::chrono::seconds(15)));
}

TEST_F(PrintJobsListenerTest, AReportMadeWhileTheServiceIsAwayIsDeliveredWhenItIsBack) {
  const Ticket t = hand_in();
  auto l = listener();
  l->start();
  const auto job = ask_reprint(t);
  ASSERT_TRUE(wait_until([&] { return received.size() == 1; }));
  wq.stop();
  std::thread::id poll_thread;
  {
    std::lock_guard lock(received.mu);
    poll_thread = received.poll_thread;
  }
  // The reporter has made no call yet: the first one it finishes is this report's, and it fails.
  ASSERT_EQ(calls.finished_on_other_than(poll_thread), 0);
  l->report(job, "paper_out");
  ASSERT_TRUE(wait_until([&] { return calls.finished_on_other_than(poll_thread) >= 1; }))
      << "the report was not tried while the service was away";
  wq.start();
  EXPECT_TRUE(wait_until([&] { return job_status(job) == "paper_out"; }, std::chrono::seconds(15)))
      << job_status(job);
}

}  // namespace
}  // namespace wk::net::testing
