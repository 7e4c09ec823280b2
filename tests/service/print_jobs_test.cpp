// Reprints through the real wijkqueue: staff ask, the issuing kiosk claims (by long-poll) and reports, the
// counter follows the job; other kiosks, other locations and wrong roles get nothing.
#include <gtest/gtest.h>

#include <chrono>
#include <future>

#include "queue_test_helpers.hpp"
#include "support/wait.hpp"

namespace wk::test {
namespace {

class PrintJobsTest : public ::testing::Test {
 protected:
  Wijkqueue wq;
  std::string staff = staff_token(wq);
  nlohmann::json ticket = ticket_now(wq, 1, "S-001");

  void SetUp() override { ASSERT_EQ(post_ticket(wq, ticket).status, 201); }

  HttpResponse reprint(const std::string& ticket_id, const std::string& token) {
    return staff_post(wq, token, "/v1/tickets/" + ticket_id + "/reprint");
  }
  HttpResponse poll(const std::string& kiosk_token, int wait_s = 0) {
    return http_request("GET", wq.url("/v1/print-jobs?wait=" + std::to_string(wait_s)), wq.ca_file(),
                        kiosk_token);
  }
  HttpResponse done(const std::string& kiosk_token, std::int64_t job, const std::string& outcome) {
    return http_request("POST", wq.url("/v1/print-jobs/" + std::to_string(job) + "/done"), wq.ca_file(),
                        kiosk_token, nlohmann::json{{"outcome", outcome}}.dump());
  }
  nlohmann::json job(std::int64_t id) {
    const auto r = http_request("GET", wq.url("/v1/print-jobs/" + std::to_string(id)), wq.ca_file(), staff);
    EXPECT_EQ(r.status, 200) << r.body;
    return json_of(r);
  }
};

TEST_F(PrintJobsTest, TheIssuingKioskPrintsItAndTheCounterSeesTheOutcome) {
  const std::string id = ticket["id"];
  const auto asked = reprint(id, staff);
  ASSERT_EQ(asked.status, 202) << asked.body;
  const auto j = json_of(asked);
  EXPECT_EQ(j["status"], "pending");
  EXPECT_EQ(j["ticket_id"], id);
  EXPECT_EQ(j["code"], "S-001");
  const std::int64_t job_id = j["id"];

  // Another kiosk of the same location did not issue this ticket: nothing for it.
  const std::string other_kiosk = wq.add_device("kiosk", wq.location());
  const auto other = poll(other_kiosk);
  ASSERT_EQ(other.status, 200) << other.body;
  EXPECT_TRUE(json_of(other)["jobs"].empty()) << other.body;

  const auto got = poll(wq.kiosk_token());
  ASSERT_EQ(got.status, 200) << got.body;
  const auto jobs = json_of(got)["jobs"];
  ASSERT_EQ(jobs.size(), 1u) << got.body;
  EXPECT_EQ(jobs[0]["id"], job_id);
  // The whole ticket as the kiosk sent it: the public token is what the printed QR code needs.
  EXPECT_EQ(jobs[0]["ticket"]["public_token"], ticket["public_token"]);
  EXPECT_EQ(jobs[0]["ticket"]["code"], "S-001");
  EXPECT_EQ(jobs[0]["ticket"]["language"], "nl");
  EXPECT_EQ(job(job_id)["status"], "printing");

  // Claimed: a second poll does not hand it out again while the kiosk prints.
  EXPECT_TRUE(json_of(poll(wq.kiosk_token()))["jobs"].empty());
  // Only the kiosk that claimed it may report.
  EXPECT_EQ(done(other_kiosk, job_id, "printed").status, 404);
  EXPECT_EQ(done(wq.kiosk_token(), job_id, "on fire").status, 422);
  ASSERT_EQ(done(wq.kiosk_token(), job_id, "paper_out").status, 204);
  EXPECT_EQ(job(job_id)["status"], "paper_out");
  // A retried report changes nothing: the first outcome stands.
  EXPECT_EQ(done(wq.kiosk_token(), job_id, "printed").status, 204);
  EXPECT_EQ(job(job_id)["status"], "paper_out");
  EXPECT_TRUE(json_of(poll(wq.kiosk_token()))["jobs"].empty());
}

TEST_F(PrintJobsTest, AWaitingKioskWakesOnTheRequestInsteadOfSittingOutItsWait) {
  auto waiting = std::async(std::launch::async, [&] {
    const auto start = std::chrono::steady_clock::now();
    const auto r = poll(wq.kiosk_token(), 25);
    return std::make_pair(r, std::chrono::steady_clock::now() - start);
  });
  // The poll is waiting at the service (a request made before it looks would be found by its first look).
  ASSERT_TRUE(wait_until([&] { return long_polls_waiting(wq) == 1; }));
  const auto asked = reprint(ticket["id"], staff);
  ASSERT_EQ(asked.status, 202) << asked.body;
  const auto [r, took] = waiting.get();
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(json_of(r)["jobs"].size(), 1u) << r.body;
  EXPECT_LT(took, std::chrono::seconds(5)) << "the long-poll sat out its wait";
}

TEST_F(PrintJobsTest, OnlyStaffOfTheTicketsLocationMayAskAndOnlyKiosksPoll) {
  const std::string id = ticket["id"];
  EXPECT_EQ(reprint(id, wq.kiosk_token()).status, 403);
  EXPECT_EQ(reprint(id, wq.display_token()).status, 403);
  EXPECT_EQ(reprint(id, "").status, 401);
  EXPECT_EQ(poll(staff).status, 403);
  EXPECT_EQ(poll(wq.display_token()).status, 403);
  EXPECT_EQ(reprint("00000000-0000-4000-8000-999999999999", staff).status, 404);

  wq.add_location("noord");
  wq.add_staff("noord", "noordbalie", "ander-wachtwoord");
  const auto r = login(wq, "noord", "noordbalie", "ander-wachtwoord");
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string noord_staff = json_of(r)["token"];
  EXPECT_EQ(reprint(id, noord_staff).status, 404) << "another location's ticket is not found";
  const auto asked = reprint(id, staff);
  ASSERT_EQ(asked.status, 202);
  const std::int64_t job_id = json_of(asked)["id"];
  EXPECT_EQ(http_request("GET", wq.url("/v1/print-jobs/" + std::to_string(job_id)), wq.ca_file(), noord_staff)
                .status,
            404);
  const std::string noord_kiosk = wq.add_device("kiosk", "noord");
  EXPECT_TRUE(json_of(poll(noord_kiosk))["jobs"].empty());
}

}  // namespace
}  // namespace wk::test
