// The counter's calls for the volunteers tab (StaffClient) against a real wijkqueue over real TLS: the
// location's own list, handled, "vergeet mij", and how 403 and 404 come back to core.
#include "net/staff_client.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>

#include "core/failure.hpp"
#include "core/volunteer.hpp"
#include "net_test_util.hpp"
#include "support/sample_volunteer.hpp"

namespace wk::net {
namespace {

using testing::client_options;

constexpr const char* kInterests = R"(
[[interests]]
id = "boodschappen"
names = { nl = "Boodschappen doen", en = "Shopping for someone" }

[[interests]]
id = "taalmaatje"
names = { nl = "Taalmaatje", en = "Language buddy" }
)";

test::WijkqueueOptions with_interests() {
  test::WijkqueueOptions o;
  o.config_toml = test::test_location_toml(o.location) + kInterests;
  return o;
}

class StaffVolunteersTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    service_ = new test::Wijkqueue(with_interests());
    // A second location with its own kiosk and staff: its registrations are not centrum's.
    service_->add_location("noord");
    const std::string config = service_->dir() + "/noord.toml";
    std::ofstream(config) << test::test_location_toml("noord") + kInterests;
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

  // A registration as a kiosk of `kiosk_token`'s location sends it; its id.
  static std::string register_volunteer(const std::string& kiosk_token, const std::string& id,
                                        std::vector<Availability> when = {Availability::mornings}) {
    VolunteerRegistration v = test::sample_volunteer(service().now());
    v.id = id;
    v.availability = std::move(when);
    QueueClient kiosk(client_options(service(), kiosk_token));
    auto r = kiosk.post("/v1/volunteers", volunteer_to_json(v).dump());
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
  static std::unique_ptr<StaffClient> noord() { return staff("noord", "noord-balie", "noord-wachtwoord"); }

  static test::Wijkqueue* service_;
  static std::string* noord_kiosk_;
};
test::Wijkqueue* StaffVolunteersTest::service_ = nullptr;
std::string* StaffVolunteersTest::noord_kiosk_ = nullptr;

std::vector<std::string> ids(const std::vector<counter::Volunteer>& rows) {
  std::vector<std::string> out;
  for (const auto& v : rows) out.push_back(v.id);
  return out;
}

TEST_F(StaffVolunteersTest, EachLocationsStaffSeeTheirOwnAndHandleOnlyThose) {
  const std::string mine =
      register_volunteer(service().kiosk_token(), "5f0c9a4e-8d4b-4a4e-9d7e-00000000c001");
  const std::string theirs = register_volunteer(*noord_kiosk_, "5f0c9a4e-8d4b-4a4e-9d7e-00000000a001",
                                                {Availability::evenings, Availability::weekends});
  auto c = centrum();
  auto rows = c->volunteers();
  ASSERT_TRUE(rows.ok()) << to_string(rows.error());
  ASSERT_EQ(ids(rows.value()), (std::vector<std::string>{mine}));
  const counter::Volunteer& v = rows->front();
  EXPECT_EQ(v.reference.rfind("V-", 0), 0u) << v.reference;
  EXPECT_EQ(v.first_name, test::kSampleVolunteerName);
  EXPECT_EQ(v.phone, test::kSampleVolunteerPhone);
  EXPECT_TRUE(v.email.empty());
  EXPECT_EQ(v.interests, (std::vector<std::string>{"boodschappen"}));
  EXPECT_EQ(v.availability, (std::vector<Availability>{Availability::mornings}));
  EXPECT_GT(v.created_at, 0);

  auto n = noord();
  auto other = n->volunteers();
  ASSERT_TRUE(other.ok()) << to_string(other.error());
  EXPECT_EQ(ids(other.value()), (std::vector<std::string>{theirs}));

  // Another location's registration: 403, which core reads as forbidden; a made-up one: 404.
  auto handled = n->volunteer_handled(mine);
  ASSERT_FALSE(handled.ok());
  EXPECT_EQ(failure_of(handled.error()), Failure::forbidden) << to_string(handled.error());
  auto forgotten = n->forget_volunteer(mine);
  ASSERT_FALSE(forgotten.ok());
  EXPECT_EQ(failure_of(forgotten.error()), Failure::forbidden) << to_string(forgotten.error());
  auto unknown = c->volunteer_handled("5f0c9a4e-8d4b-4a4e-9d7e-0000000000ff");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(failure_of(unknown.error()), Failure::not_found) << to_string(unknown.error());

  auto ok = c->volunteer_handled(mine);
  ASSERT_TRUE(ok.ok()) << to_string(ok.error());
  rows = c->volunteers();
  ASSERT_TRUE(rows.ok());
  EXPECT_TRUE(rows->empty()) << "a handled registration is no longer listed";
  ASSERT_TRUE(n->volunteer_handled(theirs).ok());
}

TEST_F(StaffVolunteersTest, VergeetMijRemovesItAtOnceAndASecondTimeIsNotFound) {
  const std::string id = register_volunteer(service().kiosk_token(), "5f0c9a4e-8d4b-4a4e-9d7e-00000000c002");
  auto c = centrum();
  auto gone = c->forget_volunteer(id);
  ASSERT_TRUE(gone.ok()) << to_string(gone.error());
  auto rows = c->volunteers();
  ASSERT_TRUE(rows.ok());
  const auto listed = ids(rows.value());
  EXPECT_EQ(std::find(listed.begin(), listed.end(), id), listed.end());
  auto again = c->forget_volunteer(id);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(failure_of(again.error()), Failure::not_found);
}

TEST_F(StaffVolunteersTest, OnlyStaffMayReadTheList) {
  QueueClient kiosk(client_options(service(), service().kiosk_token()));
  auto r = kiosk.get("/v1/volunteers");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 403) << r->body;
}

// An id goes into the request's path: one that is not a UUID is never sent.
TEST_F(StaffVolunteersTest, AnIdThatIsNoUuidIsNotSent) {
  auto c = centrum();
  for (const char* id : {"../../v1/queue", "", "5f0c9a4e-8d4b-4a4e-9d7e-00000000c00/"}) {
    auto handled = c->volunteer_handled(id);
    ASSERT_FALSE(handled.ok()) << id;
    EXPECT_EQ(handled.error().code, "bad_request") << id;
    auto forgotten = c->forget_volunteer(id);
    ASSERT_FALSE(forgotten.ok()) << id;
    EXPECT_EQ(forgotten.error().code, "bad_request") << id;
  }
  EXPECT_EQ(service().server_log().find("../"), std::string::npos) << "no request went out";
}

}  // namespace
}  // namespace wk::net
