// The web counter (/staff/, issue 16) against a real wijkqueue over real TLS: its files and their CSP
// checked here, and what staff do with it checked in headless Chromium by web_counter.spec.mjs
// (playwright-core). The spec and this test meet through marker files in the test's temp dir: the spec
// says when the page is ready, this test then issues tickets or takes the service away and brings it back.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "browser/browser_support.hpp"
#include "service/queue_test_helpers.hpp"
#include "service/volunteer_test_helpers.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "support/wait.hpp"
#include "support/wijkqueue.hpp"

namespace wk::test {
namespace {

const std::string kSpec = WIJKKIOSK_SOURCE_DIR "/tests/browser/web_counter.spec.mjs";
const std::string kWebDir = WIJKKIOSK_SOURCE_DIR "/kiosk/service/web/staff";
const std::string kStrictCsp =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "frame-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
constexpr auto kSpecTimeout = std::chrono::seconds(150);

class WebCounter : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists("/usr/bin/chromium"))
        << "Debian's chromium is missing; deploy/install-deps.sh installs it";
    wq_.clock().run_from(an_ordinary_weekday());
  }

  // Whether this wijkqueue serves the counter: while it does not (the server half is built alongside),
  // a test skips with that reason instead of failing.
  bool served() { return http_request("GET", wq_.url("/staff/"), wq_.ca_file()).status != 404; }

  // Ticket `n` with `code` for `topic`, issued `ago_s` seconds before the service's now; its id.
  std::string issue(int n, const std::string& code, const std::string& topic, int ago_s) {
    const auto body = ticket_now(wq_, n, code, topic, ago_s);
    const auto r = post_ticket(wq_, body);
    EXPECT_EQ(r.status, 201) << r.body;
    return body["id"].get<std::string>();
  }

  Process start_spec(const std::string& which, nlohmann::json args) {
    const std::string node = find_program("node");
    if (node.empty()) ADD_FAILURE() << "node is missing; deploy/install-deps.sh installs it";
    args["base"] = wq_.base_url();
    args["ca"] = wq_.ca_file();
    args["dir"] = tmp_.path();
    args["location"] = wq_.location();
    args["user"] = wq_.staff_user();
    args["password"] = wq_.staff_password();
    write_file(tmp_.file("args.json"), args.dump());
    return Process::start({node, kSpec, which, tmp_.file("args.json")}, tmp_.file("spec.out"),
                          tmp_.file("spec.err"),
                          {{"PLAYWRIGHT_DIR", kNodeDir}, {"NODE_EXTRA_CA_CERTS", wq_.ca_file()}});
  }
  std::string spec_output() const {
    return read_file(tmp_.file("spec.out")) + read_file(tmp_.file("spec.err"));
  }
  bool marker(const std::string& name) const { return std::filesystem::exists(tmp_.file(name)); }
  // Waits for the spec's marker (or its end); fails the test without it.
  ::testing::AssertionResult wait_for_marker(Process& spec, const std::string& name) {
    wait_until([&] { return marker(name) || !spec.running(); }, std::chrono::seconds(90));
    if (marker(name)) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "the spec did not reach \"" << name << "\":\n" << spec_output();
  }
  void finish(Process& spec) {
    const auto code = spec.wait_for(kSpecTimeout);
    ASSERT_TRUE(code.has_value()) << "the browser spec did not finish:\n" << spec_output();
    EXPECT_EQ(*code, 0) << spec_output();
    // The session's cookie never reaches the server's log (nor does any token in a URL, which the spec
    // checked in the browser).
    for (const char* secret : {"cookie", "csrf"}) {
      ASSERT_TRUE(marker(secret)) << "the spec did not hand over the session's " << secret << ":\n"
                                  << spec_output();
      const std::string value = read_file(tmp_.file(secret));
      ASSERT_GE(value.size(), 16U) << secret;
      EXPECT_EQ(wq_.server_log().find(value), std::string::npos)
          << "the server's log holds the session's " << secret;
    }
  }

  Wijkqueue wq_{volunteer_service()};
  TempDir tmp_{"web-counter"};
};

TEST_F(WebCounter, ServesItsFilesUnderTheStrictCsp) {
  if (!served()) GTEST_SKIP() << "this wijkqueue does not serve /staff/ yet";
  for (const char* path : {"/staff/", "/staff/index.html"}) {
    const auto r = http_request("GET", wq_.url(path), wq_.ca_file());
    ASSERT_EQ(r.status, 200) << path << ": " << r.body;
    EXPECT_EQ(r.header("content-security-policy"), kStrictCsp) << path;
    EXPECT_EQ(r.header("content-type").rfind("text/html", 0), 0U) << path << ": " << r.header("content-type");
    EXPECT_NE(r.body.find("<html lang=\"nl\""), std::string::npos) << path;
  }
  // The page's modules, each served as it is in the source tree.
  for (const auto& entry : std::filesystem::directory_iterator(kWebDir)) {
    if (entry.path().extension() != ".js") continue;
    const std::string name = entry.path().filename().string();
    const auto js = http_request("GET", wq_.url("/staff/" + name), wq_.ca_file());
    ASSERT_EQ(js.status, 200) << name;
    EXPECT_NE(js.header("content-type").find("javascript"), std::string::npos) << js.header("content-type");
    EXPECT_EQ(js.body, read_file(entry.path().string())) << name << ": the service serves the file as it is";
  }
  const auto css = http_request("GET", wq_.url("/staff/counter.css"), wq_.ca_file());
  ASSERT_EQ(css.status, 200);
  EXPECT_NE(css.header("content-type").find("text/css"), std::string::npos) << css.header("content-type");
  EXPECT_EQ(http_request("GET", wq_.url("/staff/no-such-file.js"), wq_.ca_file()).status, 404);
}

// What the strict CSP would refuse, looked for in the files themselves: no inline script, no inline
// handler, no style attribute, nothing from elsewhere, no eval, no markup from data.
TEST_F(WebCounter, ItsFilesNeedNothingTheCspRefuses) {
  for (const auto& entry : std::filesystem::directory_iterator(kWebDir)) {
    const std::string name = entry.path().filename().string();
    const std::string text = read_file(entry.path().string());
    EXPECT_EQ(text.find("style="), std::string::npos) << name;
    EXPECT_FALSE(
        std::regex_search(text, std::regex(R"((src|href)\s*=\s*["']?(https?:)?//)", std::regex::icase)))
        << name << ": something from elsewhere";
    EXPECT_EQ(text.find("innerHTML"), std::string::npos) << name;
    EXPECT_EQ(text.find("eval("), std::string::npos) << name;
    EXPECT_EQ(text.find("new Function"), std::string::npos) << name;
    EXPECT_EQ(text.find("setAttribute('style'"), std::string::npos) << name;
    EXPECT_EQ(text.find("console.log"), std::string::npos)
        << name << ": nothing of a volunteer goes to a log";
    if (entry.path().extension() == ".html") {
      EXPECT_FALSE(std::regex_search(text, std::regex(R"(\son[a-z]+\s*=)"))) << name << ": an inline handler";
      EXPECT_FALSE(std::regex_search(text, std::regex(R"(<script(?![^>]*\ssrc=)[^>]*>)")))
          << name << ": inline script";
      EXPECT_EQ(text.find("<style"), std::string::npos) << name;
    }
  }
}

// Log in, call next by F1 and by the button, recall, transfer, served, call by code, no-show, reprint;
// volunteers; reports; logout. The page and the service agree all along.
TEST_F(WebCounter, CallsRecallsTransfersAndServes) {
  if (!served()) GTEST_SKIP() << "this wijkqueue does not serve /staff/ yet";
  ensure_node_modules();
  if (HasFatalFailure()) return;
  issue(1, "S-001", "schulden", 300);
  issue(2, "S-002", "schulden", 200);
  issue(3, "W-001", "werk", 100);
  const auto vol = post_volunteer(
      wq_, volunteer_body(1, "Wilhelmina", {{"phone", "0687654321"}}, wq_.now() - 60'000), wq_.kiosk_token());
  ASSERT_EQ(vol.status, 201) << vol.body;

  auto spec = start_spec("flow", {{"waiting", {"S-001", "S-002", "W-001"}},
                                  {"topics", {"werk", "schulden", "anders"}},
                                  {"volunteerName", "Wilhelmina"},
                                  {"shotCounter", screenshot_path(tmp_, "web-counter.png")},
                                  {"shotReport", screenshot_path(tmp_, "web-counter-report.png")}});
  // The reprint the page asks for (F5), taken and printed by the kiosk that issued the ticket.
  ASSERT_TRUE(wait_for_marker(spec, "reprint-asked"));
  const auto jobs = http_request("GET", wq_.url("/v1/print-jobs?wait=0"), wq_.ca_file(), wq_.kiosk_token());
  ASSERT_EQ(jobs.status, 200) << jobs.body;
  const auto job = json_of(jobs);
  ASSERT_EQ(job["jobs"].size(), 1U) << jobs.body;
  EXPECT_EQ(job["jobs"][0]["ticket"]["code"], "S-002") << jobs.body;
  const auto done = http_request(
      "POST", wq_.url("/v1/print-jobs/" + std::to_string(job["jobs"][0]["id"].get<long long>()) + "/done"),
      wq_.ca_file(), wq_.kiosk_token(), R"({"outcome": "printed"})");
  EXPECT_EQ(done.status, 204) << done.body;
  finish(spec);
  if (HasFatalFailure()) return;

  // The service's state after the run, as another staff session sees it.
  const std::string staff = staff_token(wq_);
  const auto q = queue_of(wq_, staff);
  ASSERT_TRUE(q.contains("waiting")) << q.dump();
  std::vector<std::string> waiting, called;
  for (const auto& t : q["waiting"])
    waiting.push_back(t["code"].get<std::string>() + "/" + t["topic"].get<std::string>());
  for (const auto& t : q["called"]) called.push_back(t["code"].get<std::string>());
  EXPECT_EQ(waiting, std::vector<std::string>{"S-001/werk"}) << q.dump();
  EXPECT_TRUE(called.empty()) << q.dump();
  EXPECT_TRUE(listed_ids(wq_, staff).empty()) << "the volunteer was marked handled";
  // The reports tab showed the day's report (the spec fails where it did not).
  EXPECT_TRUE(marker("report-shown")) << spec_output();
}

// A kiosk's new ticket shows without a reload; a session ended behind the page's back sends it to the
// login form with "expired".
TEST_F(WebCounter, ShowsANewTicketWithoutAReload) {
  if (!served()) GTEST_SKIP() << "this wijkqueue does not serve /staff/ yet";
  ensure_node_modules();
  if (HasFatalFailure()) return;
  auto spec = start_spec("live", {{"code", "S-001"}});
  ASSERT_TRUE(wait_for_marker(spec, "ready"));
  issue(1, "S-001", "schulden", 5);
  ASSERT_TRUE(wait_for_marker(spec, "expired"));
  issue(2, "S-002", "schulden", 1);  // wakes the page's long-poll, which then hears 401
  finish(spec);
}

// The service goes away while the page is open: the banner shows; it comes back: the banner goes and a
// ticket issued since shows.
TEST_F(WebCounter, ReconnectsWhenTheServiceComesBack) {
  if (!served()) GTEST_SKIP() << "this wijkqueue does not serve /staff/ yet";
  ensure_node_modules();
  if (HasFatalFailure()) return;
  auto spec = start_spec("reconnect", {{"code", "S-007"}});
  ASSERT_TRUE(wait_for_marker(spec, "ready"));
  wq_.stop();
  ASSERT_TRUE(wait_for_marker(spec, "banner"));
  wq_.start();
  issue(7, "S-007", "schulden", 1);
  finish(spec);
}

// Staff of another location see nothing of this one, and cannot act on its tickets.
TEST_F(WebCounter, StaffOfAnotherLocationSeeNothingOfThisOne) {
  if (!served()) GTEST_SKIP() << "this wijkqueue does not serve /staff/ yet";
  ensure_node_modules();
  if (HasFatalFailure()) return;
  const std::string id = issue(1, "S-001", "schulden", 120);
  issue(2, "W-001", "werk", 60);
  wq_.add_location("west");
  wq_.add_staff("west", "anna", "ander-wachtwoord");
  auto spec = start_spec("other", {{"otherLocation", "west"},
                                   {"otherUser", "anna"},
                                   {"otherPassword", "ander-wachtwoord"},
                                   {"foreignCodes", {"S-001", "W-001"}},
                                   {"foreignId", id}});
  finish(spec);
  if (HasFatalFailure()) return;
  // And the first location's queue is untouched.
  const auto q = queue_of(wq_, staff_token(wq_));
  EXPECT_EQ(q["waiting"].size(), 2U) << q.dump();
  EXPECT_TRUE(q["called"].empty()) << q.dump();
}

}  // namespace
}  // namespace wk::test
