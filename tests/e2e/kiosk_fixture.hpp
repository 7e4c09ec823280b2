#pragma once
// The kiosk end to end, shared by the e2e suites: a real wijkqueue over real TLS, the real app in a real
// X server, taps through xdotool, QR codes read back from screenshots with zbarimg.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "e2e/gui_harness.hpp"
#include "support/http_client.hpp"
#include "support/test_clock.hpp"
#include "support/wait.hpp"
#include "support/wijkqueue.hpp"

namespace wk::test {

// The demo location's config (with pictograms), under the test location's id.
inline std::string demo_config(const std::string& id) {
  std::string toml = read_file(std::string(WIJKKIOSK_SOURCE_DIR) + "/assets/locations/demo.toml");
  return std::regex_replace(toml, std::regex("id = \"demo\""), "id = \"" + id + "\"",
                            std::regex_constants::format_first_only);
}

// Screens are saved to docs/screenshots when WIJKKIOSK_SCREENSHOTS names that folder (make screenshots).
inline void keep_screenshot(const std::string& png, const std::string& name) {
  if (const char* dir = std::getenv("WIJKKIOSK_SCREENSHOTS"))
    std::filesystem::copy_file(png, std::string(dir) + "/" + name + ".png",
                               std::filesystem::copy_options::overwrite_existing);
}

// The service for the kiosk tests: the demo location's config.
inline WijkqueueOptions demo_service() {
  WijkqueueOptions o;
  o.config_toml = demo_config("centrum");
  return o;
}

class KioskE2E : public ::testing::Test {
 protected:
  // `service`: the service's options; its config is the kiosk's location.toml too (the demo location's).
  explicit KioskE2E(WijkqueueOptions service = demo_service())
      : location_toml_(service.config_toml.value_or(demo_config("centrum"))),
        service_(std::move(service)),
        x_(1080, 1920),
        tree_(dir_.file("tree.json")) {}

  void SetUp() override {
    // Kiosk and service share one running clock on an ordinary weekday, whatever the real date: every app
    // a test starts gets the service's clock file (app_args).
    service_.clock().run_from(an_ordinary_weekday());
    write_file(dir_.file("location.toml"), location_toml_);
    write_file(dir_.file("kiosk.token"), service_.kiosk_token());
    ::chmod(dir_.file("kiosk.token").c_str(), 0600);
  }

  void write_config(int ticket_timeout_s = 60, const std::string& kiosk_extra = {},
                    const std::string& more = {}) {
    write_file(dir_.file("kiosk.toml"),
               "role = \"kiosk\"\nlocation = \"centrum\"\ndata_dir = \"data\"\n"
               "location_config = \"location.toml\"\n[service]\nurl = \"" +
                   service_.base_url() + "\"\nca_file = \"" + service_.ca_file() +
                   "\"\ntoken_file = \"kiosk.token\"\n[kiosk]\nticket_timeout_s = " +
                   std::to_string(ticket_timeout_s) + "\n" + kiosk_extra + "[screen]\ndpi = 110\n" + more);
  }

  // `wijkkiosk ARGS... --test-clock FILE`: the app on the service's clock (or on `clock_file`).
  std::vector<std::string> app_args(std::vector<std::string> args, const std::string& clock_file = {}) {
    args.insert(args.begin(), bin_path("wijkkiosk"));
    args.insert(args.end(), {"--test-clock", clock_file.empty() ? service_.clock().path() : clock_file});
    return args;
  }

  void start_kiosk(const std::string& clock_file = {}) {
    kiosk_.emplace(Process::start(app_args({"--role", "kiosk", "--config", dir_.file("kiosk.toml"),
                                            "--ui-tree", dir_.file("tree.json")},
                                           clock_file),
                                  dir_.file("kiosk.out"), dir_.file("kiosk.err"), x_.env()));
    ASSERT_TRUE(tree_.wait_for_screen("welcome")) << read_file(dir_.file("kiosk.err"));
  }

  void tap_id(const std::string& id) {
    ASSERT_TRUE(tree_.wait_for_element(id)) << "no " << id << " on screen " << tree_.screen();
    tap(x_, *tree_.find(id));
  }

  // Language, topic: the two taps from welcome to a ticket. Returns the QR's text from a screenshot.
  std::string take_ticket(const std::string& language, const std::string& topic,
                          const std::string& shots = {}) {
    if (!shots.empty()) {
      screenshot(x_, dir_.file("s.png"));
      keep_screenshot(dir_.file("s.png"), shots + "-1-welcome");
    }
    tap_id("language:" + language);
    EXPECT_TRUE(tree_.wait_for_screen("topics"));
    if (!shots.empty()) {
      screenshot(x_, dir_.file("s.png"));
      keep_screenshot(dir_.file("s.png"), shots + "-2-topics");
    }
    tap_id("topic:" + topic);
    EXPECT_TRUE(tree_.wait_for_screen("ticket")) << tree_.screen();
    EXPECT_TRUE(tree_.wait_for_element("ticket-qr"));
    // The QR is read from what is on the glass; retry while a frame may still be on its way.
    std::string qr;
    wait_until([&] {
      screenshot(x_, dir_.file("ticket.png"));
      qr = read_qr(dir_.file("ticket.png"));
      return !qr.empty();
    });
    if (!shots.empty()) keep_screenshot(dir_.file("ticket.png"), shots + "-3-ticket");
    return qr;
  }

  std::string token_of(const std::string& url) {
    const std::string prefix = service_.base_url() + "/t/";
    EXPECT_EQ(url.rfind(prefix, 0), 0u) << url;
    return url.substr(prefix.size());
  }

  HttpResponse public_ticket(const std::string& token) {
    return http_request("GET", service_.url("/v1/public/tickets/" + token), service_.ca_file());
  }

  TempDir dir_{"kiosk-e2e"};
  std::string location_toml_;
  Wijkqueue service_;
  Xvfb x_;
  UiTreeFile tree_;
  std::optional<Process> kiosk_;
};

}  // namespace wk::test
