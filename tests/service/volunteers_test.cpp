// Volunteers' registrations at the service (issue 13): handed in once by a kiosk, encrypted at rest, seen
// by the location's staff only, marked handled, and forgotten at once on request.
#include <gtest/gtest.h>

#include "core/volunteer.hpp"
#include "fresh_service_db.hpp"
#include "service/secrets.hpp"
#include "volunteer_test_helpers.hpp"

namespace wk::test {
namespace {

class VolunteersTest : public ::testing::Test {
 protected:
  // The server's clock stands still on an ordinary weekday; every time below is relative to it.
  void SetUp() override { wq.clock().freeze_at(t0); }
  HttpResponse post(const nlohmann::json& body) { return post_volunteer(wq, body, wq.kiosk_token()); }
  HttpResponse staff_step(const std::string& method, const std::string& path, const std::string& token) {
    return http_request(method, wq.url(path), wq.ca_file(), token, method == "POST" ? "{}" : "");
  }

  const UnixMs t0 = an_ordinary_weekday();
  Wijkqueue wq{volunteer_service()};
};

TEST_F(VolunteersTest, CreatedThenAnIdenticalRetryIsOneRegistrationAndAnotherBodyIsAConflict) {
  const auto body = volunteer_body(1, "Wilhelmina", {{"phone", "06 8765 4321"}}, t0 - 60'000);
  const auto first = post(body);
  ASSERT_EQ(first.status, 201) << first.body;
  const auto receipt = json_of(first);
  EXPECT_EQ(receipt, (nlohmann::json{{"id", volunteer_id(1)},
                                     {"reference", "V-5F0C9A"},
                                     {"created_at", to_rfc3339(t0 - 60'000)}}));

  // The same registration again, its keys in another order and with a field the service does not know.
  nlohmann::json again = nlohmann::json::parse(body.dump());
  again["unknown_field"] = "ignored";
  again["contact"] = {{"phone", "+31687654321"}};  // the same number, as the kiosk normalised it
  const auto retry = post(again);
  ASSERT_EQ(retry.status, 200) << retry.body;
  EXPECT_EQ(json_of(retry), receipt);

  auto other = body;
  other["first_name"] = "Wim";
  const auto conflict = post(other);
  EXPECT_EQ(conflict.status, 409) << conflict.body;
  EXPECT_EQ(error_of(conflict)["code"], "id_conflict");
  EXPECT_EQ(listed_ids(wq, staff_token(wq)), std::vector<std::string>{volunteer_id(1)});
}

TEST_F(VolunteersTest, RefusalsSayWhyAndNameTheField) {
  auto no_consent = volunteer_body(1, "Wilhelmina", {{"phone", "0687654321"}}, t0);
  no_consent["consent"] = false;
  auto r = post(no_consent);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(error_of(r)["code"], "consent_missing");
  no_consent.erase("consent");
  EXPECT_EQ(error_of(post(no_consent))["code"], "consent_missing");

  const std::vector<std::pair<nlohmann::json, std::string>> bad = {
      {volunteer_body(2, "W1lhelmina", {{"phone", "0687654321"}}, t0), "first_name"},
      {volunteer_body(2, "Wilhelmina", {{"phone", "12"}}, t0), "contact.phone"},
      {volunteer_body(2, "Wilhelmina", {{"email", "geen-adres"}}, t0), "contact.email"},
      {volunteer_body(2, "Wilhelmina", {{"phone", "0687654321"}, {"email", "w@voorbeeld.nl"}}, t0),
       "contact"},
      {volunteer_body(2, "Wilhelmina", {{"phone", "0687654321"}}, t0, {}), "interests"},
      {volunteer_body(2, "Wilhelmina", {{"phone", "0687654321"}}, t0, {"zwemmen"}), "interests"},
      {volunteer_body(2, "Wilhelmina", {{"phone", "0687654321"}}, t0, {"vervoer", "vervoer"}), "interests"},
      {volunteer_body(2, "Wilhelmina", {{"phone", "0687654321"}}, t0, {"vervoer"}, {"nachts"}),
       "availability"},
      {volunteer_body(2, "Wilhelmina", {{"phone", "0687654321"}}, t0 - 400 * kDayMs), "created_at"},
  };
  for (const auto& [body, field] : bad) {
    const auto refused = post(body);
    EXPECT_EQ(refused.status, 422) << field << ": " << refused.body;
    EXPECT_EQ(error_of(refused)["field"], field) << refused.body;
  }
  auto no_id = volunteer_body(2, "Wilhelmina", {{"phone", "0687654321"}}, t0);
  no_id["id"] = "V-1";
  EXPECT_EQ(error_of(post(no_id))["field"], "id");

  const auto body = volunteer_body(3, "Wilhelmina", {{"phone", "0687654321"}}, t0).dump();
  EXPECT_EQ(post_volunteer(wq, body, wq.display_token()).status, 403);
  EXPECT_EQ(post_volunteer(wq, body, wq.admin_token()).status, 403);
  EXPECT_EQ(post_volunteer(wq, body, staff_token(wq)).status, 403);
  EXPECT_EQ(post_volunteer(wq, body, {}).status, 401);
  EXPECT_EQ(post_volunteer(wq, body, "not-a-token").status, 401);
  nlohmann::json huge = volunteer_body(4, "Wilhelmina", {{"phone", "0687654321"}}, t0);
  huge["padding"] = std::string(70 * 1024, 'x');
  EXPECT_EQ(post(huge).status, 413);
  EXPECT_TRUE(listed_ids(wq, staff_token(wq)).empty()) << "nothing refused was stored";
}

TEST_F(VolunteersTest, ARegistrationFromAKioskWhoseClockRunsFastIsFiledAtTheServicesTime) {
  const auto r = post(volunteer_body(1, "Wilhelmina", {{"phone", "0687654321"}}, t0 + 10 * 60'000));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(json_of(r)["created_at"], to_rfc3339(t0));
  // The log names the device and the time, nothing of the volunteer.
  EXPECT_NE(wq.server_log().find("volunteer's registration 600s ahead"), std::string::npos)
      << wq.server_log();
  EXPECT_EQ(wq.server_log().find("Wilhelmina"), std::string::npos);
  EXPECT_EQ(wq.server_log().find("687654321"), std::string::npos);
}

TEST_F(VolunteersTest, TheDatabaseFileAndItsWalHoldNoNameNoPhoneNumberAndNoEmailAddress) {
  const std::vector<std::tuple<std::string, std::string, std::string>> people = {
      {"Wilhelmina", "phone", "+31687654321"},
      {"Anneloes", "phone", "+32470123456"},
      {"Jean-Pierre", "email", "jeanpierre.vandam@voorbeeld.nl"},
      {"Oleksandra", "phone", "+380671234567"},
  };
  int n = 0;
  for (const auto& [name, kind, contact] : people) {
    ++n;
    const auto r =
        post(volunteer_body(n, name, {{kind, contact}}, t0 - n * 60'000, {"taalmaatje", "vervoer"}));
    ASSERT_EQ(r.status, 201) << r.body;
  }
  // Staff see them whole: what is sealed on disk opens for them.
  const std::string staff = staff_token(wq);
  const auto list = json_of(get_volunteers(wq, staff));
  ASSERT_EQ(list["volunteers"].size(), people.size()) << list;

  const std::string raw = raw_database_bytes(wq);
  ASSERT_GT(raw.size(), 0u);
  EXPECT_NE(raw.find(volunteer_id(1)), std::string::npos) << "the test reads the real file";
  for (const auto& [name, kind, contact] : people) {
    EXPECT_EQ(raw.find(name), std::string::npos) << name;
    EXPECT_EQ(raw.find(contact), std::string::npos) << contact;
    EXPECT_EQ(raw.find(contact.substr(3)), std::string::npos) << "the number without its country code";
  }
  for (const auto& [name, kind, contact] : people) {
    EXPECT_EQ(wq.server_log().find(name), std::string::npos) << "the log holds " << name;
    EXPECT_EQ(wq.server_log().find(contact), std::string::npos) << "the log holds " << contact;
  }

  // The retry check keeps a keyed hash: not the plain SHA-256 of the body, which a guess of a phone
  // number could be tested against.
  auto db = open_database_of(wq);
  ASSERT_TRUE(db) << to_string(db.error());
  auto open = db.value()->open_volunteers(wq.location());
  ASSERT_TRUE(open) << to_string(open.error());
  std::string mac;
  for (const auto& row : open.value())
    if (row.id == volunteer_id(1)) mac = row.body_mac;
  auto plain = volunteer_from_json(
      volunteer_body(1, "Wilhelmina", {{"phone", "+31687654321"}}, t0 - 60'000, {"taalmaatje", "vervoer"}));
  ASSERT_TRUE(plain) << to_string(plain.error());
  EXPECT_EQ(mac.size(), 64u);
  EXPECT_NE(mac, service::sha256_hex(volunteer_to_json(plain.value()).dump()));
}

TEST_F(VolunteersTest, StaffSeeTheirOwnLocationsUnhandledRegistrationsOldestFirst) {
  add_volunteer_location(wq, "noord");
  const std::string noord_kiosk = wq.add_device("kiosk", "noord");
  // Handed in out of order (a kiosk that was offline sends an older one later).
  ASSERT_EQ(post(volunteer_body(1, "Wilhelmina", {{"phone", "0687654321"}}, t0 - 5 * 60'000)).status, 201);
  ASSERT_EQ(post(volunteer_body(2, "Anneloes", {{"email", "anneloes@voorbeeld.nl"}}, t0 - 60 * 60'000,
                                {"taalmaatje", "boodschappen"}, {"evenings", "weekends"}))
                .status,
            201);
  ASSERT_EQ(post_volunteer(wq, volunteer_body(3, "Pieter", {{"phone", "0612345678"}}, t0 - 30 * 60'000),
                           noord_kiosk)
                .status,
            201);

  const std::string staff = staff_token(wq);
  const auto r = get_volunteers(wq, staff);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto list = json_of(r)["volunteers"];
  ASSERT_EQ(list.size(), 2u) << list;
  EXPECT_EQ(list[0], (nlohmann::json{{"id", volunteer_id(2)},
                                     {"reference", "V-5F0C9A"},
                                     {"created_at", to_rfc3339(t0 - 60 * 60'000)},
                                     {"language", "nl"},
                                     {"first_name", "Anneloes"},
                                     {"contact", {{"email", "anneloes@voorbeeld.nl"}}},
                                     {"interests", {"taalmaatje", "boodschappen"}},
                                     {"availability", {"evenings", "weekends"}}}));
  EXPECT_EQ(list[1]["id"], volunteer_id(1));
  EXPECT_EQ(list[1]["contact"], (nlohmann::json{{"phone", "+31687654321"}}));

  // Staff of noord see noord's only, and may not touch centrum's.
  const std::string noord = staff_token_of(wq, "noord");
  EXPECT_EQ(listed_ids(wq, noord), std::vector<std::string>{volunteer_id(3)});
  const auto handled = staff_step("POST", "/v1/volunteers/" + volunteer_id(1) + "/handled", noord);
  EXPECT_EQ(handled.status, 403) << handled.body;
  EXPECT_EQ(staff_step("DELETE", "/v1/volunteers/" + volunteer_id(1), noord).status, 403);
  EXPECT_EQ(listed_ids(wq, staff), (std::vector<std::string>{volunteer_id(2), volunteer_id(1)}))
      << "another location's staff changed nothing";

  // Only staff read the list.
  for (const std::string& token : {wq.kiosk_token(), wq.display_token(), wq.admin_token()})
    EXPECT_EQ(get_volunteers(wq, token).status, 403);
  EXPECT_EQ(get_volunteers(wq, {}).status, 401);
}

TEST_F(VolunteersTest, AHandledRegistrationLeavesTheListAndKeepsItsFirstHandledTime) {
  ASSERT_EQ(post(volunteer_body(1, "Wilhelmina", {{"phone", "0687654321"}}, t0 - 60'000)).status, 201);
  ASSERT_EQ(post(volunteer_body(2, "Anneloes", {{"phone", "0612345678"}}, t0 - 60'000)).status, 201);
  const std::string staff = staff_token(wq);
  const std::string path = "/v1/volunteers/" + volunteer_id(1) + "/handled";

  for (const std::string& token : {wq.kiosk_token(), wq.display_token(), wq.admin_token()})
    EXPECT_EQ(staff_step("POST", path, token).status, 403);
  EXPECT_EQ(staff_step("POST", path, {}).status, 401);

  wq.clock().freeze_at(t0 + 60'000);
  const auto first = staff_step("POST", path, staff);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(json_of(first),
            (nlohmann::json{{"id", volunteer_id(1)}, {"handled_at", to_rfc3339(t0 + 60'000)}}));
  wq.clock().freeze_at(t0 + 120'000);
  const auto again = staff_step("POST", path, staff);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(json_of(again), json_of(first));
  EXPECT_EQ(listed_ids(wq, staff), std::vector<std::string>{volunteer_id(2)});

  const auto unknown = staff_step("POST", "/v1/volunteers/" + volunteer_id(99) + "/handled", staff);
  EXPECT_EQ(unknown.status, 404) << unknown.body;
  EXPECT_EQ(error_of(unknown)["code"], "no_such_volunteer");
  EXPECT_EQ(staff_step("POST", "/v1/volunteers/not-an-id/handled", staff).status, 404);
}

TEST_F(VolunteersTest, ForgetMeDeletesAtOnceFromTheListTheFileAndTheWal) {
  ASSERT_EQ(post(volunteer_body(1, "Wilhelmina", {{"phone", "0687654321"}}, t0 - 60'000)).status, 201);
  ASSERT_EQ(post(volunteer_body(2, "Anneloes", {{"phone", "0612345678"}}, t0 - 60'000)).status, 201);
  const std::string staff = staff_token(wq);
  const std::string forgotten = volunteer_id(1);
  ASSERT_NE(raw_database_bytes(wq).find(forgotten), std::string::npos);

  for (const std::string& token : {wq.kiosk_token(), wq.display_token(), wq.admin_token()})
    EXPECT_EQ(staff_step("DELETE", "/v1/volunteers/" + forgotten, token).status, 403);
  EXPECT_EQ(staff_step("DELETE", "/v1/volunteers/" + forgotten, {}).status, 401);

  const auto r = staff_step("DELETE", "/v1/volunteers/" + forgotten, staff);
  ASSERT_EQ(r.status, 204) << r.body;
  EXPECT_EQ(listed_ids(wq, staff), std::vector<std::string>{volunteer_id(2)});
  // Nothing of the row is left in the bytes: not even its id (the sealed fields went with it).
  EXPECT_EQ(raw_database_bytes(wq).find(forgotten), std::string::npos);
  const auto again = staff_step("DELETE", "/v1/volunteers/" + forgotten, staff);
  EXPECT_EQ(again.status, 404) << again.body;
  EXPECT_EQ(staff_step("POST", "/v1/volunteers/" + forgotten + "/handled", staff).status, 404);

  // And so it stays after the service stops and the files are opened again.
  wq.stop();
  EXPECT_EQ(raw_database_bytes(wq).find(forgotten), std::string::npos);
  wq.start();
  EXPECT_EQ(listed_ids(wq, staff_token(wq)), std::vector<std::string>{volunteer_id(2)});
  EXPECT_EQ(raw_database_bytes(wq).find(forgotten), std::string::npos);
}

}  // namespace
}  // namespace wk::test
