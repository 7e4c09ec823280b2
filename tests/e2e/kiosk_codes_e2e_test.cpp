// Issue 11, "no resident's ticket is ever set aside for its code": a kiosk whose data folder was lost
// (a new disk, a wiped SD card) learns from the service where its numbering stands before it issues again,
// so its next codes are none the service holds. The real app, the real service, taps through X.
#include <filesystem>
#include <set>

#include "e2e/kiosk_fixture.hpp"

namespace wk::test {
namespace {

TEST_F(KioskE2E, AKioskWhoseDataFolderWasWipedIssuesNoCodeTheServiceHolds) {
  write_config();
  start_kiosk();
  std::set<std::string> held;
  auto take_and_wait_for_service = [&](const std::string& topic) -> nlohmann::json {
    const std::string token = token_of(take_ticket("nl", topic));
    HttpResponse r;
    EXPECT_TRUE(wait_until([&] { return (r = public_ticket(token)).status == 200; })) << r.status << r.body;
    tap_id("start-over");
    EXPECT_TRUE(tree_.wait_for_screen("welcome"));
    return nlohmann::json::parse(r.body, nullptr, false);
  };
  for (const char* topic : {"schulden", "schulden", "werk"})
    held.insert(take_and_wait_for_service(topic)["code"]);
  ASSERT_EQ(held.size(), 3u);

  // The data folder goes: outbox, ledger, everything the kiosk knew of its numbering.
  kiosk_->kill(SIGTERM);
  ASSERT_EQ(kiosk_->wait(), 0);
  std::filesystem::remove_all(dir_.file("data"));
  std::filesystem::remove(dir_.file("tree.json"));  // so "welcome" is the new run's, not the last one's
  start_kiosk();
  // The kiosk says when it has heard; a resident's tap never waits for it, this test does.
  ASSERT_TRUE(wait_until([&] {
    return read_file(dir_.file("kiosk.err")).find("learned from the service (highest held: S-") !=
           std::string::npos;
  })) << read_file(dir_.file("kiosk.err"));

  for (const char* topic : {"schulden", "werk"}) {
    const auto t = take_and_wait_for_service(topic);
    const std::string code = t["code"];
    EXPECT_EQ(held.count(code), 0u) << code << " was issued again";
    EXPECT_EQ(t["code_shared"], false) << t.dump();
    held.insert(code);
  }
  // And the service never had to take a twin.
  const auto metrics =
      http_request("GET", service_.url("/metrics"), service_.ca_file(), service_.admin_token());
  EXPECT_EQ(metrics.body.find("wijkqueue_code_collisions_total{"), std::string::npos) << metrics.body;
}

}  // namespace
}  // namespace wk::test
