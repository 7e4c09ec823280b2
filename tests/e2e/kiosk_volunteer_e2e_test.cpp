// The second door end to end: a volunteer registers by taps alone on the real kiosk's touch keyboard (a
// long press for the ë), the registration reaches the real wijkqueue once, and afterwards no byte of the
// kiosk's database, its WAL, the service's database, its WAL or any log holds the name or the number.
// "No thanks" stores nothing anywhere, the timeout forgets a half-filled form, and with the service down
// the registration waits sealed in the outbox and arrives once it is back.
#include "e2e/kiosk_fixture.hpp"
#include "support/escpos_decode.hpp"
#include "support/test_printer.hpp"

namespace wk::test {
namespace {

constexpr const char* kName = "Zoë";
constexpr const char* kTyped = "0612345678";
constexpr const char* kStored = "+31612345678";

class KioskVolunteerE2E : public KioskE2E {
 protected:
  void shoot(const std::string& name) {
    if (!std::getenv("WIJKKIOSK_SCREENSHOTS")) return;
    screenshot(x_, dir_.file(name + ".png"));
    keep_screenshot(dir_.file(name + ".png"), name);
  }
  bool field_says(const std::string& text) {
    return wait_until([&] {
      const auto f = tree_.find("field");
      return f && f->label == text;
    });
  }
  // "Z", then a long press on "e" for the ë the accent picker offers: a finger held, not a keyboard.
  void type_name(bool shots = false) {
    tap_id("key:Z");
    ASSERT_TRUE(field_says("Z"));
    tap_id("key:o");
    ASSERT_TRUE(field_says("Zo"));
    ASSERT_TRUE(tree_.wait_for_element("key:e"));
    const UiElement e = *tree_.find("key:e");
    const auto down = run_command({"/usr/bin/xdotool", "mousemove", std::to_string(e.x + e.w / 2),
                                   std::to_string(e.y + e.h / 2), "mousedown", "1"},
                                  x_.env());
    ASSERT_EQ(down.exit_code, 0) << down.err;
    ASSERT_TRUE(tree_.wait_for_element("accents-offered")) << "no accent picker after a long press";
    if (shots) shoot("volunteer-4b-accents");
    ASSERT_EQ(run_command({"/usr/bin/xdotool", "mouseup", "1"}, x_.env()).exit_code, 0);
    // The picker's letters become buttons once the app has seen the finger lift: tapped only then.
    tap_id("accent:ë");
    ASSERT_TRUE(field_says(kName)) << tree_.all_labels();
  }
  // From welcome to the consent screen, by taps.
  void to_consent(bool shots = false) {
    tap_id("language:en");
    ASSERT_TRUE(tree_.wait_for_screen("topics"));
    if (shots) shoot("volunteer-1-door");
    tap_id("volunteer-door");
    ASSERT_TRUE(tree_.wait_for_screen("volunteer-interests"));
    tap_id("interest:boodschappen");
    tap_id("interest:taalmaatje");
    ASSERT_TRUE(wait_until([&] {
      return tree_.selected() == std::vector<std::string>{"interest:boodschappen", "interest:taalmaatje"};
    }));
    if (shots) shoot("volunteer-2-interests");
    tap_id("next");
    ASSERT_TRUE(tree_.wait_for_screen("volunteer-when"));
    tap_id("when:mornings");
    ASSERT_TRUE(wait_until([&] { return tree_.selected() == std::vector<std::string>{"when:mornings"}; }));
    if (shots) shoot("volunteer-3-when");
    tap_id("next");
    ASSERT_TRUE(tree_.wait_for_screen("volunteer-name"));
    type_name(shots);
    if (shots) shoot("volunteer-4-name");
    tap_id("next");
    ASSERT_TRUE(tree_.wait_for_screen("volunteer-contact"));
    for (const char* d = kTyped; *d; ++d) {
      tap_id(std::string("key:") + *d);
      ASSERT_TRUE(field_says(std::string(kTyped, static_cast<std::size_t>(d - kTyped + 1))));
    }
    if (shots) shoot("volunteer-5-contact");
    tap_id("next");
    ASSERT_TRUE(tree_.wait_for_screen("volunteer-consent")) << tree_.all_labels();
    if (shots) shoot("volunteer-6-consent");
  }
  // The registrations the service holds for the location, as its staff see them.
  nlohmann::json registrations() {
    const auto login = http_request("POST", service_.url("/v1/login"), service_.ca_file(), {},
                                    nlohmann::json{{"location", service_.location()},
                                                   {"user", service_.staff_user()},
                                                   {"password", service_.staff_password()}}
                                        .dump());
    EXPECT_EQ(login.status, 200) << login.body;
    const std::string token = nlohmann::json::parse(login.body).value("token", "");
    const auto list = http_request("GET", service_.url("/v1/volunteers"), service_.ca_file(), token);
    EXPECT_EQ(list.status, 200) << list.body;
    return nlohmann::json::parse(list.body)["volunteers"];
  }
  // Every file a person's data could have ended up in, kiosk's and service's.
  void expect_nowhere(const std::string& text) {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir_.path()))
      if (entry.is_regular_file()) files.push_back(entry.path());
    for (const auto& entry : std::filesystem::recursive_directory_iterator(service_.dir()))
      if (entry.is_regular_file()) files.push_back(entry.path());
    ASSERT_FALSE(files.empty());
    for (const auto& f : files) {
      if (f.size() > 4 && f.substr(f.size() - 4) == ".png") continue;  // the screenshots, of the screen
      EXPECT_EQ(read_file(f).find(text), std::string::npos) << text << " is in " << f;
    }
    EXPECT_EQ(service_.server_log().find(text), std::string::npos) << "in the service's log";
  }
  int outbox_count() {
    const auto out = run_command(app_args({"outbox", "--config", dir_.file("kiosk.toml")}));
    EXPECT_EQ(out.exit_code, 0) << out.err;
    const auto j = nlohmann::json::parse(out.out);
    return j["pending"].get<int>();
  }
};

TEST_F(KioskVolunteerE2E, ByTapsToTheServiceOnceAndNoNameOrNumberLeftOnAnyDisk) {
  TestPrinter printer;
  write_config(60, {},
               "[printer]\nuri = \"" + printer.uri() + "\"\nmodel = \"epson-tm-t20\"\npaper_mm = 80\n");
  start_kiosk();
  to_consent(/*shots=*/true);
  EXPECT_NE(tree_.find("consent-what")->label.find(kStored), std::string::npos) << "what is kept, shown";
  tap_id("consent:yes");
  ASSERT_TRUE(tree_.wait_for_screen("volunteer-thanks"));
  const std::string reference = tree_.find("reference")->label;
  EXPECT_TRUE(std::regex_match(reference, std::regex("V-[0-9A-F]{6}"))) << reference;
  shoot("volunteer-7-thanks");
  ASSERT_TRUE(printer.wait_for_jobs(1, std::chrono::seconds(10))) << "the reference was not printed";
  const DecodedTicket slip = decode_escpos(printer.jobs().at(0));
  std::string printed;
  for (const auto& l : slip.text_lines) printed += l + "\n";
  EXPECT_NE(printed.find(reference), std::string::npos) << printed;
  EXPECT_EQ(printed.find("Zo"), std::string::npos) << "a name on paper: " << printed;

  nlohmann::json held;
  ASSERT_TRUE(wait_until([&] { return (held = registrations()).size() == 1; }, std::chrono::seconds(30)))
      << held.dump();
  EXPECT_EQ(held[0]["first_name"], kName);
  EXPECT_EQ(held[0]["contact"]["phone"], kStored);
  EXPECT_EQ(held[0]["reference"], reference);
  EXPECT_EQ(held[0]["interests"], (nlohmann::json{"boodschappen", "taalmaatje"}));
  EXPECT_EQ(held[0]["availability"], (nlohmann::json{"mornings"}));
  ASSERT_TRUE(wait_until([&] { return outbox_count() == 0; }));
  // Once more after a while: a retry never makes a second one.
  tap_id("back");
  ASSERT_TRUE(tree_.wait_for_screen("welcome"));
  EXPECT_EQ(registrations().size(), 1u);
  kiosk_->kill(SIGTERM);
  kiosk_->wait();
  service_.stop();
  expect_nowhere(kName);
  expect_nowhere("Zo\xC3");  // the name's first bytes, whatever follows
  expect_nowhere(kStored);
  expect_nowhere("612345678");
}

TEST_F(KioskVolunteerE2E, NoThanksStoresNothingAnywhere) {
  write_config();
  start_kiosk();
  to_consent();
  tap_id("consent:no");
  ASSERT_TRUE(tree_.wait_for_screen("welcome"));
  EXPECT_EQ(tree_.all_labels().find(kName), std::string::npos);
  EXPECT_EQ(outbox_count(), 0);
  EXPECT_TRUE(registrations().empty());
  kiosk_->kill(SIGTERM);
  kiosk_->wait();
  service_.stop();
  expect_nowhere(kName);
  expect_nowhere("612345678");
}

TEST_F(KioskVolunteerE2E, TheTimeoutForgetsAHalfFilledForm) {
  write_config(60, "session_timeout_s = 60\n");
  start_kiosk();
  tap_id("language:nl");
  ASSERT_TRUE(tree_.wait_for_screen("topics"));
  tap_id("volunteer-door");
  tap_id("interest:vervoer");
  tap_id("next");
  tap_id("when:weekends");
  tap_id("next");
  ASSERT_TRUE(tree_.wait_for_screen("volunteer-name"));
  type_name();
  // The resident walks away: the kiosk's clock moves past the timeout, however long the typing took on
  // this machine. The pointer moving over an empty spot wakes the kiosk without being a resident's tap.
  service_.clock().run_from(service_.now() + 61'000);
  int nudge = 0;
  ASSERT_TRUE(wait_until([&] {
    run_command({"/usr/bin/xdotool", "mousemove", "2", std::to_string(900 + (++nudge % 2))}, x_.env());
    return tree_.screen() == "welcome";
  })) << tree_.screen();
  EXPECT_EQ(tree_.all_labels().find(kName), std::string::npos);
  // The next resident through the door starts with an empty form.
  tap_id("language:en");
  tap_id("volunteer-door");
  ASSERT_TRUE(tree_.wait_for_screen("volunteer-interests"));
  EXPECT_TRUE(tree_.selected().empty()) << "the previous resident's choices are gone";
  EXPECT_EQ(outbox_count(), 0);
}

TEST_F(KioskVolunteerE2E, WithTheServiceDownTheRegistrationWaitsSealedAndArrivesOnce) {
  service_.stop();
  write_config();
  start_kiosk();
  to_consent();
  tap_id("consent:yes");
  ASSERT_TRUE(tree_.wait_for_screen("volunteer-thanks")) << "the resident never waits for the network";
  EXPECT_EQ(outbox_count(), 1);
  for (const char* f : {"data/outbox.db", "data/outbox.db-wal"})
    if (std::filesystem::exists(dir_.file(f))) {
      const std::string bytes = read_file(dir_.file(f));
      EXPECT_EQ(bytes.find(kName), std::string::npos) << f;
      EXPECT_EQ(bytes.find(kStored), std::string::npos) << f;
    }
  service_.start();
  nlohmann::json held;
  ASSERT_TRUE(wait_until([&] { return (held = registrations()).size() == 1; }, std::chrono::seconds(90)))
      << held.dump();
  EXPECT_EQ(held[0]["first_name"], kName);
  ASSERT_TRUE(wait_until([&] { return outbox_count() == 0; }));
  EXPECT_EQ(registrations().size(), 1u);
}

}  // namespace
}  // namespace wk::test
