// The report's printable page against a real wijkqueue holding nine weeks of walk-in mornings (made
// through the API: walk_in_history.hpp): opened in headless Chromium by the web counter's cookie, with its
// charts, its early signal first, no script and no single visit in it, and printed to A4 by
// report_page.spec.mjs.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <string>

#include "browser/browser_support.hpp"
#include "browser/walk_in_history.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace wk::test {
namespace {

const std::string kSpec = WIJKKIOSK_SOURCE_DIR "/tests/browser/report_page.spec.mjs";

// The number of pages of a PDF, and whether they are A4 (595 × 842 points).
int a4_pages(const std::string& pdf) {
  int pages = 0;
  for (std::size_t at = 0; (at = pdf.find("/Type /Page", at)) != std::string::npos; ++at)
    if (pdf.compare(at, 12, "/Type /Pages") != 0) ++pages;
  return std::regex_search(pdf, std::regex(R"(/MediaBox \[0 0 595(\.\d+)? 84[12](\.\d+)?\])")) ? pages : -1;
}

TEST(ReportPage, NineWeeksOfMorningsPrintOnA4WithTheSignalFirstAndNoVisitInIt) {
  ASSERT_TRUE(std::filesystem::exists("/usr/bin/chromium")) << "deploy/install-deps.sh installs chromium";
  ensure_node_modules();
  Wijkqueue wq{walk_in_service()};
  const auto figures = walk_in_history(wq, staff_token(wq));
  ASSERT_GT(figures.tickets, 250);
  const auto login = cookie_login(wq);
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string cookie = cookie_of(login);
  // The whole nine weeks, as a team lead would take them to a meeting; the signal is of the last week.
  const std::string url =
      wq.url("/v1/reports/" + wq.location() + ".html?from=" + amsterdam_day(wq.now() - 63LL * 86'400'000) +
             "&to=" + amsterdam_day(wq.now()));

  // What the page holds, read as the service sends it: no ticket code, token, name or contact.
  const auto page = http_request("GET", url, wq.ca_file(), {}, {}, {"Cookie: " + cookie});
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_FALSE(std::regex_search(page.body, std::regex(R"([SWOZF]-\d{3})"))) << "a ticket code in the report";
  for (const char* secret : {"publicTokenForTest", "Wilhelmina", "0612345678", "00000000-0000-4000"})
    EXPECT_EQ(page.body.find(secret), std::string::npos) << secret;
  const auto signal_at = page.body.find("Geldzorgen en schulden in ");
  ASSERT_NE(signal_at, std::string::npos) << "the planted rise is not on the page";
  EXPECT_LT(signal_at, page.body.find("<svg")) << "the early signal comes before the charts";

  TempDir tmp("report-page");
  const std::string pdf = tmp.file("report.pdf");
  const std::string node = find_program("node");
  ASSERT_FALSE(node.empty()) << "node is missing; deploy/install-deps.sh installs it";
  const auto r = run_command({node, kSpec, url, wq.ca_file(), cookie, screenshot_path(tmp, "report.png"), pdf,
                              "--expect", "Geldzorgen en schulden", "--expect", "< 5", "--forbid", "<script"},
                             {{"PLAYWRIGHT_DIR", kNodeDir}}, std::chrono::minutes(2));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  const int pages = a4_pages(read_file(pdf));
  EXPECT_GE(pages, 1) << "the printed report is not A4";
  EXPECT_LE(pages, 6) << "a report for a meeting should stay short";
  std::printf("report page: %d tickets, %d volunteers, printed on %d A4 pages\n", figures.tickets,
              figures.volunteers, pages);
}

}  // namespace
}  // namespace wk::test
