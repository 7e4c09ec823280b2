// Who may see a location's report: its own staff and the admin, no one else, for every form it comes in.
// One table, every endpoint × every kind of caller, so a new report endpoint without its row is seen.
#include <gtest/gtest.h>

#include "queue_test_helpers.hpp"

namespace wk::test {
namespace {

TEST(ReportAccess, ALocationsReportIsForItsStaffAndTheAdminOnly) {
  Wijkqueue wq;
  wq.clock().freeze_at(an_ordinary_weekday());
  const std::string expired = staff_token(wq);
  wq.clock().freeze_at(wq.now() + 12LL * 3600 * 1000 + 1000);  // that session is over now
  wq.add_location("noord");
  wq.add_staff("noord", "balie-noord", "ander-geheim-wachtwoord");
  const auto other = login(wq, "noord", "balie-noord", "ander-geheim-wachtwoord");
  ASSERT_EQ(other.status, 200) << other.body;

  const std::map<std::string, std::string> callers = {
      {"nobody", ""},
      {"a bad token", "notAToken0000000000000000000000000000000000"},
      {"an expired session", expired},
      {"a kiosk", wq.kiosk_token()},
      {"a display", wq.display_token()},
      {"staff of the location", staff_token(wq)},
      {"staff of another location", json_of(other)["token"]},
      {"the admin", wq.admin_token()},
  };
  const std::map<std::string, int> report = {
      {"nobody", 401},
      {"a bad token", 401},
      {"an expired session", 401},
      {"a kiosk", 403},
      {"a display", 403},
      {"staff of the location", 200},
      {"staff of another location", 403},
      {"the admin", 200},
  };
  const std::string here = "/v1/reports/" + wq.location();
  const std::vector<std::pair<std::string, std::map<std::string, int>>> table = {
      {here, report},
      {here + ".csv", report},
      {here + ".html", report},
      {here + "?period=month", report},
      {"/v1/reports/nowhere",
       {{"nobody", 401},
        {"a bad token", 401},
        {"an expired session", 401},
        {"a kiosk", 403},
        {"a display", 403},
        {"staff of the location", 403},
        {"staff of another location", 403},
        {"the admin", 404}}},
      {"/v1/signals",
       {{"nobody", 401},
        {"a bad token", 401},
        {"an expired session", 401},
        {"a kiosk", 403},
        {"a display", 403},
        {"staff of the location", 200},
        {"staff of another location", 200},  // their own signals only (none here)
        {"the admin", 200}}},
  };
  for (const auto& [path, expected] : table) {
    ASSERT_EQ(expected.size(), callers.size()) << path << ": a caller without a row";
    for (const auto& [who, token] : callers) {
      const auto r = http_request("GET", wq.url(path), wq.ca_file(), token);
      EXPECT_EQ(r.status, expected.at(who)) << "GET " << path << " by " << who << ": " << r.body;
    }
  }
}

}  // namespace
}  // namespace wk::test
