// The volunteer's screens behind the second door, drawn headless in every language there is a catalogue
// for and walked by taps alone: the door on the topics screen, the interests and the parts of the week as
// choices that show they are on, the touch keyboard (its long press offering accents), the consent in
// plain words, and the thanks with the reference. Every screen passes the checks every kiosk screen does.
#include <gtest/gtest.h>

#include "core/keyboard.hpp"
#include "kiosk_driver.hpp"
#include "tree_checks.hpp"

namespace wk {
namespace {

using uitest::expect_label;
using uitest::expected_text;
using uitest::with_prefix;
namespace v = volunteer;

class VolunteerScreens : public ::testing::TestWithParam<std::string> {
 protected:
  VolunteerScreens() : k("nl") { k.send(ev::LanguageChosen{lang()}); }
  const std::string& lang() const { return GetParam(); }
  const v::Form& form() const { return *k.state.session.volunteer; }
  // Taps `id`, hands core the events the taps made, as the shell does, and draws what core made of them.
  void press(const std::string& id) {
    for (const auto& e : k.tap(id)) k.send(e);
    k.draw();
  }
  void expect_sound() {
    ASSERT_TRUE(k.draw().empty()) << "drawing alone made events on " << k.tree.screen();
    uitest::expect_sound_tree(k.tree, k.imgui_);
    uitest::expect_touch_targets(k.tree, k.imgui_, ui::Theme::kMinTargetMm);
    expect_label(k.tree, "back", expected_text(lang(), "Back"));
    expect_label(k.tree, "start-over", expected_text(lang(), "Start over"));
  }
  void through_door_to_name() {
    press("volunteer-door");
    press("interest:" + k.state.config.interests.front().id);
    press("next");
    press("when:evenings");
    press("next");
    ASSERT_EQ(form().step, v::Step::name);
  }
  // A capital, then letters of the keyboard's top row: Latin or Cyrillic, whatever the resident reads; the
  // keyboard itself shows capitals where a name begins.
  std::vector<std::string> first_letters(std::size_t n) {
    std::vector<std::string> out;
    for (bool capitals : {true, false}) {
      const KeyRows rows = keyboard_rows(KeyboardLayout::letters, lang(), capitals);
      for (const Key& key : rows.front())
        if (key.kind == Key::Kind::text && out.size() < (capitals ? 1 : n)) out.push_back(key.text);
    }
    return out;
  }
  Kiosk k;
};

TEST_P(VolunteerScreens, TheSecondDoorIsATopicSizedTileInTheResidentsLanguage) {
  k.draw();
  const ui::UiNode* door = uitest::find(k.tree, "volunteer-door");
  ASSERT_NE(door, nullptr);
  EXPECT_EQ(door->label, expected_text(lang(), "Do something for someone else"));
  const auto topics = with_prefix(k.tree, "topic:");
  ASSERT_FALSE(topics.empty());
  EXPECT_FLOAT_EQ(door->w, topics.front().w);
  EXPECT_FLOAT_EQ(door->h, topics.front().h);
  uitest::expect_touch_targets(k.tree, k.imgui_, ui::Theme::kMinTargetMm);
}

TEST_P(VolunteerScreens, InterestsAreTheLocationsAndShowWhenTheyAreOn) {
  press("volunteer-door");
  ASSERT_EQ(k.state.session.screen, Screen::Volunteer);
  expect_sound();
  expect_label(k.tree, "title", expected_text(lang(), "What would you like to do?"));
  const auto tiles = with_prefix(k.tree, "interest:");
  const auto& interests = k.state.config.interests;
  ASSERT_EQ(tiles.size(), interests.size());
  for (std::size_t i = 0; i < interests.size(); ++i) {
    EXPECT_EQ(tiles[i].id, "interest:" + interests[i].id);
    EXPECT_EQ(tiles[i].label, k.state.config.text_in(interests[i].names, lang()));
    EXPECT_FALSE(tiles[i].selected);
  }
  press("next");
  expect_label(k.tree, "problem", expected_text(lang(), "Choose at least one thing you would like to do."));
  press("interest:" + interests[1].id);
  k.draw();
  EXPECT_TRUE(uitest::find(k.tree, "interest:" + interests[1].id)->selected);
  EXPECT_EQ(uitest::find(k.tree, "problem"), nullptr) << "the problem goes once the person acts on it";
  press("next");
  EXPECT_EQ(form().step, v::Step::when);
}

TEST_P(VolunteerScreens, WhenOffersTheFourPartsOfTheWeek) {
  press("volunteer-door");
  press("interest:" + k.state.config.interests.front().id);
  press("next");
  expect_sound();
  expect_label(k.tree, "title", expected_text(lang(), "When can you help?"));
  expect_label(k.tree, "when:mornings", expected_text(lang(), "Mornings"));
  expect_label(k.tree, "when:afternoons", expected_text(lang(), "Afternoons"));
  expect_label(k.tree, "when:evenings", expected_text(lang(), "Evenings"));
  expect_label(k.tree, "when:weekends", expected_text(lang(), "Weekends"));
  press("when:weekends");
  k.draw();
  EXPECT_TRUE(uitest::find(k.tree, "when:weekends")->selected);
  EXPECT_EQ(form().availability, std::vector<Availability>{Availability::weekends});
}

TEST_P(VolunteerScreens, TheNameIsTypedOnTheTouchKeyboardInTheResidentsScript) {
  through_door_to_name();
  expect_sound();
  expect_label(k.tree, "title", expected_text(lang(), "What is your first name?"));
  const auto letters = first_letters(3);
  ASSERT_EQ(letters.size(), 3u);
  for (const auto& l : letters) press("key:" + l);
  expect_label(k.tree, "field", letters[0] + letters[1] + letters[2]);
  press("key:erase");
  expect_label(k.tree, "field", letters[0] + letters[1]);
  press("next");
  EXPECT_EQ(form().step, v::Step::contact) << form().problem;
}

TEST_P(VolunteerScreens, ALongPressOpensTheAccentPicker) {
  if (lang() == "uk") GTEST_SKIP() << "Cyrillic names need no Latin accents";
  // A letter first, then a long press on a key with more forms: Latin accents, Arabic alef's hamza forms,
  // a Ge'ez syllable's seven orders.
  struct Picker {
    std::string first, key, chosen;
  };
  const Picker p = lang() == "ar"   ? Picker{"س", "ا", "أ"}
                   : lang() == "ti" ? Picker{"ሰ", "ለ", "ሊ"}
                                    : Picker{"Z", "e", "ë"};
  through_door_to_name();
  press("key:" + p.first);
  k.draw();
  const ui::UiNode* e = uitest::find(k.tree, "key:" + p.key);
  ASSERT_NE(e, nullptr);
  // The finger goes down on the key and stays there past the long press.
  k.imgui_.mouse(e->x + e->w / 2, e->y + e->h / 2, true);
  for (auto& ev : k.draw()) k.send(ev);
  k.wait_ms(v::kLongPressMs);
  k.draw();
  ASSERT_NE(uitest::find(k.tree, "accents-offered"), nullptr) << "shown while the finger is still down";
  EXPECT_TRUE(with_prefix(k.tree, "accent:").empty()) << "but not tappable under it";
  k.imgui_.mouse(e->x + e->w / 2, e->y + e->h / 2, false);
  for (auto& ev : k.draw()) k.send(ev);
  k.imgui_.mouse(-1, -1, false);
  k.draw();
  const auto accents = with_prefix(k.tree, "accent:");
  ASSERT_GT(accents.size(), 1u);
  EXPECT_EQ(accents.front().label, p.key);
  uitest::expect_touch_targets(k.tree, k.imgui_, ui::Theme::kMinTargetMm);
  press("accent:" + p.chosen);
  expect_label(k.tree, "field", p.first + p.chosen);
  EXPECT_TRUE(with_prefix(k.tree, "accent:").empty());
}

TEST_P(VolunteerScreens, APhoneNumberOnTheDigitsAndConsentInPlainWords) {
  through_door_to_name();
  for (const auto& l : first_letters(2)) press("key:" + l);
  press("next");
  expect_sound();
  expect_label(k.tree, "title", expected_text(lang(), "How can we reach you?"));
  EXPECT_TRUE(uitest::find(k.tree, "contact:phone")->selected);
  EXPECT_EQ(uitest::find(k.tree, "key:a"), nullptr) << "digits only for a phone number";
  press("next");
  expect_label(k.tree, "problem", expected_text(lang(), "Please type your phone number."));
  for (char d : std::string("0612345678")) press(std::string("key:") + d);
  press("next");
  ASSERT_EQ(form().step, v::Step::consent) << form().problem;
  expect_sound();
  expect_label(k.tree, "title", expected_text(lang(), "May we keep your details?"));
  expect_label(k.tree, "consent-who",
               expected_text(lang(), "Only the neighbourhood team of this location sees them."));
  expect_label(
      k.tree, "consent-withdraw",
      expected_text(lang(),
                    "Changed your mind? Tell us at the desk or when we call, and we delete them at once."));
  k.state.config.volunteer_retention = {30, 120};  // the location's own rule, said as it is
  k.draw();
  expect_label(k.tree, "consent-how-long",
               fill(expected_text(lang(),
                                  "We delete them {handled} days after we contacted you, and after "
                                  "{unhandled} days at the latest."),
                    {{"handled", "30"}, {"unhandled", "120"}}));
  expect_label(k.tree, "consent:yes", expected_text(lang(), "Yes, I agree"));
  expect_label(k.tree, "consent:no", expected_text(lang(), "No, thank you"));
  press("consent:yes");
  ASSERT_EQ(form().step, v::Step::thanks);
  k.notice = "printer line";
  expect_sound();
  expect_label(k.tree, "title", expected_text(lang(), "Thank you!"));
  expect_label(k.tree, "reference", form().reference);
  expect_label(k.tree, "next-step", expected_text(lang(), v::kVolunteerNextStep));
  expect_label(k.tree, "notice", "printer line");
}

TEST_P(VolunteerScreens, AnEmailAddressHasItsOwnKeys) {
  through_door_to_name();
  for (const auto& l : first_letters(2)) press("key:" + l);
  press("next");
  press("contact:email");
  k.draw();
  EXPECT_TRUE(uitest::find(k.tree, "contact:email")->selected);
  EXPECT_NE(uitest::find(k.tree, "key:@"), nullptr);
  EXPECT_NE(uitest::find(k.tree, "key:.nl"), nullptr);
  for (const char* key : {"a", "@", "b"}) press(std::string("key:") + key);
  press("key:.nl");
  expect_label(k.tree, "field", "a@b.nl");
  press("next");
  EXPECT_EQ(form().step, v::Step::consent) << form().problem;
}

TEST_P(VolunteerScreens, NoThanksLeavesNothingOnTheNextScreen) {
  through_door_to_name();
  for (const auto& l : first_letters(3)) press("key:" + l);
  press("next");
  for (char d : std::string("0612345678")) press(std::string("key:") + d);
  press("next");
  press("consent:no");
  EXPECT_EQ(k.state.session.screen, Screen::Welcome);
  EXPECT_EQ(uitest::find(k.tree, "field"), nullptr);
  for (const auto& n : k.tree.nodes()) EXPECT_EQ(n.label.find("612345678"), std::string::npos) << n.id;
}

INSTANTIATE_TEST_SUITE_P(EveryLanguage, VolunteerScreens,
                         ::testing::ValuesIn(uitest::catalogues().languages()),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

}  // namespace
}  // namespace wk
