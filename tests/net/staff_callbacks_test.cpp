// The counter's calls for the "Terugbellen" tab (StaffClient) against a real wijkqueue over real TLS: the
// location's own list, take (only then the number), the outcomes, and how 403 and 409 come back to core.
#include "net/staff_client.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>

#include "core/callback.hpp"
#include "core/failure.hpp"
#include "net_test_util.hpp"

namespace wk::net {
namespace {

using testing::client_options;

constexpr const char* kCallback = "\n[callback]\nretention_days = 30\n";
constexpr const char* kPhone = "+31612345678";

test::WijkqueueOptions with_callbacks() {
  test::WijkqueueOptions o;
  o.config_toml = test::test_location_toml(o.location) + kCallback;
  return o;
}

class StaffCallbacksTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    service_ = new test::Wijkqueue(with_callbacks());
    service_->add_staff("centrum", "collega", "collega-wachtwoord");
    // A second location with its own kiosk and staff: its requests are not centrum's.
    service_->add_location("noord");
    const std::string config = service_->dir() + "/noord.toml";
    std::ofstream(config) << test::test_location_toml("noord") + kCallback;
    const auto set = service_->cli(
        {"location", "set-config", "--dir", service_->dir(), "--id", "noord", "--file", config});
    std::filesystem::remove(config);
    if (set.exit_code != 0) throw std::runtime_error("set-config noord: " + set.err);
    noord_kiosk_ = new std::string(service_->add_device("kiosk", "noord"));
    service_->add_staff("noord", "noord-balie", "noord-wachtwoord");
  }
  static void TearDownTestSuite() {
    delete service_;
    delete noord_kiosk_;
    service_ = nullptr;
    noord_kiosk_ = nullptr;
  }
  static test::Wijkqueue& service() { return *service_; }

  // A request as a kiosk of `kiosk_token`'s location hands it in; its id.
  static std::string ask_callback(const std::string& kiosk_token, const std::string& id) {
    CallbackRequest c;
    c.id = id;
    c.created_at = service().now() - 60'000;
    c.language = "nl";
    c.topic = "schulden";
    c.phone = kPhone;
    c.part_of_day = PartOfDay::afternoon;
    c.consent = true;
    QueueClient kiosk(client_options(service(), kiosk_token));
    auto r = kiosk.post("/v1/callbacks", callback_to_json(c).dump());
    EXPECT_TRUE(r.ok());
    if (r.ok()) {
      EXPECT_EQ(r->status, 201) << r->body;
    }
    return id;
  }

  static std::unique_ptr<StaffClient> staff(const std::string& location, const std::string& user,
                                            const std::string& password) {
    auto client = std::make_unique<StaffClient>(client_options(service(), ""));
    auto in = client->login(location, user, password);
    EXPECT_TRUE(in.ok()) << (in.ok() ? "" : to_string(in.error()));
    return client;
  }
  static std::unique_ptr<StaffClient> centrum() {
    return staff("centrum", service().staff_user(), service().staff_password());
  }
  static std::unique_ptr<StaffClient> colleague() {
    return staff("centrum", "collega", "collega-wachtwoord");
  }
  static std::unique_ptr<StaffClient> noord() { return staff("noord", "noord-balie", "noord-wachtwoord"); }

  static test::Wijkqueue* service_;
  static std::string* noord_kiosk_;
};
test::Wijkqueue* StaffCallbacksTest::service_ = nullptr;
std::string* StaffCallbacksTest::noord_kiosk_ = nullptr;

const counter::Callback* find(const std::vector<counter::Callback>& rows, const std::string& id) {
  for (const auto& c : rows)
    if (c.id == id) return &c;
  return nullptr;
}

TEST_F(StaffCallbacksTest, ListTakeAndTheOutcomesAtTheOwnLocationOnly) {
  const std::string mine = ask_callback(service().kiosk_token(), "7e1d0c2b-5a4f-4b3e-9d8c-00000000c001");
  const std::string theirs = ask_callback(*noord_kiosk_, "7e1d0c2b-5a4f-4b3e-9d8c-00000000a001");
  auto me = centrum();
  auto rows = me->callbacks();
  ASSERT_TRUE(rows.ok()) << to_string(rows.error());
  ASSERT_TRUE(find(*rows, mine));
  EXPECT_FALSE(find(*rows, theirs)) << "another location's request is not listed";
  const counter::Callback listed = *find(*rows, mine);
  EXPECT_EQ(listed.reference, callback::reference_of(mine));
  EXPECT_EQ(listed.topic, "schulden");
  EXPECT_EQ(listed.part_of_day, PartOfDay::afternoon);
  EXPECT_EQ(listed.state, counter::CallbackState::open);
  EXPECT_EQ(listed.attempts, 0);
  EXPECT_GT(listed.created_at, 0);
  EXPECT_TRUE(listed.phone.empty()) << "no number before it is taken";

  auto n = noord();
  auto other = n->callbacks();
  ASSERT_TRUE(other.ok()) << to_string(other.error());
  EXPECT_TRUE(find(*other, theirs));
  EXPECT_FALSE(find(*other, mine));
  auto foreign = n->take_callback(mine);
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(failure_of(foreign.error()), Failure::forbidden) << to_string(foreign.error());

  auto took = me->take_callback(mine);
  ASSERT_TRUE(took.ok()) << to_string(took.error());
  EXPECT_TRUE(took->taken_by_me);
  EXPECT_EQ(took->state, counter::CallbackState::taken);
  EXPECT_EQ(took->phone, kPhone);
  auto foreign_outcome = n->callback_outcome(mine, counter::CallOutcome::done);
  ASSERT_FALSE(foreign_outcome.ok());
  EXPECT_EQ(failure_of(foreign_outcome.error()), Failure::forbidden);

  // A colleague sees it taken, without the number, and can neither take it nor close it.
  auto col = colleague();
  auto seen = col->callbacks();
  ASSERT_TRUE(seen.ok());
  ASSERT_TRUE(find(*seen, mine));
  EXPECT_EQ(find(*seen, mine)->state, counter::CallbackState::taken);
  EXPECT_FALSE(find(*seen, mine)->taken_by_me);
  EXPECT_TRUE(find(*seen, mine)->phone.empty());
  auto twice = col->take_callback(mine);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(failure_of(twice.error()), Failure::conflict) << to_string(twice.error());
  auto not_theirs = col->callback_outcome(mine, counter::CallOutcome::reached);
  ASSERT_FALSE(not_theirs.ok());
  EXPECT_EQ(failure_of(not_theirs.error()), Failure::conflict) << to_string(not_theirs.error());

  // Not reached: open again, one attempt more, no number; then reached: gone from the list.
  ASSERT_TRUE(me->callback_outcome(mine, counter::CallOutcome::not_reached).ok());
  rows = me->callbacks();
  ASSERT_TRUE(rows.ok());
  ASSERT_TRUE(find(*rows, mine));
  EXPECT_EQ(find(*rows, mine)->state, counter::CallbackState::open);
  EXPECT_EQ(find(*rows, mine)->attempts, 1);
  EXPECT_TRUE(find(*rows, mine)->phone.empty());
  ASSERT_TRUE(col->take_callback(mine).ok()) << "open again: anyone may try";
  ASSERT_TRUE(col->callback_outcome(mine, counter::CallOutcome::reached).ok());
  rows = me->callbacks();
  ASSERT_TRUE(rows.ok());
  EXPECT_FALSE(find(*rows, mine)) << "a reached request is closed";
  ASSERT_TRUE(n->take_callback(theirs).ok());
  ASSERT_TRUE(n->callback_outcome(theirs, counter::CallOutcome::done).ok());
  EXPECT_EQ(service().server_log().find("612345678"), std::string::npos) << "the number is never logged";
}

TEST_F(StaffCallbacksTest, AnUnknownRequestIsNotFoundAndAStrangeIdIsNotSent) {
  auto me = centrum();
  auto unknown = me->take_callback("7e1d0c2b-5a4f-4b3e-9d8c-0000000000ff");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(failure_of(unknown.error()), Failure::not_found) << to_string(unknown.error());
  for (const char* id : {"../../v1/queue", "", "7e1d0c2b-5a4f-4b3e-9d8c-00000000c00/"}) {
    auto took = me->take_callback(id);
    ASSERT_FALSE(took.ok()) << id;
    EXPECT_EQ(took.error().code, "bad_request") << id;
    auto closed = me->callback_outcome(id, counter::CallOutcome::done);
    ASSERT_FALSE(closed.ok()) << id;
    EXPECT_EQ(closed.error().code, "bad_request") << id;
  }
  EXPECT_EQ(service().server_log().find("../"), std::string::npos) << "no request went out";
}

TEST_F(StaffCallbacksTest, OnlyStaffMayReadTheList) {
  QueueClient kiosk(client_options(service(), service().kiosk_token()));
  auto r = kiosk.get("/v1/callbacks");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 403) << r->body;
}

}  // namespace
}  // namespace wk::net
