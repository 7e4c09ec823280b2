// What a volunteer may type, and the words that say what to fix: a table of good and bad first names,
// phone numbers and e-mail addresses, each with what is kept or the message it gets.
#include <gtest/gtest.h>

#include "core/volunteer.hpp"

#include <functional>

namespace wk {
namespace {

struct Case {
  const char* typed;
  const char* kept;     // what is kept when it is good
  const char* message;  // the msgid when it is not
};

void check_table(Result<std::string> (*check)(std::string_view), const std::vector<Case>& table) {
  for (const auto& c : table) {
    const auto r = check(c.typed);
    if (c.kept) {
      ASSERT_TRUE(r.ok()) << "'" << c.typed << "': " << r.error().message;
      EXPECT_EQ(r.value(), c.kept) << c.typed;
    } else {
      ASSERT_FALSE(r.ok()) << "'" << c.typed << "' was taken as " << r.value();
      EXPECT_EQ(r.error().message, c.message) << c.typed;
    }
  }
}

constexpr const char* kOnlyLetters = "A name has only letters, and maybe a space, - or ' between them.";

TEST(VolunteerForm, FirstNames) {
  check_table(check_first_name, {
                                    {"Fatima", "Fatima", nullptr},
                                    {"  Jan  ", "Jan", nullptr},
                                    {"Anne-Marie", "Anne-Marie", nullptr},
                                    {"Chloë", "Chloë", nullptr},
                                    {"Zoë Ingrid", "Zoë Ingrid", nullptr},
                                    {"François", "François", nullptr},
                                    {"D'Angelo", "D'Angelo", nullptr},
                                    {"Олена", "Олена", nullptr},
                                    {"Ayşe", "Ayşe", nullptr},
                                    {"محمد", "محمد", nullptr},
                                    {"", nullptr, "Please type your first name."},
                                    {"   ", nullptr, "Please type your first name."},
                                    {"R2D2", nullptr, kOnlyLetters},
                                    {"Jan!", nullptr, kOnlyLetters},
                                    {"Jan--Piet", nullptr, kOnlyLetters},
                                    {"-Jan", nullptr, kOnlyLetters},
                                    {"Jan-", nullptr, kOnlyLetters},
                                    {"a@b", nullptr, kOnlyLetters},
                                    {"\xC3", nullptr, kOnlyLetters},  // a broken UTF-8 sequence
                                    {"Aaaaaaaaaabbbbbbbbbbccccccccccddddddddddeeeeeeeeee",
                                     "Aaaaaaaaaabbbbbbbbbbccccccccccddddddddddeeeeeeeeee", nullptr},
                                    {"Aaaaaaaaaabbbbbbbbbbccccccccccddddddddddeeeeeeeeeef", nullptr,
                                     "A first name has at most 50 letters."},
                                });
}

constexpr const char* kDutch10 = "A Dutch phone number has 10 digits, like 06 12345678 or 020 1234567.";
constexpr const char* kDutchAbroad = "A Dutch number has 9 digits after +31, like +31 6 12345678.";
constexpr const char* kInternational =
    "An international number starts with + and the country code, like +32 470 12 34 56.";

TEST(VolunteerForm, PhoneNumbersBecomeE164) {
  check_table(check_phone,
              {
                  {"06 12345678", "+31612345678", nullptr},
                  {"06-1234 5678", "+31612345678", nullptr},
                  {"020-1234567", "+31201234567", nullptr},
                  {"(023) 531 00 00", "+31235310000", nullptr},
                  {"+31 6 12345678", "+31612345678", nullptr},
                  {"+31 (0)6 1234 5678", "+31612345678", nullptr},
                  {"0031 6 12345678", "+31612345678", nullptr},
                  {"+32 470 12 34 56", "+32470123456", nullptr},
                  {"0049 30 1234567", "+49301234567", nullptr},
                  {"", nullptr, "Please type your phone number."},
                  {"0612345", nullptr, kDutch10},
                  {"061234567890", nullptr, kDutch10},
                  {"6 12345678", nullptr, kDutch10},
                  {"00 0612345678", nullptr, kInternational},
                  {"+31 06 12345678", nullptr, kDutchAbroad},
                  {"+31 6 1234", nullptr, kDutchAbroad},
                  {"+1234", nullptr, kInternational},
                  {"+1234567890123456", nullptr, kInternational},
                  {"06 1234 567a", nullptr, "A phone number has only digits, spaces and a + at the start."},
                  {"06+12345678", nullptr, "A phone number has only digits, spaces and a + at the start."},
              });
}

constexpr const char* kEmail = "Type your e-mail address, like naam@voorbeeld.nl.";

TEST(VolunteerForm, EmailAddresses) {
  check_table(check_email,
              {
                  {"naam@voorbeeld.nl", "naam@voorbeeld.nl", nullptr},
                  {" Jan.de.Vries@Gemeente.Haarlem.NL ", "Jan.de.Vries@gemeente.haarlem.nl", nullptr},
                  {"a+wijk@x-y.com", "a+wijk@x-y.com", nullptr},
                  {"", nullptr, kEmail},
                  {"naam", nullptr, kEmail},
                  {"naam@", nullptr, kEmail},
                  {"@voorbeeld.nl", nullptr, kEmail},
                  {"naam@voorbeeld", nullptr, kEmail},
                  {"naam@@voorbeeld.nl", nullptr, kEmail},
                  {"na am@voorbeeld.nl", nullptr, kEmail},
                  {"naam@voor_beeld.nl", nullptr, kEmail},
                  {"naam@-voorbeeld.nl", nullptr, kEmail},
                  {"naam@voorbeeld-.nl", nullptr, kEmail},
                  {"naam@voorbeeld..nl", nullptr, kEmail},
                  {".naam@voorbeeld.nl", nullptr, kEmail},
                  {"na..am@voorbeeld.nl", nullptr, kEmail},
                  {"naam@voorbeeld.n1", nullptr, kEmail},
                  {"naam@voorbeeld.n", nullptr, kEmail},
              });
}

TEST(VolunteerForm, TheWireFormCarriesOneContactAndTheConsent) {
  VolunteerRegistration v;
  v.id = "v-1";
  v.created_at = 1'790'000'000'000;
  v.language = "nl";
  v.first_name = "Chloë";
  v.phone = "+31612345678";
  v.interests = {"boodschappen", "taalmaatje"};
  v.availability = {Availability::mornings, Availability::weekends};
  v.consent = true;
  const auto j = volunteer_to_json(v);
  EXPECT_EQ(j["contact"], (nlohmann::json{{"phone", "+31612345678"}}));
  EXPECT_EQ(j["availability"], (nlohmann::json{"mornings", "weekends"}));
  EXPECT_EQ(j["interests"], (nlohmann::json{"boodschappen", "taalmaatje"}));
  EXPECT_EQ(j["first_name"], "Chloë");
  EXPECT_EQ(j["created_at"], to_rfc3339(v.created_at));
  EXPECT_TRUE(j["consent"].get<bool>());
  v.phone.clear();
  v.email = "naam@voorbeeld.nl";
  EXPECT_EQ(volunteer_to_json(v)["contact"], (nlohmann::json{{"email", "naam@voorbeeld.nl"}}));
}

TEST(VolunteerForm, TheServiceReadsTheWireFormBackAndNamesWhatIsWrong) {
  VolunteerRegistration v;
  v.id = "5f0c9a4e-8d4b-4a4e-9d7e-2b1f6c3a9e01";
  v.created_at = 1'790'000'000'000;
  v.language = "nl";
  v.first_name = "Zoë";
  v.email = "zoe@voorbeeld.nl";
  v.interests = {"taalmaatje"};
  v.availability = {Availability::evenings};
  v.consent = true;
  const nlohmann::json good = volunteer_to_json(v);
  auto back = volunteer_from_json(good);
  ASSERT_TRUE(back) << to_string(back.error());
  EXPECT_EQ(volunteer_to_json(back.value()), good);

  const auto refused = [&](const std::function<void(nlohmann::json&)>& change) {
    nlohmann::json j = good;
    change(j);
    auto r = volunteer_from_json(j);
    return r ? std::string("accepted") : r.error().code + " " + r.error().detail;
  };
  EXPECT_EQ(refused([](auto& j) { j["consent"] = false; }), "consent_missing consent");
  EXPECT_EQ(refused([](auto& j) { j.erase("consent"); }), "consent_missing consent");
  EXPECT_EQ(refused([](auto& j) { j["id"] = "1"; }), "field_invalid id");
  EXPECT_EQ(refused([](auto& j) { j["first_name"] = "R2D2"; }), "field_invalid first_name");
  EXPECT_EQ(refused([](auto& j) {
              j["contact"] = {{"phone", "+31612345678"}, {"email", "a@b.nl"}};
            }),
            "field_invalid contact");
  EXPECT_EQ(refused([](auto& j) { j["contact"] = nlohmann::json::object(); }), "field_invalid contact");
  EXPECT_EQ(refused([](auto& j) { j["contact"] = {{"phone", "12"}}; }), "field_invalid contact.phone");
  EXPECT_EQ(refused([](auto& j) { j["interests"] = nlohmann::json::array(); }), "field_invalid interests");
  EXPECT_EQ(refused([](auto& j) { j["availability"] = {"nights"}; }), "field_invalid availability");
  EXPECT_EQ(refused([](auto& j) { j["created_at"] = "yesterday"; }), "field_invalid created_at");
}

}  // namespace
}  // namespace wk
