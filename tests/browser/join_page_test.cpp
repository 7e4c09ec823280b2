// Joining from home and "bel mij terug" (issue 18) in headless Chromium at a phone's viewport, against a
// real wijkqueue with a [join] and a [callback] location: join_page.spec.mjs taps as a resident does, and
// this test plays the staff (over the HTTP API) and looks at what the service holds afterwards. The two
// meet through marker files in the test's temp dir.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "browser/browser_support.hpp"
#include "service/join_test_helpers.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "support/wait.hpp"
#include "support/wijkqueue.hpp"

namespace wk::test {
namespace {

const std::string kSpec = WIJKKIOSK_SOURCE_DIR "/tests/browser/join_page.spec.mjs";
constexpr auto kSpecTimeout = std::chrono::seconds(150);

class JoinPage : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists("/usr/bin/chromium"))
        << "Debian's chromium is missing; deploy/install-deps.sh installs it";
    // An ordinary weekday inside the opening hours, whatever day the test runs; time goes on from there.
    wq_.clock().run_from(an_ordinary_weekday());
    ensure_node_modules();
  }

  // Kiosk tickets S-001 … S-00n for "schulden", the oldest first.
  void issue_kiosk_tickets(int n) {
    for (int i = 1; i <= n; ++i)
      ASSERT_EQ(
          post_ticket(wq_, ticket_now(wq_, i, "S-00" + std::to_string(i), "schulden", 600 - 60 * i)).status,
          201);
  }

  Process start_spec(const std::string& which, nlohmann::json args) {
    const std::string node = find_program("node");
    if (node.empty()) ADD_FAILURE() << "node is missing; deploy/install-deps.sh installs it";
    args["base"] = wq_.base_url();
    args["ca"] = wq_.ca_file();
    args["dir"] = tmp_.path();
    args["location"] = wq_.location();
    args["locationName"] = "Wijkcentrum De Ringvaart";
    write_file(tmp_.file("args.json"), args.dump());
    return Process::start({node, kSpec, which, tmp_.file("args.json")}, tmp_.file("spec.out"),
                          tmp_.file("spec.err"), {{"PLAYWRIGHT_DIR", kNodeDir}});
  }
  std::string spec_output() const {
    return read_file(tmp_.file("spec.out")) + read_file(tmp_.file("spec.err"));
  }
  bool marker(const std::string& name) const { return std::filesystem::exists(tmp_.file(name)); }
  ::testing::AssertionResult wait_for_marker(Process& spec, const std::string& name) {
    wait_until([&] { return marker(name) || !spec.running(); }, std::chrono::seconds(90));
    if (marker(name)) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "the spec did not reach \"" << name << "\":\n" << spec_output();
  }
  void finish(Process& spec) {
    const auto code = spec.wait_for(kSpecTimeout);
    ASSERT_TRUE(code.has_value()) << "the browser spec did not finish:\n" << spec_output();
    EXPECT_EQ(*code, 0) << spec_output();
  }
  // The status page's token and the code the spec saw, out of its "joined" marker.
  std::pair<std::string, std::string> joined() const {
    const std::string text = read_file(tmp_.file("joined"));
    const auto nl = text.find('\n');
    return {text.substr(0, nl), text.substr(nl + 1, text.find('\n', nl + 1) - nl - 1)};
  }
  // The service's own word on the ticket behind a status page.
  nlohmann::json service_view(const std::string& token) { return public_ticket(wq_, token); }

  Wijkqueue wq_{join_service()};
  TempDir tmp_{"join-page"};
};

// Join on a phone; staff call others until "come in now" (come_when_before = 3 by default) shows on the
// page, then call the resident's ticket: "your turn" at that desk. The page follows each step by itself.
TEST_F(JoinPage, JoinFollowComeInNowAndBeCalled) {
  if (HasFatalFailure()) return;
  issue_kiosk_tickets(5);
  auto spec = start_spec("join", {{"position", 6},
                                  {"waitingLine", "Er wachten nu 5 mensen."},
                                  {"before", 3},
                                  {"desk", 2},
                                  {"shotJoin", screenshot_path(tmp_, "join-page.png")},
                                  {"shotComeIn", screenshot_path(tmp_, "join-come-in.png")}});
  ASSERT_TRUE(wait_for_marker(spec, "ready"));
  const auto [token, code] = joined();
  auto t = service_view(token);
  ASSERT_EQ(t["code"], code) << t.dump();
  EXPECT_EQ(t["remote"], true) << t.dump();
  EXPECT_EQ(t["people_before"], 5) << t.dump();
  EXPECT_EQ(t["come_in"], false) << t.dump();

  // Two desks call the two oldest: three are left before the resident, as many as come_when_before.
  const std::string staff = staff_token(wq_);
  for (const int desk : {1, 3}) {
    const auto r =
        staff_post(wq_, staff, "/v1/desks/" + std::to_string(desk) + "/next", {{"topics", {"schulden"}}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(json_of(r)["remote"], false) << "a kiosk ticket, older than the join";
  }
  t = service_view(token);
  EXPECT_EQ(t["people_before"], 3) << t.dump();
  EXPECT_EQ(t["come_in"], true) << t.dump();
  ASSERT_TRUE(wait_for_marker(spec, "come-in"));

  const auto call = staff_post(wq_, staff, "/v1/desks/2/call", {{"code", code}});
  ASSERT_EQ(call.status, 200) << call.body;
  EXPECT_EQ(json_of(call)["remote"], true) << call.body;
  finish(spec);
  EXPECT_EQ(service_view(token)["status"], "called");
}

// JavaScript off: the topic is a plain form button, and the status page is whole without its script.
TEST_F(JoinPage, JoinsWithJavaScriptOff) {
  if (HasFatalFailure()) return;
  issue_kiosk_tickets(1);
  auto spec = start_spec("nojs", {{"position", 2}, {"waitingLine", "Er wacht nu 1 persoon."}});
  finish(spec);
  if (HasFatalFailure()) return;
  ASSERT_TRUE(marker("joined")) << spec_output();
  const auto [token, code] = joined();
  const auto q = queue_of(wq_, staff_token(wq_));
  std::vector<std::string> remote;
  for (const auto& w : q["waiting"])
    if (w["remote"] == true) remote.push_back(w["code"].get<std::string>());
  EXPECT_EQ(remote, std::vector<std::string>{code}) << q.dump();
  EXPECT_EQ(service_view(token)["position"], 2);
}

// "Bel mij terug" on the join page, by taps: a wrong number is said at the field, the right one is taken
// once, and neither the database nor the server's log hold the number afterwards.
TEST_F(JoinPage, CallMeBackByTapsIsHeldOnceAndLeavesNoTraceOfTheNumber) {
  if (HasFatalFailure()) return;
  const std::string phone = "06 2233 4455";
  auto spec = start_spec("callback", {{"phone", phone},
                                      {"shotForm", screenshot_path(tmp_, "join-callback.png")},
                                      {"shotThanks", screenshot_path(tmp_, "join-callback-thanks.png")}});
  finish(spec);
  if (HasFatalFailure()) return;
  ASSERT_TRUE(marker("reference")) << spec_output();
  const std::string reference = read_file(tmp_.file("reference"));
  const auto list = callbacks_seen_by(wq_, staff_token(wq_));
  ASSERT_EQ(list.size(), 1U) << list.dump();
  EXPECT_EQ(list[0]["reference"], reference) << list.dump();
  EXPECT_EQ(list[0]["topic"], "schulden");
  EXPECT_EQ(list[0]["part_of_day"], "afternoon");
  EXPECT_EQ(list[0]["state"], "open");
  EXPECT_FALSE(list[0].contains("phone")) << "nobody took it: nobody sees the number";
  const std::string bytes = raw_database_bytes(wq_);
  ASSERT_FALSE(bytes.empty());
  const std::string log = wq_.server_log();
  for (const std::string digits :
       {"22334455", "0622334455", "+31622334455", "06 2233 4455", "06+2233+4455"}) {
    EXPECT_EQ(bytes.find(digits), std::string::npos) << "the database holds " << digits;
    EXPECT_EQ(log.find(digits), std::string::npos) << "the server's log holds " << digits;
  }
}

}  // namespace
}  // namespace wk::test
