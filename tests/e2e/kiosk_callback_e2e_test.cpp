// "Bel mij terug" end to end: a resident asks to be called back by taps alone on the real kiosk (a topic,
// the number on the touch keyboard, a part of the day, consent), keeps a short reference on screen and on
// paper, and the request reaches the real wijkqueue once. Afterwards no byte of the kiosk's database, its
// WAL, the service's files or any log holds the number, in any of the forms it was typed or kept in. "No
// thanks" stores nothing anywhere.
#include "e2e/kiosk_fixture.hpp"
#include "support/escpos_decode.hpp"
#include "support/test_printer.hpp"

namespace wk::test {
namespace {

constexpr const char* kTyped = "0698765432";
constexpr const char* kStored = "+31698765432";
// Every form the number could leave a trace in: as typed, in E.164, without the +, its own digits.
const std::vector<std::string> kForms = {kTyped, kStored, "31698765432", "698765432"};

// The demo location, calling back.
WijkqueueOptions calling_back() {
  WijkqueueOptions o = demo_service();
  *o.config_toml += "\n[callback]\nretention_days = 30\n";
  return o;
}

class KioskCallbackE2E : public KioskE2E {
 protected:
  KioskCallbackE2E() : KioskE2E(calling_back()) {}
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
  // From welcome to the consent screen, by taps.
  void to_consent(bool shots = false) {
    tap_id("language:en");
    ASSERT_TRUE(tree_.wait_for_screen("topics"));
    tap_id("callback-door");
    ASSERT_TRUE(tree_.wait_for_screen("callback-topic")) << tree_.screen();
    tap_id("next");  // nothing chosen yet: the form says what to do
    ASSERT_TRUE(tree_.wait_for_element("problem"));
    tap_id("topic:schulden");
    ASSERT_TRUE(wait_until([&] { return tree_.selected() == std::vector<std::string>{"topic:schulden"}; }));
    tap_id("next");
    ASSERT_TRUE(tree_.wait_for_screen("callback-phone"));
    for (const char* d = kTyped; *d; ++d) {
      tap_id(std::string("key:") + *d);
      ASSERT_TRUE(field_says(std::string(kTyped, static_cast<std::size_t>(d - kTyped + 1))));
    }
    if (shots) shoot("kiosk-callback-phone");
    tap_id("next");
    ASSERT_TRUE(tree_.wait_for_screen("callback-when")) << tree_.all_labels();
    tap_id("when:morning");
    ASSERT_TRUE(wait_until([&] { return tree_.selected() == std::vector<std::string>{"when:morning"}; }));
    tap_id("next");
    ASSERT_TRUE(tree_.wait_for_screen("callback-consent")) << tree_.all_labels();
  }
  std::string staff_token() {
    const auto login = http_request("POST", service_.url("/v1/login"), service_.ca_file(), {},
                                    nlohmann::json{{"location", service_.location()},
                                                   {"user", service_.staff_user()},
                                                   {"password", service_.staff_password()}}
                                        .dump());
    EXPECT_EQ(login.status, 200) << login.body;
    return nlohmann::json::parse(login.body).value("token", "");
  }
  // The requests the service holds for the location, as its staff see them.
  nlohmann::json requests() {
    const auto list = http_request("GET", service_.url("/v1/callbacks"), service_.ca_file(), staff_token());
    EXPECT_EQ(list.status, 200) << list.body;
    return nlohmann::json::parse(list.body).value("callbacks", nlohmann::json::array());
  }
  // Every file the number could have ended up in, the kiosk's (its database, WAL, stdout, stderr) and the
  // service's (its database, WAL and log).
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
    EXPECT_EQ(service_.server_log().find(text), std::string::npos) << text << " is in the service's log";
  }
  int outbox_count() {
    const auto out = run_command(app_args({"outbox", "--config", dir_.file("kiosk.toml")}));
    EXPECT_EQ(out.exit_code, 0) << out.err;
    return nlohmann::json::parse(out.out)["pending"].get<int>();
  }
};

TEST_F(KioskCallbackE2E, ByTapsToTheServiceOnceAndTheNumberLeftOnNoDiskAndInNoLog) {
  TestPrinter printer;
  write_config(60, {},
               "[printer]\nuri = \"" + printer.uri() + "\"\nmodel = \"epson-tm-t20\"\npaper_mm = 80\n");
  start_kiosk();
  to_consent(/*shots=*/true);
  EXPECT_NE(tree_.find("consent-what")->label.find(kStored), std::string::npos) << "what is kept, shown";
  tap_id("consent:yes");
  ASSERT_TRUE(tree_.wait_for_screen("callback-thanks"));
  const std::string reference = tree_.find("reference")->label;
  EXPECT_TRUE(std::regex_match(reference, std::regex("B-[0-9A-F]{6}"))) << reference;
  shoot("kiosk-callback-thanks");
  ASSERT_TRUE(printer.wait_for_jobs(1, std::chrono::seconds(10))) << "the reference was not printed";
  const DecodedTicket slip = decode_escpos(printer.jobs().at(0));
  std::string printed;
  for (const auto& l : slip.text_lines) printed += l + "\n";
  EXPECT_NE(printed.find(reference), std::string::npos) << printed;
  EXPECT_EQ(printed.find("98765"), std::string::npos) << "a number on paper: " << printed;

  nlohmann::json held;
  ASSERT_TRUE(wait_until([&] { return (held = requests()).size() == 1; }, std::chrono::seconds(30)))
      << held.dump();
  EXPECT_EQ(held[0]["reference"], reference);
  EXPECT_EQ(held[0]["topic"], "schulden");
  EXPECT_EQ(held[0]["part_of_day"], "morning");
  EXPECT_EQ(held[0]["language"], "en");
  EXPECT_FALSE(held[0].contains("phone")) << "the number only for whoever takes it";
  // The staff member who takes it gets the number as it was checked at the kiosk.
  const auto taken =
      http_request("POST", service_.url("/v1/callbacks/" + held[0]["id"].get<std::string>() + "/take"),
                   service_.ca_file(), staff_token(), "{}");
  ASSERT_EQ(taken.status, 200) << taken.body;
  EXPECT_EQ(nlohmann::json::parse(taken.body)["phone"], kStored);
  ASSERT_TRUE(wait_until([&] { return outbox_count() == 0; }));
  // The resident is done: the screen forgets them, and a retry never makes a second request.
  tap_id("back");
  ASSERT_TRUE(tree_.wait_for_screen("welcome"));
  EXPECT_EQ(tree_.all_labels().find("98765"), std::string::npos);
  EXPECT_EQ(requests().size(), 1u);
  kiosk_->kill(SIGTERM);
  kiosk_->wait();
  service_.stop();
  for (const auto& form : kForms) expect_nowhere(form);
}

TEST_F(KioskCallbackE2E, NoThanksStoresNothingAnywhere) {
  write_config();
  start_kiosk();
  to_consent();
  tap_id("consent:no");
  ASSERT_TRUE(tree_.wait_for_screen("welcome"));
  EXPECT_EQ(tree_.all_labels().find("98765"), std::string::npos);
  EXPECT_EQ(outbox_count(), 0);
  EXPECT_TRUE(requests().empty());
  kiosk_->kill(SIGTERM);
  kiosk_->wait();
  service_.stop();
  for (const auto& form : kForms) expect_nowhere(form);
}

}  // namespace
}  // namespace wk::test
