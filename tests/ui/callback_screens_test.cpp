// The "bel mij terug" screens, drawn headless in every language there is a catalogue for and walked by
// taps alone: the door on the topics screen (only where the location calls back), the topics as choices,
// the number on the volunteer's touch keyboard, the parts of the day, the consent in plain words, and the
// thanks with the reference. Every screen passes the checks every kiosk screen does.
#include <gtest/gtest.h>

#include "kiosk_driver.hpp"
#include "tree_checks.hpp"

namespace wk {
namespace {

using uitest::expect_label;
using uitest::expected_text;
using uitest::with_prefix;
namespace cb = callback;

class CallbackScreens : public ::testing::TestWithParam<std::string> {
 protected:
  CallbackScreens() : k("nl") {
    k.state.config.callback = CallbackPolicy{21};
    k.send(ev::LanguageChosen{lang()});
  }
  const std::string& lang() const { return GetParam(); }
  const cb::Form& form() const { return *k.state.session.callback; }
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
  void to_phone() {
    press("callback-door");
    press("topic:schulden");
    press("next");
    ASSERT_EQ(form().step, cb::Step::phone) << form().problem;
  }
  void to_consent() {
    to_phone();
    for (char d : std::string("0612345678")) press(std::string("key:") + d);
    press("next");
    press("when:afternoon");
    press("next");
    ASSERT_EQ(form().step, cb::Step::consent) << form().problem;
  }
  Kiosk k;
};

TEST_P(CallbackScreens, TheDoorIsATopicSizedTileOnlyWhereTheLocationCallsBack) {
  k.draw();
  const ui::UiNode* door = uitest::find(k.tree, "callback-door");
  ASSERT_NE(door, nullptr);
  EXPECT_EQ(door->label, expected_text(lang(), "Call me back"));
  const auto topics = with_prefix(k.tree, "topic:");
  ASSERT_FALSE(topics.empty());
  EXPECT_FLOAT_EQ(door->w, topics.front().w);
  EXPECT_FLOAT_EQ(door->h, topics.front().h);
  uitest::expect_touch_targets(k.tree, k.imgui_, ui::Theme::kMinTargetMm);
  k.state.config.callback.reset();
  k.draw();
  EXPECT_EQ(uitest::find(k.tree, "callback-door"), nullptr);
}

TEST_P(CallbackScreens, TheTopicsAreTheLocationsOpenOnesAsChoices) {
  press("callback-door");
  ASSERT_EQ(k.state.session.screen, Screen::Callback);
  expect_sound();
  expect_label(k.tree, "title", expected_text(lang(), "What is your question about?"));
  const auto tiles = with_prefix(k.tree, "topic:");
  ASSERT_EQ(tiles.size(), cb::topics_offered(k.state.config).size());
  press("next");
  expect_label(k.tree, "problem", expected_text(lang(), "Choose what your question is about."));
  expect_sound();
  press("topic:schulden");
  EXPECT_TRUE(uitest::find(k.tree, "topic:schulden")->selected);
  EXPECT_EQ(uitest::find(k.tree, "problem"), nullptr) << "the problem goes once the person acts on it";
}

TEST_P(CallbackScreens, TheNumberIsTypedOnTheTouchKeyboardAndCheckedInWords) {
  to_phone();
  expect_sound();
  expect_label(k.tree, "title", expected_text(lang(), "On which number can we call you?"));
  for (const char* key : {"key:0", "key:6", "key:1", "key:erase"}) press(key);
  expect_label(k.tree, "field", "06");
  press("next");
  expect_label(k.tree, "problem",
               expected_text(lang(), "A Dutch phone number has 10 digits, like 06 12345678 or 020 1234567."));
  expect_sound();
  for (char d : std::string("12345678")) press(std::string("key:") + d);
  press("next");
  EXPECT_EQ(form().step, cb::Step::when) << form().problem;
  expect_sound();
  expect_label(k.tree, "title", expected_text(lang(), "When shall we call you?"));
  expect_label(k.tree, "when:morning", expected_text(lang(), "In the morning"));
  expect_label(k.tree, "when:afternoon", expected_text(lang(), "In the afternoon"));
  expect_label(k.tree, "when:any", expected_text(lang(), "Any time of day"));
  press("next");
  expect_label(k.tree, "problem", expected_text(lang(), "Choose a part of the day."));
  press("when:any");
  EXPECT_TRUE(uitest::find(k.tree, "when:any")->selected);
}

TEST_P(CallbackScreens, TheConsentSaysWhatIsKeptForHowLongThenTheReference) {
  to_consent();
  expect_sound();
  expect_label(k.tree, "title", expected_text(lang(), "May we keep your phone number?"));
  expect_label(k.tree, "consent-what",
               fill(expected_text(lang(),
                                  "We keep your phone number ({phone}) and the topic of your question, "
                                  "only to call you back."),
                    {{"phone", "+31612345678"}}));
  expect_label(k.tree, "consent-how-long",
               fill(expected_text(lang(), "We delete your number after {days} days at the latest."),
                    {{"days", "21"}}));
  expect_label(k.tree, "consent:yes", expected_text(lang(), "Yes, I agree"));
  expect_label(k.tree, "consent:no", expected_text(lang(), "No, thank you"));
  press("consent:yes");
  ASSERT_EQ(form().step, cb::Step::thanks);
  expect_sound();
  expect_label(k.tree, "title", expected_text(lang(), "Thank you!"));
  expect_label(k.tree, "reference", form().reference);
  expect_label(k.tree, "next-step", expected_text(lang(), cb::kCallbackNextStep));
  for (const auto& n : k.tree.nodes()) EXPECT_EQ(n.label.find("612345678"), std::string::npos) << n.id;
}

TEST_P(CallbackScreens, NoThanksLeavesNothingOnTheNextScreen) {
  to_consent();
  press("consent:no");
  EXPECT_EQ(k.state.session.screen, Screen::Welcome);
  for (const auto& n : k.tree.nodes()) EXPECT_EQ(n.label.find("612345678"), std::string::npos) << n.id;
}

INSTANTIATE_TEST_SUITE_P(EveryLanguage, CallbackScreens,
                         ::testing::ValuesIn(uitest::catalogues().languages()),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

}  // namespace
}  // namespace wk
