// The kiosk end to end: the real wijkqueue over real TLS, the real app in a real X server, taps through
// xdotool, QR codes read back from screenshots with zbarimg.
#include "e2e/kiosk_fixture.hpp"

namespace wk::test {
namespace {

TEST_F(KioskE2E, TwoTapsGiveATicketWhoseQrTheServiceKnows) {
  write_config();
  start_kiosk();
  const std::string url = take_ticket("nl", "schulden");
  const std::string code = tree_.find("ticket-code")->label;
  EXPECT_TRUE(std::regex_match(code, std::regex("S-\\d{3}"))) << code;
  const std::string token = token_of(url);
  HttpResponse r;
  ASSERT_TRUE(wait_until([&] { return (r = public_ticket(token)).status == 200; }))
      << r.status << " " << r.body;
  const auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["code"], code);
  EXPECT_EQ(j["topic"], "schulden");
  EXPECT_TRUE(kiosk_->running());
}

TEST_F(KioskE2E, WithTheServiceDownTheTicketShowsAtOnceAndArrivesLater) {
  service_.stop();
  write_config();
  start_kiosk();
  const std::string url = take_ticket("en", "werk");
  const std::string token = token_of(url);
  EXPECT_EQ(tree_.find("ticket-code")->label.substr(0, 2), "W-");
  service_.start();
  HttpResponse r;
  // The sync worker backs off while the service is away; it arrives within its capped backoff.
  ASSERT_TRUE(wait_until([&] { return (r = public_ticket(token)).status == 200; }, std::chrono::seconds(90)))
      << r.status << " " << r.body;
  EXPECT_EQ(nlohmann::json::parse(r.body)["topic"], "werk");
}

TEST_F(KioskE2E, TimeoutForgetsThePreviousResident) {
  write_config(/*ticket_timeout_s=*/6);
  start_kiosk();
  take_ticket("en", "zorg");
  const std::string code = tree_.find("ticket-code")->label;
  EXPECT_TRUE(tree_.wait_for_element("countdown"));  // the countdown shows before the screen goes back
  EXPECT_TRUE(tree_.find("more-time").has_value());
  ASSERT_TRUE(tree_.wait_for_screen("welcome", std::chrono::seconds(20)));
  const std::string labels = tree_.all_labels();
  EXPECT_EQ(labels.find(code), std::string::npos) << labels;
  EXPECT_EQ(labels.find("Care and help at home"), std::string::npos) << labels;
  EXPECT_NE(labels.find("Welkom"), std::string::npos) << "back in the default language: " << labels;
  screenshot(x_, dir_.file("after.png"));
  EXPECT_EQ(read_qr(dir_.file("after.png")), "") << "a QR code is still on the screen";
}

TEST_F(KioskE2E, LockDownKeysDoNotEndTheApp) {
  write_config();
  start_kiosk();
  for (const char* keys : {"alt+F4", "Escape", "ctrl+q", "ctrl+alt+BackSpace", "ctrl+w", "alt+Tab"}) {
    press_keys(x_, keys);
    EXPECT_FALSE(kiosk_->wait_for(std::chrono::milliseconds(300)).has_value()) << keys << " ended the kiosk";
  }
  ASSERT_TRUE(kiosk_->running());
  kiosk_->kill(SIGTERM);  // the one way out from outside
  const auto code = kiosk_->wait_for(std::chrono::seconds(10));
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 0);
}

TEST_F(KioskE2E, ADoubleTapIssuesOneTicket) {
  write_config();
  start_kiosk();
  tap_id("language:nl");
  ASSERT_TRUE(tree_.wait_for_screen("topics"));
  const auto tile = *tree_.find("topic:anders");
  const auto r =
      run_command({"/usr/bin/xdotool", "mousemove", std::to_string(tile.x + tile.w / 2),
                   std::to_string(tile.y + tile.h / 2), "click", "--repeat", "2", "--delay", "40", "1"},
                  x_.env());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_TRUE(tree_.wait_for_screen("ticket"));
  // The outbox holds exactly one ticket.
  kiosk_->kill(SIGTERM);
  kiosk_->wait();
  const auto out = run_command(app_args({"outbox", "--config", dir_.file("kiosk.toml")}));
  ASSERT_EQ(out.exit_code, 0) << out.err;
  const auto j = nlohmann::json::parse(out.out);
  EXPECT_EQ(j["pending"].get<int>() + j["sent"].get<int>(), 1) << out.out;
}

// Every resident screen once, in English, checked through the tree; saved for the README by
// `make screenshots`.
TEST_F(KioskE2E, EveryScreenShowsWhatCoreSays) {
  write_config(/*ticket_timeout_s=*/22);
  start_kiosk();
  auto shoot = [&](const std::string& name) {
    screenshot(x_, dir_.file(name + ".png"));
    keep_screenshot(dir_.file(name + ".png"), name);
  };
  // The speaker shows once the kiosk has asked espeak-ng for its voices, just after the first frame.
  ASSERT_TRUE(tree_.wait_for_element("aid:read-aloud"));
  shoot("kiosk-1-welcome");
  tap_id("start");
  ASSERT_TRUE(tree_.wait_for_screen("language"));
  EXPECT_TRUE(tree_.find("language:uk").has_value());
  EXPECT_EQ(tree_.find("language:uk")->label, "Українська");  // named in its own script
  shoot("kiosk-2-language");
  tap_id("language:en");
  ASSERT_TRUE(tree_.wait_for_screen("topics"));
  EXPECT_EQ(tree_.find("title")->label, "What is your question about?");
  for (const char* t : {"jeugd", "werk", "schulden", "zorg", "formulieren", "meedoen", "wonen", "anders"}) {
    const auto tile = tree_.find(std::string("topic:") + t);
    ASSERT_TRUE(tile.has_value()) << t;
    EXPECT_GE(tile->h, 15 * 110 / 25.4 - 1) << t << " is smaller than 15 mm";
  }
  shoot("kiosk-3-topics");
  tap_id("topic:formulieren");
  ASSERT_TRUE(tree_.wait_for_screen("ticket"));
  ASSERT_TRUE(tree_.wait_for_element("ticket-qr"));
  EXPECT_GE(tree_.find("ticket-qr")->w, 35 * 110 / 25.4) << "the QR code is smaller than 35 mm";
  shoot("kiosk-4-ticket");
  ASSERT_TRUE(tree_.wait_for_element("countdown", std::chrono::seconds(10)));
  EXPECT_NE(tree_.find("countdown")->label.find("Back to the start in"), std::string::npos);
  shoot("kiosk-6-countdown");
  tap_id("more-time");
  EXPECT_TRUE(wait_until([&] { return !tree_.find("countdown"); }));
}

TEST_F(KioskE2E, OutsideOpeningHoursTheKioskSaysItIsClosed) {
  // Open on no day at all: the closed screen, with the (empty) hours in words. The service has the same
  // config, so the one the kiosk fetches at start says closed too.
  write_file(dir_.file("location.toml"), demo_config("centrum") + "\n[hours]\nmon = []\n");
  const auto set = service_.cli({"location", "set-config", "--dir", service_.dir(), "--id", "centrum",
                                 "--file", dir_.file("location.toml")});
  ASSERT_EQ(set.exit_code, 0) << set.err;
  write_config();
  kiosk_.emplace(Process::start(
      app_args({"--role", "kiosk", "--config", dir_.file("kiosk.toml"), "--ui-tree", dir_.file("tree.json")}),
      dir_.file("kiosk.out"), dir_.file("kiosk.err"), x_.env()));
  ASSERT_TRUE(tree_.wait_for_screen("closed")) << read_file(dir_.file("kiosk.err"));
  EXPECT_EQ(tree_.find("title")->label, "We zijn nu gesloten");
  screenshot(x_, dir_.file("closed.png"));
  keep_screenshot(dir_.file("closed.png"), "kiosk-7-closed");
  EXPECT_FALSE(tree_.find("start").has_value()) << "nothing to start while closed";
}

// Taps faster than frames: one xdotool run clicks the four digits and OK while the kiosk cannot draw, as
// a quick finger on a busy kiosk does. Each must count (ImGui 1.86 has no input queue; the event loop holds
// the next tap back until the frames that show the last one).
TEST_F(KioskE2E, TapsFasterThanFramesAreEachCounted) {
  const auto hash = run_command({"/bin/sh", "-c", "echo 2468 | " + bin_path("wijkkiosk") + " pin-hash"});
  ASSERT_EQ(hash.exit_code, 0) << hash.err;
  write_config(60, "staff_pin_hash = \"" + hash.out.substr(0, hash.out.find('\n')) + "\"\n");
  start_kiosk();
  const auto hold = run_command(
      {"/usr/bin/xdotool", "mousemove", "10", "10", "mousedown", "1", "sleep", "5.5", "mouseup", "1"},
      x_.env());
  ASSERT_EQ(hold.exit_code, 0) << hold.err;
  ASSERT_TRUE(tree_.wait_for_screen("staff-pin")) << tree_.screen();
  std::vector<std::string> argv = {"/usr/bin/xdotool"};
  for (const char* id : {"pin:2", "pin:4", "pin:6", "pin:8", "pin:ok"}) {
    ASSERT_TRUE(tree_.wait_for_element(id));
    const UiElement e = *tree_.find(id);
    for (const std::string& a : {std::string("mousemove"), std::to_string(e.x + e.w / 2),
                                 std::to_string(e.y + e.h / 2), std::string("click"), std::string("1")})
      argv.push_back(a);
  }
  // The kiosk stopped while the taps arrive: they wait in its X queue and come in as one batch, as they do
  // when a frame takes longer than the taps (a slow machine, a busy moment).
  kiosk_->kill(SIGSTOP);
  const auto taps = run_command(argv, x_.env());
  kiosk_->kill(SIGCONT);
  ASSERT_EQ(taps.exit_code, 0) << taps.err;
  EXPECT_TRUE(tree_.wait_for_screen("staff-panel")) << tree_.all_labels();
}

TEST_F(KioskE2E, HiddenCornerAndPinOpenTheStaffPanelWhichCanExit) {
  const auto hash = run_command({"/bin/sh", "-c", "echo 2468 | " + bin_path("wijkkiosk") + " pin-hash"});
  ASSERT_EQ(hash.exit_code, 0) << hash.err;
  std::string pin_hash = hash.out.substr(0, hash.out.find('\n'));
  write_config(60, "staff_pin_hash = \"" + pin_hash + "\"\n");
  start_kiosk();
  // Hold the top-left corner for five seconds, as a staff member would.
  const auto hold = run_command(
      {"/usr/bin/xdotool", "mousemove", "10", "10", "mousedown", "1", "sleep", "5.5", "mouseup", "1"},
      x_.env());
  ASSERT_EQ(hold.exit_code, 0) << hold.err;
  ASSERT_TRUE(tree_.wait_for_screen("staff-pin")) << tree_.screen();
  for (const char* d : {"pin:1", "pin:1", "pin:1", "pin:1", "pin:ok"}) tap_id(d);
  ASSERT_TRUE(wait_until([&] {
    return tree_.find("pin-status") && tree_.find("pin-status")->label == "Verkeerde pincode.";
  })) << tree_.all_labels();
  EXPECT_EQ(tree_.screen(), "staff-pin");
  for (const char* d : {"pin:2", "pin:4", "pin:6", "pin:8", "pin:ok"}) tap_id(d);
  ASSERT_TRUE(tree_.wait_for_screen("staff-panel")) << tree_.all_labels();
  // The sync worker's first contact may come after the panel opened (a slow machine): the panel follows it.
  wait_until([&] { return tree_.all_labels().find("bereikbaar sinds") != std::string::npos; });
  const std::string labels = tree_.all_labels();
  EXPECT_NE(labels.find("Wachtrijdienst: bereikbaar sinds"), std::string::npos) << labels;
  EXPECT_NE(labels.find("Wacht op versturen: 0"), std::string::npos) << labels;
  if (std::getenv("WIJKKIOSK_SCREENSHOTS")) {
    screenshot(x_, dir_.file("staff.png"));
    keep_screenshot(dir_.file("staff.png"), "kiosk-5-staff-panel");
  }
  tap_id("staff:exit");
  const auto code = kiosk_->wait_for(std::chrono::seconds(10));
  ASSERT_TRUE(code.has_value()) << "the kiosk did not exit from the staff panel";
  EXPECT_EQ(*code, 0);
}

TEST_F(KioskE2E, ANewConfigFromTheServiceIsUsedWithoutARestartAndKeptForAnOfflineStart) {
  write_config();
  std::string toml = read_file(dir_.file("kiosk.toml"));
  toml = std::regex_replace(toml, std::regex("token_file = \"kiosk.token\"\n"), "$&config_poll_s = 1\n");
  write_file(dir_.file("kiosk.toml"), toml);
  start_kiosk();
  tap_id("language:nl");
  ASSERT_TRUE(tree_.wait_for_element("topic:werk"));
  EXPECT_NE(tree_.find("topic:werk")->label.find("Werk en inkomen"), std::string::npos) << tree_.all_labels();

  // IT renames a topic at the service; the kiosk in use picks it up on its next look.
  const std::string renamed =
      std::regex_replace(demo_config("centrum"), std::regex("Werk en inkomen"), "Werk, geld en inkomen");
  write_file(dir_.file("new-config.toml"), renamed);
  const auto set = service_.cli({"location", "set-config", "--dir", service_.dir(), "--id", "centrum",
                                 "--file", dir_.file("new-config.toml")});
  ASSERT_EQ(set.exit_code, 0) << set.err;
  EXPECT_TRUE(wait_until(
      [&] {
        const auto t = tree_.find("topic:werk");
        return t && t->label.find("Werk, geld en inkomen") != std::string::npos;
      },
      std::chrono::seconds(15)))
      << tree_.all_labels() << read_file(dir_.file("kiosk.err"));
  EXPECT_EQ(tree_.screen(), "topics") << "the resident choosing a topic keeps their screen";
  // IT's fleet view says this kiosk uses the newest config (its heartbeat names it).
  EXPECT_TRUE(wait_until(
      [&] {
        const auto r =
            http_request("GET", service_.url("/v1/fleet"), service_.ca_file(), service_.admin_token());
        const auto fleet = nlohmann::json::parse(r.body, nullptr, false);
        if (!fleet.is_object()) return false;
        for (const auto& d : fleet["devices"])
          if (d["role"] == "kiosk" && d["config_current"] == true) return true;
        return false;
      },
      std::chrono::seconds(15)))
      << http_request("GET", service_.url("/v1/fleet"), service_.ca_file(), service_.admin_token()).body;

  // Restarted with the service away, the kiosk starts with the config it was last sent, not the installed
  // one.
  kiosk_->kill(SIGTERM);
  kiosk_->wait();
  service_.stop();
  start_kiosk();
  tap_id("language:nl");
  ASSERT_TRUE(tree_.wait_for_element("topic:werk"));
  EXPECT_NE(tree_.find("topic:werk")->label.find("Werk, geld en inkomen"), std::string::npos)
      << tree_.all_labels();
}

}  // namespace
}  // namespace wk::test
