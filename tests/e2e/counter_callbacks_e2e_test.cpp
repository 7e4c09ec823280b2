// The counter's "Terugbellen" tab and a ticket joined from home, end to end: a call-back request the real
// wijkqueue holds (handed in as a kiosk hands it in) shows at the real counter without its number,
// "Bellen" shows the number, "Bereikt" closes it at the service and takes it off the tab; a resident who
// joined from home is marked "thuis" at the desk, and "Later opnieuw" puts their ticket back in the line.
#include "e2e/walk_in_fixture.hpp"

namespace wk::test {
namespace {

constexpr const char* kRequest = "b0ca11ed-0000-4000-8000-00000000e2e1";

class CounterCallbacksE2E : public WalkInE2E {
 protected:
  void SetUp() override {
    WalkInE2E::SetUp();
    // The demo location with the join page and the call-back door.
    write_file(dir_.file("centrum-join.toml"), demo_config("centrum") +
                                                   "\n[join]\ntopics = [\"schulden\"]\nphone = \"023 511 "
                                                   "5000\"\n\n[callback]\nretention_days = 30\n");
    const auto set = service_.cli({"location", "set-config", "--dir", service_.dir(), "--id", "centrum",
                                   "--file", dir_.file("centrum-join.toml")});
    ASSERT_EQ(set.exit_code, 0) << set.err;
  }
  // Handed in with the kiosk's token, as a kiosk's sync worker hands it in; its reference.
  std::string ask_callback() {
    const nlohmann::json body = {{"id", kRequest},        {"created_at", to_rfc3339(service_.now())},
                                 {"language", "nl"},      {"topic", "schulden"},
                                 {"phone", "0612345678"}, {"part_of_day", "morning"},
                                 {"consent", true}};
    const auto r = http_request("POST", service_.url("/v1/callbacks"), service_.ca_file(),
                                service_.kiosk_token(), body.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? nlohmann::json::parse(r.body).value("reference", "") : "";
  }
  // A resident joins from home on their phone: the join page's form.
  void join_from_home() {
    const auto r = http_request("POST", service_.url("/join/centrum"), service_.ca_file(), {},
                                "id=c0ffee00-0000-4000-8000-00000000e2e2&lang=nl&topic=schulden",
                                {"Content-Type: application/x-www-form-urlencoded"});
    ASSERT_EQ(r.status, 303) << r.body;
  }
  std::string staff_token() {
    const auto login = http_request("POST", service_.url("/v1/login"), service_.ca_file(), {},
                                    nlohmann::json{{"location", service_.location()},
                                                   {"user", service_.staff_user()},
                                                   {"password", service_.staff_password()}}
                                        .dump());
    return nlohmann::json::parse(login.body).value("token", "");
  }
  nlohmann::json staff_get(const std::string& path) {
    const auto r = http_request("GET", service_.url(path), service_.ca_file(), staff_token());
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? nlohmann::json::parse(r.body) : nlohmann::json::object();
  }
  // The remote ticket's id while it waits ("S-W01": its code says so); empty when none waits.
  std::string waiting_remote() {
    for (const auto& t : staff_get("/v1/queue").value("waiting", nlohmann::json::array()))
      if (t.value("code", "").find("-W") != std::string::npos) return t.value("id", "");
    return "";
  }
  bool shows(const std::string& id) { return counter_tree_.find(id).has_value(); }
};

TEST_F(CounterCallbacksE2E, BellenShowsTheNumberBereiktClosesItAndFromHomeGoesBackLater) {
  const std::string reference = ask_callback();
  join_from_home();
  const std::string remote = waiting_remote();
  ASSERT_FALSE(remote.empty()) << staff_get("/v1/queue").dump();
  start_display_and_counter();
  log_in(*counter_x_, counter_tree_);

  click(*counter_x_, counter_tree_, "tab:callbacks");
  ASSERT_TRUE(counter_tree_.wait_for_element("callback-take:" + std::string(kRequest)))
      << counter_tree_.all_labels();
  EXPECT_EQ(counter_tree_.find("callback-ref:" + std::string(kRequest))->label, reference);
  EXPECT_EQ(counter_tree_.find("callback-when:" + std::string(kRequest))->label, "In de ochtend");
  EXPECT_EQ(counter_tree_.all_labels().find("612345678"), std::string::npos) << "no number before Bellen";

  click(*counter_x_, counter_tree_, "callback-take:" + std::string(kRequest));
  ASSERT_TRUE(counter_tree_.wait_for_element("callback-phone:" + std::string(kRequest)))
      << counter_tree_.all_labels();
  EXPECT_EQ(counter_tree_.find("callback-phone:" + std::string(kRequest))->label, "+31612345678");
  if (std::getenv("WIJKKIOSK_SCREENSHOTS")) {
    screenshot(*counter_x_, dir_.file("counter-callbacks.png"));
    keep_screenshot(dir_.file("counter-callbacks.png"), "counter-callbacks");
  }
  click(*counter_x_, counter_tree_, "callback-reached:" + std::string(kRequest));
  ASSERT_TRUE(wait_until([&] { return staff_get("/v1/callbacks")["callbacks"].empty(); }))
      << staff_get("/v1/callbacks").dump();
  ASSERT_TRUE(wait_until([&] { return !shows("callback-ref:" + std::string(kRequest)); }))
      << counter_tree_.all_labels();
  EXPECT_EQ(counter_tree_.all_labels().find("612345678"), std::string::npos) << "the number is gone";

  // Back to the queue: the one waiting is the resident from home; not here yet, so later again.
  click(*counter_x_, counter_tree_, "tab:queue");
  ASSERT_TRUE(counter_tree_.wait_for_element("call-next"));
  click(*counter_x_, counter_tree_, "call-next");
  ASSERT_TRUE(counter_tree_.wait_for_element("current-remote")) << counter_tree_.all_labels();
  EXPECT_EQ(waiting_remote(), "") << "called, so no longer waiting";
  click(*counter_x_, counter_tree_, "later");
  ASSERT_TRUE(wait_until([&] { return waiting_remote() == remote; })) << staff_get("/v1/queue").dump();
  ASSERT_TRUE(wait_until([&] { return !shows("current-remote") && !shows("later"); }))
      << counter_tree_.all_labels();

  EXPECT_EQ(read_file(dir_.file("counter.err")).find("612345678"), std::string::npos) << "never logged";
}

}  // namespace
}  // namespace wk::test
