// The resident's status page (GET /t/{token}) against a real wijkqueue: its HTTP contract checked here,
// and what a phone shows checked in headless Chromium by status_page.spec.mjs (playwright-core).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <string>

#include "browser/browser_support.hpp"
#include "service/queue_test_helpers.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "support/wait.hpp"
#include "support/wijkqueue.hpp"

namespace wk::test {
namespace {

const std::string kSpec = WIJKKIOSK_SOURCE_DIR "/tests/browser/status_page.spec.mjs";
class StatusPage : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists("/usr/bin/chromium"))
        << "Debian's chromium is missing; deploy/install-deps.sh installs it";
    // The service's day is an ordinary weekday, whatever day the test runs; time goes on from there.
    wq_.clock().run_from(an_ordinary_weekday());
  }
  // Posts ticket `n` with `code`, issued `ago_s` seconds before the service's now, and returns the
  // address of its status page.
  std::string issue(int n, const std::string& code, int ago_s) {
    const auto body = ticket_body(n, code, "schulden", to_rfc3339(wq_.now() - ago_s * 1000LL));
    const auto r =
        http_request("POST", wq_.url("/v1/tickets"), wq_.ca_file(), wq_.kiosk_token(), body.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return wq_.url("/t/" + body["public_token"].get<std::string>());
  }
  // Starts the spec in node; its stdout and stderr go to files in tmp_.
  Process start_spec(const std::vector<std::string>& args) {
    const std::string node = find_program("node");
    if (node.empty()) ADD_FAILURE() << "node is missing; deploy/install-deps.sh installs it";
    std::vector<std::string> argv{node, kSpec};
    argv.insert(argv.end(), args.begin(), args.end());
    return Process::start(argv, tmp_.file("spec.out"), tmp_.file("spec.err"), {{"PLAYWRIGHT_DIR", kNodeDir}});
  }
  std::string spec_output() const {
    return read_file(tmp_.file("spec.out")) + read_file(tmp_.file("spec.err"));
  }

  Wijkqueue wq_;
  TempDir tmp_{"status-page"};
};

TEST_F(StatusPage, AnUnknownTokenGetsAFriendlyPageWith404) {
  const auto r = http_request("GET", wq_.url("/t/noSuchTicketToken0000000000"), wq_.ca_file(), {}, {},
                              {"Accept-Language: en-GB,en;q=0.8"});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(r.body.find("We do not know this ticket"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("{\"error\""), std::string::npos) << "a person gets a page, not API JSON";

  const auto nl = http_request("GET", wq_.url("/t/noSuchTicketToken0000000000"), wq_.ca_file());
  EXPECT_EQ(nl.status, 404);
  EXPECT_NE(nl.body.find("Dit ticket kennen we niet"), std::string::npos)
      << "Dutch when the browser says nothing";
}

TEST_F(StatusPage, IsSmallSelfContainedAndStrict) {
  const std::string url = issue(1, "S-001", 60);
  const auto r = http_request("GET", url, wq_.ca_file());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(r.header("cache-control"), "no-store");
  EXPECT_EQ(r.header("referrer-policy"), "no-referrer");
  const std::string csp = r.header("content-security-policy");
  EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("connect-src 'self'"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
  std::smatch nonce;
  ASSERT_TRUE(std::regex_search(csp, nonce, std::regex("script-src 'nonce-([A-Za-z0-9_-]+)'"))) << csp;
  EXPECT_NE(r.body.find("<script nonce=\"" + nonce[1].str() + "\">"), std::string::npos);

  EXPECT_LT(r.body.size(), 20U * 1024) << "the page must stay under 20 KB";
  EXPECT_NE(r.body.find("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"),
            std::string::npos);
  EXPECT_NE(r.body.find("<noscript><meta http-equiv=\"refresh\" content=\"30\"></noscript>"),
            std::string::npos);
  EXPECT_NE(r.body.find("<html lang=\"nl\" dir=\"ltr\">"), std::string::npos);
  EXPECT_NE(r.body.find("S-001"), std::string::npos);
  EXPECT_NE(r.body.find("U bent nummer <b id=\"pos\">1</b> in de rij"), std::string::npos) << r.body;
  // The topic by its name in the page's language, never its id; one minute is "1 minuut".
  EXPECT_NE(r.body.find("<p id=\"topic\">Geldzorgen en schulden</p>"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find(">Wachttijd: ongeveer <b id=\"min\">6</b> minuten</p>"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("<h1"), std::string::npos);
  EXPECT_NE(r.body.find("aria-live=\"polite\""), std::string::npos);
  // Nothing from elsewhere: every src and href is relative (no scheme, no //host).
  const std::regex external(R"re((src|href)\s*=\s*["']?\s*([a-z][a-z0-9+.-]*:|//))re", std::regex::icase);
  EXPECT_FALSE(std::regex_search(r.body, external)) << r.body;
  EXPECT_EQ(r.body.find("innerHTML"), std::string::npos) << "the script must set text, never markup";
}

TEST_F(StatusPage, ShowsTheCodeAndPositionOnAPhone) {
  ensure_node_modules();
  if (HasFatalFailure()) return;
  issue(1, "S-001", 120);
  const std::string url = issue(2, "S-002", 60);
  auto spec = start_spec(
      {url, wq_.ca_file(), screenshot_path(tmp_, "status-page.png"), "--code", "S-002", "--position", "2"});
  const auto code = spec.wait_for(std::chrono::seconds(90));
  ASSERT_TRUE(code.has_value()) << "the browser spec did not finish in 90 s:\n" << spec_output();
  EXPECT_EQ(*code, 0) << spec_output();
}

// Calling needs the staff half of the service (POST /v1/login, /v1/desks/{desk}/next), built alongside
// this page: while a service without it answers 404, the test skips with that reason instead of failing.
TEST_F(StatusPage, ChangesToTheDeskWhenCalledWithoutAReload) {
  const auto login = http_request(
      "POST", wq_.url("/v1/login"), wq_.ca_file(), {},
      nlohmann::json{
          {"location", wq_.location()}, {"user", wq_.staff_user()}, {"password", wq_.staff_password()}}
          .dump());
  if (login.status == 404) GTEST_SKIP() << "this wijkqueue has no POST /v1/login yet, so nothing can call";
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string staff = nlohmann::json::parse(login.body).at("token").get<std::string>();

  ensure_node_modules();
  if (HasFatalFailure()) return;
  // Issued a minute ago: staff call from today's queue only.
  const std::string url = issue(1, "S-001", 60);
  const std::string ready = tmp_.file("ready");
  auto spec =
      start_spec({url, wq_.ca_file(), screenshot_path(tmp_, "status-page-called.png"), "--code", "S-001",
                  "--position", "1", "--desk", "2", "--ready", ready, "--turn", "U bent aan de beurt!"});
  ASSERT_TRUE(
      wait_until([&] { return std::filesystem::exists(ready) || !spec.running(); }, std::chrono::seconds(60)))
      << "the page did not load in the browser:\n"
      << spec_output();
  ASSERT_TRUE(std::filesystem::exists(ready)) << spec_output();

  const auto called =
      http_request("POST", wq_.url("/v1/desks/2/next"), wq_.ca_file(), staff, R"({"topics": ["schulden"]})");
  ASSERT_EQ(called.status, 200) << called.body;
  const auto code = spec.wait_for(std::chrono::seconds(60));
  ASSERT_TRUE(code.has_value()) << "the browser spec did not finish:\n" << spec_output();
  EXPECT_EQ(*code, 0) << spec_output();
}

}  // namespace
}  // namespace wk::test
