// The web counter's issue-18 parts in headless Chromium (web_counter.spec.mjs, cases "callbacks" and
// "callbacksOther"), against a real wijkqueue with a [join] and a [callback] location: tickets joined from
// home are marked and may be called "later"; the "Terugbellen" tab lists the requests oldest first, shows a
// number only to the staff member who takes it, and forgets it after the outcome; staff of another location
// see none of it and get 403.
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

const std::string kSpec = WIJKKIOSK_SOURCE_DIR "/tests/browser/web_counter.spec.mjs";
constexpr auto kSpecTimeout = std::chrono::seconds(150);

// Three requests, made 300, 200 and 100 s ago: (topic, part of the day, number).
struct Seed {
  const char* topic;
  const char* part;
  const char* phone;
};
constexpr Seed kSeeds[] = {{"schulden", "morning", "0612345678"},
                           {"werk", "afternoon", "0687654321"},
                           {"schulden", "any", "0611112222"}};

class CounterCallbacks : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists("/usr/bin/chromium"))
        << "Debian's chromium is missing; deploy/install-deps.sh installs it";
    wq_.clock().run_from(an_ordinary_weekday());
    ensure_node_modules();
    if (HasFatalFailure()) return;
    for (int i = 0; i < 3; ++i) {
      auto body = callback_body(i + 1, kSeeds[i].phone, wq_.now() - (300 - 100 * i) * 1000LL, kSeeds[i].topic,
                                kSeeds[i].part);
      // A reference is the id's first six hex digits: ids that differ there, so each row is told apart.
      body["id"] = std::to_string(i + 1) + "a000000" + std::string(body["id"]).substr(8);
      const auto r = post_callback(wq_, body, wq_.kiosk_token());
      ASSERT_EQ(r.status, 201) << r.body;
      ids_.push_back(body["id"].get<std::string>());
      references_.push_back(json_of(r)["reference"].get<std::string>());
    }
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
    args["ids"] = ids_;
    args["references"] = references_;
    // The numbers' last nine digits: what the page must not hold (the service keeps them in E.164).
    args["digits"] = nlohmann::json::array();
    for (const auto& s : kSeeds) args["digits"].push_back(std::string(s.phone).substr(1));
    write_file(tmp_.file("args.json"), args.dump());
    return Process::start({node, kSpec, which, tmp_.file("args.json")}, tmp_.file("spec.out"),
                          tmp_.file("spec.err"),
                          {{"PLAYWRIGHT_DIR", kNodeDir}, {"NODE_EXTRA_CA_CERTS", wq_.ca_file()}});
  }
  std::string spec_output() const {
    return read_file(tmp_.file("spec.out")) + read_file(tmp_.file("spec.err"));
  }
  void finish(Process& spec) {
    const auto code = spec.wait_for(kSpecTimeout);
    ASSERT_TRUE(code.has_value()) << "the browser spec did not finish:\n" << spec_output();
    EXPECT_EQ(*code, 0) << spec_output();
  }
  void no_number_in_the_log() {
    const std::string log = wq_.server_log();
    for (const auto& s : kSeeds)
      EXPECT_EQ(log.find(std::string(s.phone).substr(1)), std::string::npos)
          << "the server's log holds a number";
    EXPECT_EQ(log.find("644445555"), std::string::npos) << "the server's log holds the fourth number";
  }

  Wijkqueue wq_{join_service()};
  TempDir tmp_{"counter-callbacks"};
  std::vector<std::string> ids_, references_;
};

TEST_F(CounterCallbacks, TakeCallAndSayHowItWentAndCallARemoteTicketLater) {
  if (HasFatalFailure()) return;
  // A colleague at the same location has the second request.
  wq_.add_staff(wq_.location(), "piet", "wachtwoord-van-piet");
  const auto colleague = login(wq_, wq_.location(), "piet", "wachtwoord-van-piet");
  ASSERT_EQ(colleague.status, 200) << colleague.body;
  const std::string piet = json_of(colleague)["token"];
  ASSERT_EQ(staff_post(wq_, piet, "/v1/callbacks/" + ids_[1] + "/take").status, 200);
  // A kiosk's ticket, then one joined from home.
  ASSERT_EQ(post_ticket(wq_, ticket_now(wq_, 1, "S-001", "schulden", 120)).status, 201);
  const auto joined = join_from(wq_, 1, "schulden");
  ASSERT_EQ(joined.status, 303) << joined.body;
  ASSERT_EQ(public_ticket(wq_, joined_token(joined))["code"], "S-W01");

  // A fourth request, handed in while the tab is open.
  auto fourth = callback_body(4, "0644445555", wq_.now(), "werk", "any");
  fourth["id"] = "4a000000" + fourth["id"].get<std::string>().substr(8);
  auto spec =
      start_spec("callbacks", {{"remoteCode", "S-W01"},
                               {"kioskCode", "S-001"},
                               {"newReference", "B-4A0000"},
                               {"shotCallbacks", screenshot_path(tmp_, "counter-web-callbacks.png")}});
  wait_until([&] { return std::filesystem::exists(tmp_.file("listening")) || !spec.running(); },
             std::chrono::seconds(90));
  if (std::filesystem::exists(tmp_.file("listening"))) {
    fourth["created_at"] = to_rfc3339(wq_.now());
    const auto r = post_callback(wq_, fourth, wq_.kiosk_token());
    EXPECT_EQ(r.status, 201) << r.body;
  }
  finish(spec);
  if (HasFatalFailure()) return;
  ASSERT_TRUE(std::filesystem::exists(tmp_.file("callbacks-done"))) << spec_output();

  // What the service holds now, as the colleague sees it: the first reached (gone), the colleague's still
  // theirs, the third open again after one attempt, and the fourth.
  const auto list = callbacks_seen_by(wq_, piet);
  ASSERT_EQ(list.size(), 3U) << list.dump();
  EXPECT_EQ(list[2]["id"], fourth["id"]);
  EXPECT_EQ(list[0]["id"], ids_[1]);
  EXPECT_EQ(list[0]["state"], "taken");
  EXPECT_EQ(list[1]["id"], ids_[2]);
  EXPECT_EQ(list[1]["state"], "open");
  EXPECT_EQ(list[1]["attempts"], 1);
  const auto q = queue_of(wq_, piet);
  ASSERT_EQ(q["waiting"].size(), 1U) << q.dump();
  EXPECT_EQ(q["waiting"][0]["code"], "S-W01") << "sent back to wait by \"Later opnieuw\"";
  no_number_in_the_log();
}

TEST_F(CounterCallbacks, StaffOfAnotherLocationSeeAnEmptyTabAndGet403) {
  if (HasFatalFailure()) return;
  wq_.add_location("west");
  wq_.add_staff("west", "anna", "ander-wachtwoord");
  auto spec =
      start_spec("callbacksOther",
                 {{"otherLocation", "west"}, {"otherUser", "anna"}, {"otherPassword", "ander-wachtwoord"}});
  finish(spec);
  if (HasFatalFailure()) return;
  // Untouched at the first location.
  const auto list = callbacks_seen_by(wq_, staff_token(wq_));
  ASSERT_EQ(list.size(), 3U) << list.dump();
  for (const auto& c : list) EXPECT_EQ(c["state"], "open") << c.dump();
}

}  // namespace
}  // namespace wk::test
