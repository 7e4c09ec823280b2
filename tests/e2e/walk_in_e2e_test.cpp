// One ticket's life end to end: a resident takes it at the kiosk by taps (and it is printed), a staff
// member logs in at the counter and calls it with F1, the waiting-room display shows it, the status page
// says which desk, and F5 prints the ticket again on the kiosk's printer. Each app runs in its own X
// server, as on its own screen.
#include "e2e/walk_in_fixture.hpp"
#include "support/escpos_decode.hpp"

namespace wk::test {
namespace {

TEST_F(WalkInE2E, KioskCounterDisplayAndStatusPageFollowOneTicket) {
  write_config(60, {},
               "[printer]\nuri = \"" + printer_.uri() + "\"\nmodel = \"epson-tm-t20\"\npaper_mm = 80\n");
  start_kiosk();
  const std::string url = take_ticket("nl", "werk");
  ASSERT_TRUE(printer_.wait_for_jobs(1, std::chrono::seconds(10)))
      << "the resident's own ticket was not printed";
  const std::string code = tree_.find("ticket-code")->label;
  const std::string token = token_of(url);
  ASSERT_TRUE(wait_until([&] { return public_ticket(token).status == 200; })) << "the ticket did not arrive";

  start_display_and_counter();
  const Xvfb &display_x = *display_x_, &counter_x = *counter_x_;
  const UiTreeFile &display_tree = display_tree_, &counter_tree = counter_tree_;

  click(counter_x, counter_tree, "login-user");
  type(counter_x, service_.staff_user());
  click(counter_x, counter_tree, "login-password");
  type(counter_x, service_.staff_password());
  click(counter_x, counter_tree, "login");
  ASSERT_TRUE(counter_tree.wait_for_screen("counter"))
      << counter_tree.all_labels() << read_file(dir_.file("counter.err"));
  ASSERT_TRUE(wait_until([&] {
    const auto w = counter_tree.find("waiting:werk");
    return w && w->label == "1";
  })) << counter_tree.all_labels();

  // Keyboard first: F1 calls the next ticket.
  key(counter_x, "F1");
  ASSERT_TRUE(wait_until([&] {
    const auto c = counter_tree.find("current-code");
    return c && c->label == code;
  })) << counter_tree.all_labels();

  ASSERT_TRUE(wait_until(
      [&] {
        const auto c = display_tree.find("display-latest-code");
        return c && c->label == code;
      },
      std::chrono::seconds(30)))
      << display_tree.all_labels() << read_file(dir_.file("display.err"));
  EXPECT_NE(display_tree.find("display-latest-desk")->label.find("2"), std::string::npos)
      << display_tree.find("display-latest-desk")->label;
  EXPECT_FALSE(display_tree.find("reconnecting").has_value());

  const auto j = nlohmann::json::parse(public_ticket(token).body);
  EXPECT_EQ(j["status"], "called");
  EXPECT_EQ(j["desk"], 2);
  const auto page = http_request("GET", service_.url("/t/" + token), service_.ca_file());
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find(code), std::string::npos);

  // The resident lost the paper: F5 prints it again on the kiosk's printer, with the same QR code, and the
  // counter hears that it came out.
  tap_id("start-over");  // meanwhile the next resident starts at the kiosk; the reprint leaves them be
  ASSERT_TRUE(tree_.wait_for_screen("welcome"));
  key(counter_x, "F5");
  ASSERT_TRUE(printer_.wait_for_jobs(2, std::chrono::seconds(15)))
      << "the reprint never came out\n"
      << counter_tree.all_labels() << read_file(dir_.file("kiosk.err"));
  const DecodedTicket reprinted = decode_escpos(printer_.jobs().at(1));
  ASSERT_EQ(reprinted.qr_payloads.size(), 1u);
  EXPECT_EQ(reprinted.qr_payloads[0], url);
  std::string lines;
  for (const auto& l : reprinted.text_lines) lines += l + "\n";
  EXPECT_NE(lines.find(code), std::string::npos) << lines;
  EXPECT_TRUE(wait_until([&] {
    const auto st = counter_tree.find("reprint-status");
    return st && st->label == code + " is geprint bij de kiosk.";
  })) << counter_tree.all_labels();
  EXPECT_EQ(tree_.screen(), "welcome") << "the reprint left the kiosk's screen alone";

  if (std::getenv("WIJKKIOSK_SCREENSHOTS")) {
    screenshot(counter_x, dir_.file("counter.png"));
    keep_screenshot(dir_.file("counter.png"), "counter");
    screenshot(display_x, dir_.file("display.png"));
    keep_screenshot(dir_.file("display.png"), "display");
  }
}

}  // namespace
}  // namespace wk::test
