// Issue 11, "a forced collision is called distinguishably": a kiosk on the screen and another kiosk of the
// location on the same slot (offline, it sends its ticket late) both gave out S-001. The service takes
// both; the counter and the waiting-room display (the real apps) show each call with the time printed on
// that resident's ticket, and the status page on the resident's phone does too.
#include "core/ticket.hpp"
#include "e2e/walk_in_fixture.hpp"

namespace wk::test {
namespace {

TEST_F(WalkInE2E, TwoResidentsWithOneCodeAreCalledApartByTheirPrintedTime) {
  write_config();
  start_kiosk();
  const std::string token = token_of(take_ticket("nl", "schulden"));
  ASSERT_EQ(tree_.find("ticket-code")->label, "S-001");
  HttpResponse mine;
  ASSERT_TRUE(wait_until([&] { return (mine = public_ticket(token)).status == 200; })) << mine.body;

  // The other kiosk issued its S-001 ten minutes earlier, offline, and sends it now.
  const UnixMs earlier = service_.now() - 10 * 60'000;
  const nlohmann::json other = {{"id", "00000000-0000-4000-8000-0000000000aa"},
                                {"code", "S-001"},
                                {"topic", "schulden"},
                                {"language", "nl"},
                                {"created_at", to_rfc3339(earlier)},
                                {"public_token", "publicTokenOfTheOtherKiosk01"}};
  const auto posted = http_request("POST", service_.url("/v1/tickets"), service_.ca_file(),
                                   service_.add_device("kiosk", "centrum"), other.dump());
  ASSERT_EQ(posted.status, 201) << posted.body << " (a shared code is taken, never set aside)";
  const TzRule tz = parse_tz_rule("CET-1CEST,M3.5.0,M10.5.0/3").value();
  const std::string other_label = code_label("S-001", true, local_hhmm(tz, earlier));
  mine = public_ticket(token);
  const std::string my_time = nlohmann::json::parse(mine.body)["issued_time"];
  const std::string my_label = code_label("S-001", true, my_time);
  ASSERT_NE(my_label, other_label);

  start_display_and_counter();
  const Xvfb& counter_x = *counter_x_;
  const UiTreeFile &display_tree = display_tree_, &counter_tree = counter_tree_;
  log_in(counter_x, counter_tree);
  ASSERT_TRUE(wait_until([&] {
    const auto w = counter_tree.find("waiting:schulden");
    return w && w->label == "2";
  })) << counter_tree.all_labels();

  auto shows = [](const UiTreeFile& tree, const std::string& id, const std::string& label) {
    return wait_until(
        [&] {
          const auto e = tree.find(id);
          return e && e->label == label;
        },
        std::chrono::seconds(30));
  };
  // F1: the one issued first is called first, with its own time on the counter and on the display.
  key(counter_x, "F1");
  ASSERT_TRUE(shows(counter_tree, "current-code", other_label)) << counter_tree.all_labels();
  ASSERT_TRUE(shows(display_tree, "display-latest-code", other_label)) << display_tree.all_labels();
  key(counter_x, "F3");  // served: the desk is free again before the next call
  ASSERT_TRUE(wait_until([&] {
    const auto c = counter_tree.find("current-code");
    return c && c->label != other_label;
  })) << counter_tree.all_labels();
  key(counter_x, "F1");
  ASSERT_TRUE(shows(counter_tree, "current-code", my_label)) << counter_tree.all_labels();
  ASSERT_TRUE(shows(display_tree, "display-latest-code", my_label)) << display_tree.all_labels();
  EXPECT_TRUE(shows(display_tree, "display-previous:1", other_label)) << display_tree.all_labels();

  // The resident's phone: called to the desk, under the code as their own ticket has it.
  const auto j = nlohmann::json::parse(public_ticket(token).body);
  EXPECT_EQ(j["status"], "called");
  EXPECT_EQ(j["code_shared"], true);
  const auto page = http_request("GET", service_.url("/t/" + token), service_.ca_file());
  EXPECT_NE(page.body.find(">" + my_label + "</p>"), std::string::npos) << page.body;
}

}  // namespace
}  // namespace wk::test
