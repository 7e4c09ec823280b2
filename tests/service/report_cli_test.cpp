// `wijkqueue report` and `wijkqueue report signals` on a service's directory, as IT runs them for a
// wijkplatform meeting: the files, the early signal of a planted rise, and clear errors.
#include <gtest/gtest.h>

#include "queue_test_helpers.hpp"
#include "support/temp_dir.hpp"

namespace wk::test {
namespace {

constexpr UnixMs kDay = 86'400'000;

class ReportCli : public ::testing::Test {
 protected:
  void SetUp() override {
    wq.clock().freeze_at(an_ordinary_weekday());  // a Tuesday
    today = amsterdam_day(wq.now());
    // Eight quiet weeks of money worries (3 a week, on Mondays), then 14 in the last week: a rise.
    int n = 1;
    for (int week = 8; week >= 0; --week) {
      const UnixMs monday = wq.now() - (week * 7 + 1) * kDay;
      for (int i = 0; i < (week == 0 ? 14 : 3); ++i) {
        char code[16];
        std::snprintf(code, sizeof code, "S-%03d", i + 1);
        ASSERT_EQ(post_ticket(wq, ticket_body(n++, code, "schulden", to_rfc3339(monday + i * 60'000))).status,
                  201);
      }
      ASSERT_EQ(post_ticket(wq, ticket_body(n++, "W-001", "werk", to_rfc3339(monday))).status, 201);
    }
  }
  RunResult report(std::vector<std::string> args) {
    args.insert(args.begin(), {"report", "--dir", wq.dir()});
    return wq.cli(args);
  }

  Wijkqueue wq;
  std::string today;
};

TEST_F(ReportCli, WritesTheReportAsCsvHtmlOrJson) {
  const auto csv = report({"--location", wq.location(), "--from", today, "--to", today, "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_TRUE(csv.out.starts_with("section,")) << csv.out.substr(0, 200);
  EXPECT_NE(csv.out.find("\ntopics,schulden,"), std::string::npos) << csv.out;

  TempDir tmp("report-cli");
  const auto html = report({"--location", wq.location(), "--period", "month", "--out", tmp.file("r.html")});
  ASSERT_EQ(html.exit_code, 0) << html.err;
  EXPECT_TRUE(html.out.empty()) << "with --out, nothing on stdout";
  const std::string page = read_file(tmp.file("r.html"));
  EXPECT_TRUE(page.starts_with("<!DOCTYPE html>")) << page.substr(0, 100);
  EXPECT_NE(page.find("<svg"), std::string::npos);

  // The command line's "today" is the machine's: a test names its day.
  const auto json =
      report({"--location", wq.location(), "--period", "week", "--day", today, "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["tickets"], 15) << "this week's 14 money worries and 1 work, counted";
  EXPECT_EQ(j["from"], amsterdam_day(wq.now() - kDay)) << "the week starts on Monday";
}

TEST_F(ReportCli, SignalsNameThePlantedRiseAndNothingElse) {
  const auto r = wq.cli({"report", "signals", "--dir", wq.dir(), "--day", today});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Geldzorgen en schulden in Wijkcentrum De Ringvaart: 14 deze week, gewoonlijk 3 ± 0\n")
      << r.out;
  // A week ending before the rise: nothing stands out.
  const auto before =
      wq.cli({"report", "signals", "--dir", wq.dir(), "--day", amsterdam_day(wq.now() - 7 * kDay)});
  ASSERT_EQ(before.exit_code, 0) << before.err;
  EXPECT_EQ(before.out.find("Geldzorgen"), std::string::npos) << before.out;
}

TEST_F(ReportCli, BadArgumentsGetAClearSentence) {
  const auto backwards = report({"--location", wq.location(), "--from", today, "--to", "2000-01-01"});
  EXPECT_EQ(backwards.exit_code, 1);
  EXPECT_NE(backwards.err.find("must not lie before"), std::string::npos) << backwards.err;
  const auto nowhere = report({"--location", "nergens"});
  EXPECT_EQ(nowhere.exit_code, 1);
  EXPECT_NE(nowhere.err.find("no location 'nergens'"), std::string::npos) << nowhere.err;
  EXPECT_EQ(report({"--location", wq.location(), "--format", "pdf"}).exit_code, 1);
  EXPECT_EQ(report({}).exit_code, 2) << "no --location";
  EXPECT_EQ(wq.cli({"report", "signals", "--dir", wq.dir(), "--day", "30-11-2026"}).exit_code, 1);
}

}  // namespace
}  // namespace wk::test
