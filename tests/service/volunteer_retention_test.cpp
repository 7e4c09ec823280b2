// Volunteers' registrations over time (issue 13): `wijkqueue purge` keeps each no longer than its
// location's retention and deletes nothing else; /metrics counts them per interest, never naming anyone;
// the key that seals them is the service's own, private file.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "service/admin.hpp"
#include "volunteer_test_helpers.hpp"

namespace wk::test {
namespace {

mode_t mode_of(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 0777;
}

class VolunteerRetentionTest : public ::testing::Test {
 protected:
  void SetUp() override { wq.clock().freeze_at(t0); }
  // A registration made `days_ago` days before t0 at `kiosk`, handed in then.
  void registered(int n, double days_ago, const std::string& kiosk,
                  const std::vector<std::string>& interests = {"boodschappen"}) {
    const UnixMs at = t0 - static_cast<UnixMs>(days_ago * kDayMs);
    wq.clock().freeze_at(at);
    const auto r =
        post_volunteer(wq, volunteer_body(n, "Wilhelmina", {{"phone", "0687654321"}}, at, interests), kiosk);
    ASSERT_EQ(r.status, 201) << r.body;
    wq.clock().freeze_at(t0);
  }
  // Marked handled by `staff` `days_ago` days before t0.
  void handled(int n, double days_ago, const std::string& staff) {
    wq.clock().freeze_at(t0 - static_cast<UnixMs>(days_ago * kDayMs));
    const auto r = http_request("POST", wq.url("/v1/volunteers/" + volunteer_id(n) + "/handled"),
                                wq.ca_file(), staff, "{}");
    ASSERT_EQ(r.status, 200) << r.body;
    wq.clock().freeze_at(t0);
  }
  std::string metrics() {
    const auto r = http_request("GET", wq.url("/metrics"), wq.ca_file(), wq.admin_token());
    EXPECT_EQ(r.status, 200) << r.body;
    return r.body;
  }

  const UnixMs t0 = an_ordinary_weekday();
  Wijkqueue wq{volunteer_service()};
};

TEST_F(VolunteerRetentionTest, PurgeDeletesExactlyThosePastTheirLocationsRetention) {
  // centrum keeps the defaults (90 days after handled, 180 when never handled); noord its own, shorter.
  add_volunteer_location(wq, "noord", "{ handled = 7, unhandled = 14 }");
  const std::string noord_kiosk = wq.add_device("kiosk", "noord");
  const std::string centrum_staff = staff_token(wq), noord_staff = staff_token_of(wq, "noord");
  const std::string kiosk = wq.kiosk_token();

  registered(1, 181, kiosk);  // never handled, past 180 days: purged
  registered(2, 170, kiosk);  // never handled, within 180: kept
  registered(3, 150, kiosk);
  handled(3, 91, centrum_staff);  // handled 91 days ago: purged
  registered(4, 150, kiosk);
  handled(4, 89, centrum_staff);    // handled 89 days ago: kept, though made long ago
  registered(5, 10, kiosk);         // recent: kept
  registered(11, 15, noord_kiosk);  // noord: never handled, past 14 days: purged
  registered(12, 10, noord_kiosk);  // within 14: kept
  registered(13, 12, noord_kiosk);
  handled(13, 8, noord_staff);  // handled 8 days ago, past 7: purged
  registered(14, 12, noord_kiosk);
  handled(14, 5, noord_staff);  // kept

  auto purged = service::purge_volunteers(wq.dir(), t0);
  ASSERT_TRUE(purged) << to_string(purged.error());
  EXPECT_EQ(purged.value(), 4);
  EXPECT_EQ(listed_ids(wq, centrum_staff), (std::vector<std::string>{volunteer_id(2), volunteer_id(5)}));
  EXPECT_EQ(listed_ids(wq, noord_staff), std::vector<std::string>{volunteer_id(12)});
  const std::string raw = raw_database_bytes(wq);
  for (int gone : {1, 3, 11, 13}) EXPECT_EQ(raw.find(volunteer_id(gone)), std::string::npos) << gone;
  for (int kept : {2, 4, 5, 12, 14}) EXPECT_NE(raw.find(volunteer_id(kept)), std::string::npos) << kept;

  // Nothing more is past its time at t0; a day later, registration 4 is (90 days after it was handled).
  EXPECT_EQ(service::purge_volunteers(wq.dir(), t0).value(), 0);
  EXPECT_EQ(service::purge_volunteers(wq.dir(), t0 + kDayMs + 1).value(), 1);
  EXPECT_EQ(raw_database_bytes(wq).find(volunteer_id(4)), std::string::npos);
}

TEST_F(VolunteerRetentionTest, MetricsCountRegistrationsHeldPerLocationAndInterestAndNameNobody) {
  const std::string kiosk = wq.kiosk_token();
  registered(1, 1, kiosk, {"boodschappen", "vervoer"});
  registered(2, 1, kiosk, {"boodschappen"});
  registered(3, 1, kiosk, {"taalmaatje"});
  std::string m = metrics();
  for (const std::string line : {
           "# TYPE wijkqueue_volunteer_registrations gauge",
           "wijkqueue_volunteer_registrations{location=\"centrum\",interest=\"boodschappen\"} 2",
           "wijkqueue_volunteer_registrations{location=\"centrum\",interest=\"taalmaatje\"} 1",
           "wijkqueue_volunteer_registrations{location=\"centrum\",interest=\"vervoer\"} 1",
       })
    EXPECT_NE(m.find(line + "\n"), std::string::npos) << "missing: " << line << "\n" << m;
  EXPECT_EQ(m.find("Wilhelmina"), std::string::npos);
  EXPECT_EQ(m.find("687654321"), std::string::npos);

  // Handled still counts (it is held); forgotten does not.
  const std::string staff = staff_token(wq);
  handled(2, 0, staff);
  ASSERT_EQ(http_request("DELETE", wq.url("/v1/volunteers/" + volunteer_id(1)), wq.ca_file(), staff).status,
            204);
  m = metrics();
  EXPECT_NE(m.find("wijkqueue_volunteer_registrations{location=\"centrum\",interest=\"boodschappen\"} 1\n"),
            std::string::npos)
      << m;
  EXPECT_EQ(m.find("interest=\"vervoer\""), std::string::npos) << m;
}

TEST_F(VolunteerRetentionTest, ServeMakesTheKeyForADirectoryFromBeforeVolunteersAndSaysSo) {
  const std::string key = service::volunteer_key_path(wq.dir());
  EXPECT_EQ(mode_of(key), 0600u) << "made by init";
  registered(1, 1, wq.kiosk_token());  // sealed under the key that is lost below
  wq.stop();
  std::filesystem::remove(key);
  wq.start();
  EXPECT_EQ(mode_of(key), 0600u);
  EXPECT_NE(wq.server_log().find("volunteer.key was not there"), std::string::npos) << wq.server_log();
  registered(2, 0, wq.kiosk_token());
  // The one sealed under the lost key cannot be opened: left out of the list, and IT reads its id (and
  // nothing else of it) in the log.
  const auto list = json_of(get_volunteers(wq, staff_token(wq)));
  ASSERT_EQ(list["volunteers"].size(), 1u) << list;
  EXPECT_EQ(list["volunteers"][0]["id"], volunteer_id(2));
  EXPECT_EQ(list["volunteers"][0]["first_name"], "Wilhelmina");
  EXPECT_NE(wq.server_log().find(volunteer_id(1) + " cannot be opened"), std::string::npos)
      << wq.server_log();
}

// The command line as the daily timer runs it: the wall clock, the number deleted on stdout and nothing
// else. The server's clock is an ordinary weekday a few days from the real date, so "200 days before it"
// is past 180 days by the wall clock too, and "20 days before it" is not.
TEST(VolunteerPurgeCli, PrintsHowManyItDeletedAndNothingElse) {
  Wijkqueue wq{volunteer_service()};
  const UnixMs now = wq.now();
  wq.clock().freeze_at(now);
  for (const auto& [n, days] : {std::pair{1, 200}, std::pair{2, 20}})
    ASSERT_EQ(
        post_volunteer(wq, volunteer_body(n, "Wilhelmina", {{"phone", "0687654321"}}, now - days * kDayMs),
                       wq.kiosk_token())
            .status,
        201);
  const auto r = wq.cli({"purge", "--dir", wq.dir()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "1\n");
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(listed_ids(wq, staff_token(wq)), std::vector<std::string>{volunteer_id(2)});

  const auto again = wq.cli({"purge", "--dir", wq.dir()});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, "0\n");

  TempDir empty;
  const auto missing = wq.cli({"purge", "--dir", empty.file("nothing")});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(missing.out, "");
  EXPECT_NE(missing.err.find("wijkqueue init"), std::string::npos) << missing.err;
  EXPECT_EQ(wq.cli({"purge", "--dir", wq.dir(), "--days", "3"}).exit_code, 2);
}

}  // namespace
}  // namespace wk::test
