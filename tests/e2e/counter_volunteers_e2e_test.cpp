// The counter's "Vrijwilligers" tab end to end: registrations the real wijkqueue holds (posted as a kiosk
// posts them) show at the real counter after a login, a filter by interest and part of the week matches
// in two taps, "handled" takes one off the service's list, and "vergeet mij" after its question removes
// one everywhere.
#include "e2e/walk_in_fixture.hpp"

namespace wk::test {
namespace {

class CounterVolunteersE2E : public WalkInE2E {
 protected:
  // Posted with the kiosk's token, as a kiosk's sync worker posts a registration.
  std::string register_volunteer(const std::string& id, const std::string& name,
                                 const nlohmann::json& contact, const std::string& interest,
                                 const std::string& when) {
    const nlohmann::json body = {{"id", id},
                                 {"created_at", to_rfc3339(service_.now())},
                                 {"language", "nl"},
                                 {"first_name", name},
                                 {"contact", contact},
                                 {"interests", {interest}},
                                 {"availability", {when}},
                                 {"consent", true}};
    const auto r = http_request("POST", service_.url("/v1/volunteers"), service_.ca_file(),
                                service_.kiosk_token(), body.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? nlohmann::json::parse(r.body).value("reference", "") : "";
  }
  nlohmann::json held() {
    const auto login = http_request("POST", service_.url("/v1/login"), service_.ca_file(), {},
                                    nlohmann::json{{"location", service_.location()},
                                                   {"user", service_.staff_user()},
                                                   {"password", service_.staff_password()}}
                                        .dump());
    const std::string token = nlohmann::json::parse(login.body).value("token", "");
    const auto list = http_request("GET", service_.url("/v1/volunteers"), service_.ca_file(), token);
    EXPECT_EQ(list.status, 200) << list.body;
    return nlohmann::json::parse(list.body)["volunteers"];
  }
  bool shows(const std::string& id) { return counter_tree_.find(id).has_value(); }
};

TEST_F(CounterVolunteersE2E, FilterInTwoTapsHandleAndForget) {
  const std::string sem = "6f1c2b9e-3d4a-4b5c-8d6e-7f8091a2b3c4";
  const std::string noor = "0a1b2c3d-4e5f-4a6b-9c7d-8e9fa0b1c2d3";
  register_volunteer(sem, "Sem", {{"phone", "+31612345678"}}, "boodschappen", "mornings");
  register_volunteer(noor, "Noor", {{"email", "noor@example.nl"}}, "vervoer", "weekends");
  start_display_and_counter();
  log_in(*counter_x_, counter_tree_);
  click(*counter_x_, counter_tree_, "tab:volunteers");
  ASSERT_TRUE(counter_tree_.wait_for_element("volunteer-name:" + sem)) << counter_tree_.all_labels();
  ASSERT_TRUE(counter_tree_.wait_for_element("volunteer-name:" + noor));
  EXPECT_EQ(counter_tree_.find("volunteer-contact:" + sem)->label, "+31612345678");
  EXPECT_EQ(counter_tree_.find("volunteer-contact:" + noor)->label, "noor@example.nl");

  // Someone needs help with shopping on a Tuesday morning: two taps.
  click(*counter_x_, counter_tree_, "interest:boodschappen");
  click(*counter_x_, counter_tree_, "availability:mornings");
  ASSERT_TRUE(wait_until([&] { return shows("volunteer-name:" + sem) && !shows("volunteer-name:" + noor); }))
      << counter_tree_.all_labels();
  if (std::getenv("WIJKKIOSK_SCREENSHOTS")) {
    screenshot(*counter_x_, dir_.file("counter-volunteers.png"));
    keep_screenshot(dir_.file("counter-volunteers.png"), "counter-volunteers");
  }
  click(*counter_x_, counter_tree_, "handled:" + sem);
  ASSERT_TRUE(wait_until([&] { return held().size() == 1; })) << held().dump();
  EXPECT_EQ(held()[0]["id"], noor);
  ASSERT_TRUE(wait_until([&] { return !shows("volunteer-name:" + sem); })) << "a handled one stays listed";

  click(*counter_x_, counter_tree_, "volunteer-filter-clear");
  click(*counter_x_, counter_tree_, "forget:" + noor);
  ASSERT_TRUE(counter_tree_.wait_for_element("forget-question"));
  EXPECT_EQ(held().size(), 1u) << "nothing is forgotten before the question is answered";
  click(*counter_x_, counter_tree_, "forget-yes");
  ASSERT_TRUE(wait_until([&] { return held().empty(); }));
  ASSERT_TRUE(wait_until([&] { return !shows("volunteer-name:" + noor); }));
  const std::string db = read_file(service_.db_file());
  EXPECT_EQ(db.find("noor@example.nl"), std::string::npos);
}

}  // namespace
}  // namespace wk::test
