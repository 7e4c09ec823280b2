// The second door composed into the kiosk: the volunteer's form opens from the topics screen, hears the
// kiosk's bar and clock, stores once, prints only its reference, and goes with the resident: at "no
// thanks", at the timeout and at closing time nothing of what they typed stays in the session.
#include <gtest/gtest.h>

#include "core/keyboard.hpp"
#include "core/kiosk_reducers.hpp"
#include "test_config.hpp"

namespace wk {
namespace {

namespace v = volunteer;

class Door : public ::testing::Test {
 protected:
  Door() {
    s.config = test::sample_location();
    for (const char* id : {"boodschappen", "taalmaatje"}) {
      Interest i;
      i.id = id;
      i.names["nl"] = id;
      s.config.interests.push_back(i);
    }
    s.tz = test::amsterdam();
    s.numbering = Numbering::restore(1, 1, "", {});
    s = update(std::move(s), ev::Tick{}, {now, {}}).state;
    send(ev::StartTapped{});
    send(ev::LanguageChosen{"nl"});
  }
  std::vector<Effect> send(const Event& e) {
    Inputs in{now, {}};
    for (std::size_t i = 0; i < in.entropy.bytes.size(); ++i)
      in.entropy.bytes[i] = static_cast<std::uint8_t>(i * 7 + 1);
    Update u = update(std::move(s), e, in);
    s = std::move(u.state);
    return u.effects;
  }
  std::vector<Effect> form(const v::Event& e) { return send(ev::Volunteer{e}); }
  void tap_key(const std::string& text) {
    form(v::ev::KeyDown{text});
    form(v::ev::KeyUp{});
  }
  void type(const std::string& ascii) {
    for (char ch : ascii) tap_key(std::string(1, ch));
  }
  void to_consent() {
    send(ev::VolunteerDoor{});
    form(v::ev::InterestToggled{"taalmaatje"});
    form(v::ev::Next{});
    form(v::ev::AvailabilityToggled{Availability::evenings});
    form(v::ev::Next{});
    type("Sem");
    form(v::ev::Next{});
    type("0612345678");
    form(v::ev::Next{});
  }
  const v::Form& the_form() const { return *s.session.volunteer; }
  UnixMs now = test::utc(2026, 11, 24, 9, 0);  // a Tuesday, open
  KioskState s;
};

TEST_F(Door, OpensFromTheTopicsScreenOnlyWhereTheLocationTakesVolunteers) {
  ASSERT_EQ(s.session.screen, Screen::Topics);
  send(ev::VolunteerDoor{});
  EXPECT_EQ(s.session.screen, Screen::Volunteer);
  ASSERT_TRUE(s.session.volunteer);
  EXPECT_EQ(the_form().step, v::Step::interests);

  send(ev::Back{});
  KioskState none = s;
  none.config.interests.clear();
  ASSERT_EQ(none.session.screen, Screen::Topics);
  none = update(std::move(none), ev::VolunteerDoor{}, {now, {}}).state;
  EXPECT_EQ(none.session.screen, Screen::Topics);
  EXPECT_FALSE(none.session.volunteer);
}

TEST_F(Door, ByKeysToYesStoresOnceThenThanksAndPrintsOnlyTheReference) {
  s.has_printer = true;
  s.printer = PrinterState::Ok;
  to_consent();
  ASSERT_EQ(the_form().step, v::Step::consent) << the_form().problem;
  const auto fx = form(v::ev::Consent{true});
  ASSERT_EQ(fx.size(), 1u);
  const auto& reg = std::get<fx::StoreVolunteer>(fx[0]).registration;
  EXPECT_EQ(reg.first_name, "Sem");
  EXPECT_EQ(reg.phone, "+31612345678");
  EXPECT_EQ(reg.language, "nl");
  EXPECT_TRUE(form(v::ev::Consent{true}).empty()) << "a second tap stores nothing more";

  const auto printed = form(v::ev::Stored{reg.id});
  EXPECT_EQ(s.session.screen, Screen::Volunteer);
  EXPECT_EQ(the_form().step, v::Step::thanks);
  ASSERT_EQ(printed.size(), 1u);
  const auto& slip = std::get<fx::PrintReference>(printed[0]);
  EXPECT_EQ(slip.reference, v::reference_of(reg.id));
  EXPECT_EQ(slip.language, "nl");
  EXPECT_EQ(s.session.print, PrintOutcome::Printing);
  send(ev::PrintDone{reg.id, true, PrinterState::Ok});
  EXPECT_EQ(s.session.print, PrintOutcome::Printed);
}

TEST_F(Door, WithoutAPrinterTheThanksSaySoAndNothingIsPrinted) {
  to_consent();
  const auto fx = form(v::ev::Consent{true});
  const auto id = std::get<fx::StoreVolunteer>(fx[0]).registration.id;
  EXPECT_TRUE(form(v::ev::Stored{id}).empty());
  EXPECT_EQ(s.session.print, PrintOutcome::NotPrinted);
}

TEST_F(Door, BackStepsThroughTheFormAndOutOfTheDoorItCameIn) {
  send(ev::VolunteerDoor{});
  form(v::ev::InterestToggled{"boodschappen"});
  form(v::ev::Next{});
  ASSERT_EQ(the_form().step, v::Step::when);
  send(ev::Back{});  // the kiosk's own bar
  EXPECT_EQ(the_form().step, v::Step::interests);
  send(ev::Back{});
  EXPECT_EQ(s.session.screen, Screen::Topics);
  EXPECT_FALSE(s.session.volunteer);
  EXPECT_EQ(s.session.language, "nl") << "only the form went";
}

TEST_F(Door, NoThanksForgetsTheResidentAndStoresNothing) {
  to_consent();
  const auto fx = form(v::ev::Consent{false});
  for (const auto& e : fx) EXPECT_FALSE(std::holds_alternative<fx::StoreVolunteer>(e));
  EXPECT_EQ(s.session.screen, Screen::Welcome);
  EXPECT_FALSE(s.session.volunteer);
  EXPECT_TRUE(s.session.language.empty());
}

TEST_F(Door, TheTimeoutWipesAHalfFilledFormButNeverOneBeingStored) {
  to_consent();
  now += s.session_timeout_s * 1000LL;
  send(ev::Tick{});
  EXPECT_EQ(s.session.screen, Screen::Welcome);
  EXPECT_FALSE(s.session.volunteer) << "no name or number left in memory";

  send(ev::StartTapped{});
  send(ev::LanguageChosen{"nl"});
  to_consent();
  const auto fx = form(v::ev::Consent{true});
  now += 10 * s.session_timeout_s * 1000LL;
  send(ev::Tick{});
  ASSERT_EQ(s.session.screen, Screen::Volunteer) << "the outbox's answer is waited for";
  form(v::ev::Stored{std::get<fx::StoreVolunteer>(fx[0]).registration.id});
  EXPECT_EQ(the_form().step, v::Step::thanks);
  now += s.ticket_timeout_s * 1000LL;
  send(ev::Tick{});
  EXPECT_EQ(s.session.screen, Screen::Welcome);
}

TEST_F(Door, AFailedStoreShowsTheFailureAndKeepsNothing) {
  to_consent();
  form(v::ev::Consent{true});
  form(v::ev::StoreFailed{make_error("disk_full", "The outbox is full.")});
  EXPECT_EQ(s.session.screen, Screen::Failure);
  EXPECT_EQ(s.session.failure_code, "disk_full");
  EXPECT_FALSE(s.session.volunteer);
}

TEST_F(Door, ALongPressOffersTheAccentsAndTheChosenOneIsTyped) {
  send(ev::VolunteerDoor{});
  form(v::ev::InterestToggled{"boodschappen"});
  form(v::ev::Next{});
  form(v::ev::AvailabilityToggled{Availability::mornings});
  form(v::ev::Next{});
  type("Chlo");
  form(v::ev::KeyDown{"e"});
  EXPECT_EQ(next_tick(s, now), now + v::kLongPressMs) << "the kiosk wakes when the press becomes long";
  now += v::kLongPressMs;
  send(ev::Tick{});
  ASSERT_FALSE(the_form().accents.empty());
  EXPECT_EQ(the_form().accents.front(), "e");
  form(v::ev::KeyUp{});
  EXPECT_EQ(the_form().first_name, "Chlo") << "lifting the finger to choose types nothing";
  form(v::ev::AccentChosen{"ë"});
  EXPECT_EQ(the_form().first_name, "Chloë");
  EXPECT_TRUE(the_form().accents.empty());

  form(v::ev::KeyDown{"b"});
  now += 2 * v::kLongPressMs;
  send(ev::Tick{});
  EXPECT_TRUE(the_form().accents.empty()) << "a key without accents just types";
  form(v::ev::KeyUp{});
  EXPECT_EQ(the_form().first_name, "Chloëb");
}

TEST_F(Door, ClosingTimeForgetsTheFormButNotTheThanks) {
  to_consent();
  now = test::utc(2026, 11, 24, 15, 31);  // 16:31 in Amsterdam: closed
  send(ev::Tick{});
  EXPECT_EQ(s.session.screen, Screen::Closed);
  EXPECT_FALSE(s.session.volunteer);
}

}  // namespace
}  // namespace wk

namespace wk {
namespace {

TEST(VolunteerKeyboard, CapitalsWhereANamesWordBeginsAndNowhereElse) {
  volunteer::Form f;
  f.step = volunteer::Step::name;
  EXPECT_TRUE(volunteer::capitals_next(f));
  f.first_name = "Jan";
  EXPECT_FALSE(volunteer::capitals_next(f));
  for (const char* sep : {" ", "-", "'"}) {
    f.first_name = std::string("Jan") + sep;
    EXPECT_TRUE(volunteer::capitals_next(f)) << sep;
  }
  f.step = volunteer::Step::contact;
  f.contact.clear();
  EXPECT_FALSE(volunteer::capitals_next(f)) << "an e-mail address is typed as it is";
  const KeyRows upper = keyboard_rows(KeyboardLayout::letters, "nl", true);
  EXPECT_EQ(upper.front().front().text, "Q");
  const KeyRows cyrillic = keyboard_rows(KeyboardLayout::letters, "uk", true);
  EXPECT_EQ(cyrillic.front().front().text, "Й");
  EXPECT_GT(accents_for("E").size(), 1u) << "a capital has its accents too";
}

}  // namespace
}  // namespace wk

namespace wk {
namespace {

TEST_F(Door, ANewConfigDropsInterestsItNoLongerListsAndWithoutAnyTheDoorCloses) {
  send(ev::VolunteerDoor{});
  form(v::ev::InterestToggled{"boodschappen"});
  form(v::ev::InterestToggled{"taalmaatje"});
  form(v::ev::Next{});
  LocationConfig changed = s.config;
  changed.interests.erase(changed.interests.begin());  // boodschappen goes
  send(ev::ConfigChanged{changed, s.tz});
  EXPECT_EQ(the_form().interests, std::vector<std::string>{"taalmaatje"});
  EXPECT_EQ(the_form().step, v::Step::when);
  changed.interests.clear();
  send(ev::ConfigChanged{changed, s.tz});
  EXPECT_EQ(s.session.screen, Screen::Topics);
  EXPECT_FALSE(s.session.volunteer);
}

}  // namespace
}  // namespace wk
