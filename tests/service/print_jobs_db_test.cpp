// The reprint jobs' rules on a real SQLite file, with the clock handed in: which kiosk gets a job, the
// claim's lease, expiry, and an outcome that stands.
#include <gtest/gtest.h>

#include "fresh_service_db.hpp"
#include "store/service_db.hpp"
#include "support/temp_dir.hpp"

namespace wk::test {
namespace {

using store::OpenMode;
using store::ServiceDb;

constexpr UnixMs kT0 = 1'795'000'000'000;  // 2026-11-18, a plain millisecond time
constexpr UnixMs kLease = 30'000;

class PrintJobsDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = fresh_service_db(dir);
    ASSERT_TRUE(opened.ok()) << to_string(opened.error());
    db = std::move(opened.value());
    ASSERT_TRUE(db->add_location("centrum", "Wijkcentrum", "Europe/Amsterdam", 1).ok());
    ASSERT_TRUE(db->add_location("noord", "Noord", "Europe/Amsterdam", 1).ok());
  }
  void add_ticket(const std::string& id, const std::string& code, const std::string& kiosk,
                  const std::string& location = "centrum") {
    Ticket t;
    t.id = id;
    t.code = code;
    t.topic = "schulden";
    t.language = "tr";
    t.created_at = kT0;
    t.public_token = "token-" + id;
    t.local_day = "2026-11-18";
    t.number = 1;
    auto r = db->insert_ticket(t, location, "hash-" + id, kT0, kiosk);
    ASSERT_TRUE(r.ok()) << to_string(r.error());
  }
  std::int64_t ask(const std::string& ticket_id, UnixMs now, UnixMs lifetime = 120'000) {
    auto job = db->add_print_job("centrum", ticket_id, now, now + lifetime);
    EXPECT_TRUE(job.ok() && job.value()) << (job.ok() ? "no such ticket" : to_string(job.error()));
    return job.ok() && job.value() ? job.value()->id : 0;
  }
  std::vector<store::PrintJobTicket> claim(const std::string& kiosk, UnixMs now) {
    auto jobs = db->claim_print_jobs("centrum", kiosk, now, kLease, 10);
    EXPECT_TRUE(jobs.ok()) << to_string(jobs.error());
    return jobs.ok() ? jobs.value() : std::vector<store::PrintJobTicket>{};
  }
  std::string status(std::int64_t id, UnixMs now) {
    auto job = db->print_job("centrum", id, now);
    EXPECT_TRUE(job.ok() && job.value());
    return job.ok() && job.value() ? job.value()->status : "";
  }
  TempDir dir;
  std::unique_ptr<ServiceDb> db;
};

TEST_F(PrintJobsDbTest, AJobGoesToTheKioskThatIssuedTheTicketWithTheWholeTicket) {
  add_ticket("t1", "S-001", "kiosk-a");
  const auto id = ask("t1", kT0);
  EXPECT_EQ(status(id, kT0), "pending");
  EXPECT_TRUE(claim("kiosk-b", kT0 + 1).empty());
  const auto jobs = claim("kiosk-a", kT0 + 2);
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(jobs[0].job_id, id);
  EXPECT_EQ(jobs[0].ticket.code, "S-001");
  EXPECT_EQ(jobs[0].ticket.language, "tr");
  EXPECT_EQ(jobs[0].ticket.public_token, "token-t1");
  EXPECT_EQ(jobs[0].ticket.created_at, kT0);
  EXPECT_EQ(status(id, kT0 + 3), "printing");
}

TEST_F(PrintJobsDbTest, AClaimNotReportedWithinItsLeaseIsHandedOutAgain) {
  add_ticket("t1", "S-001", "kiosk-a");
  const auto id = ask("t1", kT0);
  ASSERT_EQ(claim("kiosk-a", kT0).size(), 1u);
  EXPECT_TRUE(claim("kiosk-a", kT0 + kLease - 1).empty()) << "still printing";
  ASSERT_EQ(claim("kiosk-a", kT0 + kLease).size(), 1u) << "the kiosk restarted while printing";
  auto reported = db->finish_print_job("centrum", "kiosk-a", id, "printed", kT0 + kLease + 5);
  ASSERT_TRUE(reported.ok() && reported.value());
  EXPECT_TRUE(claim("kiosk-a", kT0 + 3 * kLease).empty()) << "done: never printed again";
  EXPECT_EQ(status(id, kT0 + 3 * kLease), "printed");
}

TEST_F(PrintJobsDbTest, AJobNobodyClaimsInTimeExpiresAndIsNeverPrintedLater) {
  add_ticket("t1", "S-001", "kiosk-a");
  const auto id = ask("t1", kT0, 120'000);
  EXPECT_TRUE(claim("kiosk-a", kT0 + 120'000).empty());
  EXPECT_EQ(status(id, kT0 + 120'000), "expired");
}

TEST_F(PrintJobsDbTest, AnOutcomeReportedAfterTheExpiryStandsAndTheFirstOutcomeWins) {
  add_ticket("t1", "S-001", "kiosk-a");
  const auto id = ask("t1", kT0, 10'000);
  ASSERT_EQ(claim("kiosk-a", kT0 + 1).size(), 1u);
  ASSERT_TRUE(db->finish_print_job("centrum", "kiosk-a", id, "paper_out", kT0 + 20'000).value());
  EXPECT_EQ(status(id, kT0 + 20'000), "paper_out");
  ASSERT_TRUE(db->finish_print_job("centrum", "kiosk-a", id, "printed", kT0 + 21'000).value());
  EXPECT_EQ(status(id, kT0 + 21'000), "paper_out");
  EXPECT_FALSE(db->finish_print_job("centrum", "kiosk-b", id, "printed", kT0 + 21'000).value());
  EXPECT_FALSE(db->finish_print_job("noord", "kiosk-a", id, "printed", kT0 + 21'000).value());
}

TEST_F(PrintJobsDbTest, ATicketWithoutAKnownKioskGoesToWhicheverKioskOfItsLocationLooksFirst) {
  add_ticket("t1", "S-001", "");  // sent before schema 3, or by a client that is not a device
  add_ticket("n1", "S-001", "", "noord");
  const auto id = ask("t1", kT0);
  EXPECT_FALSE(db->add_print_job("centrum", "n1", kT0, kT0 + 1000).value()) << "another location's ticket";
  auto noord = db->claim_print_jobs("noord", "kiosk-n", kT0 + 1, kLease, 10);
  ASSERT_TRUE(noord.ok());
  EXPECT_TRUE(noord->empty());
  const auto b = claim("kiosk-b", kT0 + 2);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].job_id, id);
  EXPECT_TRUE(claim("kiosk-a", kT0 + 3).empty()) << "one kiosk prints it, not every kiosk";
  auto latest = db->latest_print_job_id("centrum");
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(latest.value(), id);
}

}  // namespace
}  // namespace wk::test
