// The resident's screens, drawn headless in every language there is a catalogue for: each screen's tree
// is what core's KioskState says it should be, in the resident's language, with targets a finger can hit.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>

#include "kiosk_driver.hpp"
#include "tree_checks.hpp"
#include "ui/kiosk_screens.hpp"

namespace wk {
namespace {

using uitest::expect_label;
using uitest::expected_text;
using uitest::find;
using uitest::with_prefix;

class KioskScreens : public ::testing::TestWithParam<std::string> {
 protected:
  const std::string& lang() const { return GetParam(); }
  // The checks every screen passes, then the screen's own.
  void expect_sound(Kiosk& k) {
    ASSERT_TRUE(k.draw().empty()) << "drawing alone made events on " << k.tree.screen();
    uitest::expect_sound_tree(k.tree, k.imgui_);
    uitest::expect_touch_targets(k.tree, k.imgui_, ui::Theme::kMinTargetMm, "start");
  }
  void expect_language_buttons(const Kiosk& k) {
    const auto buttons = with_prefix(k.tree, "language:");
    const auto& offered = k.state.config.languages;
    ASSERT_EQ(buttons.size(), offered.size());
    for (std::size_t i = 0; i < offered.size(); ++i) {
      EXPECT_EQ(buttons[i].id, "language:" + offered[i]);
      EXPECT_EQ(buttons[i].role, "button");
      // Each language in its own words, whatever the screen's language.
      const Catalogue* own = uitest::catalogues().get(offered[i]);
      ASSERT_NE(own, nullptr);
      ASSERT_TRUE(own->has("LANGUAGE_NAME")) << offered[i];
      EXPECT_EQ(buttons[i].label, own->tr("LANGUAGE_NAME"));
    }
  }
  void expect_bottom_bar(const Kiosk& k) {
    expect_label(k.tree, "back", expected_text(lang(), "Back"));
    expect_label(k.tree, "start-over", expected_text(lang(), "Start over"));
  }
  static void expect_no_topics(const Kiosk& k) {
    EXPECT_TRUE(with_prefix(k.tree, "topic:").empty()) << k.tree.screen() << " shows topics";
  }
};

TEST_P(KioskScreens, Welcome) {
  Kiosk k(lang());
  ASSERT_EQ(k.state.session.screen, Screen::Welcome);
  expect_sound(k);
  expect_label(k.tree, "start", expected_text(lang(), "Tap the screen to start"));
  expect_label(k.tree, "title", expected_text(lang(), "Welcome"));
  expect_label(k.tree, "hint", expected_text(lang(), "Tap the screen to start"));
  expect_label(k.tree, "location", k.state.config.name);
  expect_language_buttons(k);
  expect_no_topics(k);
  EXPECT_EQ(find(k.tree, "back"), nullptr);
}

TEST_P(KioskScreens, Language) {
  Kiosk k(lang());
  k.send(ev::StartTapped{});
  ASSERT_EQ(k.state.session.screen, Screen::Language);
  expect_sound(k);
  expect_label(k.tree, "title", expected_text(lang(), "Choose your language"));
  expect_language_buttons(k);
  expect_bottom_bar(k);
}

TEST_P(KioskScreens, TopicsShowEveryOpenTopicInTheResidentsLanguage) {
  Kiosk k("nl");
  k.state.config.topics[1].open = false;  // switched off for the day
  k.send(ev::LanguageChosen{lang()});
  ASSERT_EQ(k.state.session.screen, Screen::Topics);
  ASSERT_EQ(session_language(k.state), lang());
  expect_sound(k);
  expect_label(k.tree, "title", expected_text(lang(), "What is your question about?"));
  std::vector<const Topic*> open;
  for (const auto& t : k.state.config.topics)
    if (t.open) open.push_back(&t);
  const auto tiles = with_prefix(k.tree, "topic:");
  ASSERT_EQ(tiles.size(), open.size());
  for (std::size_t i = 0; i < open.size(); ++i) {
    EXPECT_EQ(tiles[i].id, "topic:" + open[i]->id);
    EXPECT_EQ(tiles[i].role, "button");
    EXPECT_EQ(tiles[i].label, k.state.config.topic_name(open[i]->id, lang()));
    if (open[i]->names.count(lang())) {
      EXPECT_EQ(tiles[i].label, open[i]->names.at(lang()));
    }
  }
  EXPECT_EQ(find(k.tree, "topic:" + k.state.config.topics[1].id), nullptr);
  EXPECT_EQ(find(k.tree, "countdown"), nullptr);  // not yet: the resident has just tapped
  expect_bottom_bar(k);
}

TEST_P(KioskScreens, TicketShowsTheStoredTicket) {
  Kiosk k("nl");
  k.send(ev::LanguageChosen{lang()});
  const Topic& topic = k.state.config.topics.back();
  k.send(ev::TopicChosen{topic.id});
  ASSERT_EQ(k.state.session.screen, Screen::Ticket);
  ASSERT_TRUE(k.state.session.ticket);
  expect_sound(k);
  expect_label(k.tree, "ticket-code", k.state.session.ticket->code);
  expect_label(k.tree, "ticket-topic", k.state.config.topic_name(topic.id, lang()));
  expect_label(k.tree, "qr-hint", expected_text(lang(), "Scan to follow your turn on your phone"));
  expect_label(k.tree, "wait-hint", expected_text(lang(), "Please take a seat. We will call your number."));
  EXPECT_EQ(find(k.tree, "ticket-qr"), nullptr);  // no QR texture handed in
  expect_no_topics(k);
  expect_bottom_bar(k);
}

TEST_P(KioskScreens, ClosedOffersNothingToTap) {
  Kiosk k(lang());
  k.state.config.hours.always_open = false;
  k.state.config.hours.by_weekday[2] = {{9 * 60, 16 * 60 + 30}};  // Tuesdays only
  k.now = uitest::utc(2026, 11, 29, 9, 0);                        // a Sunday
  k.send(ev::Tick{});
  ASSERT_EQ(k.state.session.screen, Screen::Closed);
  expect_sound(k);
  expect_label(k.tree, "title", expected_text(lang(), "We are closed now"));
  expect_label(k.tree, "location", k.state.config.name);
  // Nothing but the resident's aids: the closed screen (its opening hours) can be read aloud.
  for (const auto& n : k.tree.nodes()) {
    if (!n.id.starts_with("aid:")) {
      EXPECT_NE(n.role, "button") << n.id;
    }
  }
  EXPECT_NE(find(k.tree, "aid:read-aloud"), nullptr);
  EXPECT_EQ(find(k.tree, "aid:large-print"), nullptr);  // nobody's session there would forget it
}

TEST_P(KioskScreens, FailureOfAFullOutboxSendsTheResidentToTheDesk) {
  Kiosk k("nl");
  k.send(ev::LanguageChosen{lang()});
  k.send(ev::TopicChosen{k.state.config.topics.front().id}, false);
  ASSERT_EQ(k.state.session.screen, Screen::Failure);
  ASSERT_EQ(failure_notice(k.state), kStoreFullNotice);
  expect_sound(k);
  expect_label(k.tree, "title", expected_text(lang(), "Sorry, something went wrong"));
  expect_label(k.tree, "failure", expected_text(lang(), kStoreFullNotice));
  expect_no_topics(k);
  expect_bottom_bar(k);
}

TEST_P(KioskScreens, CountdownOffersMoreTime) {
  Kiosk k("nl");
  k.send(ev::LanguageChosen{lang()});
  k.wait_ms((k.state.session_timeout_s - kCountdownVisibleS / 2) * 1000LL);
  ASSERT_EQ(k.state.session.screen, Screen::Topics);
  const auto left = seconds_left(k.state, k.now);
  ASSERT_TRUE(left && *left <= kCountdownVisibleS);
  expect_sound(k);
  expect_label(
      k.tree, "countdown",
      fill(expected_text(lang(), "Back to the start in {s} seconds"), {{"s", std::to_string(*left)}}));
  expect_label(k.tree, "more-time", expected_text(lang(), "More time"));
}

TEST_P(KioskScreens, StaffPinPad) {
  Kiosk k(lang());
  k.send(ev::CornerDown{});
  k.wait_ms(kStaffHoldMs);
  k.send(ev::CornerUp{});
  ASSERT_EQ(k.state.session.screen, Screen::StaffPin);
  expect_sound(k);
  expect_label(k.tree, "title", expected_text(lang(), "Staff: enter the PIN"));
  for (char d = '0'; d <= '9'; ++d) expect_label(k.tree, std::string("pin:") + d, std::string(1, d));
  expect_label(k.tree, "pin:erase", expected_text(lang(), "Erase"));
  EXPECT_NE(find(k.tree, "pin:ok"), nullptr);
  expect_bottom_bar(k);
  k.send(ev::PinDigit{'4'});
  k.send(ev::PinDigit{'2'});
  k.draw();
  expect_label(k.tree, "pin-status", std::string(k.state.session.pin_entry.size(), '*'));
}

TEST_P(KioskScreens, StaffPanel) {
  Kiosk k(lang());
  k.send(ev::CornerDown{});
  k.wait_ms(kStaffHoldMs);
  k.send(ev::CornerUp{});
  k.send(ev::PinDigit{'1'});
  k.send(ev::PinSubmit{});
  ASSERT_EQ(k.state.session.screen, Screen::StaffPanel);
  k.staff.rows = {{expected_text(lang(), "Version"), "1.0"}, {expected_text(lang(), "Sent"), "12"}};
  expect_sound(k);
  expect_label(k.tree, "title", expected_text(lang(), "Staff and IT"));
  expect_label(k.tree, "staff:sync", expected_text(lang(), "Sync now"));
  expect_label(k.tree, "staff:print-test", expected_text(lang(), "Print test ticket"));
  expect_label(k.tree, "staff:reprint", expected_text(lang(), "Reprint last ticket"));
  expect_label(k.tree, "staff:exit", expected_text(lang(), "Exit the kiosk"));
  for (const auto& [label, value] : k.staff.rows) expect_label(k.tree, "info:" + label, label + ": " + value);
  expect_bottom_bar(k);
}

TEST_P(KioskScreens, TicketWithItsQrCodeAndAPrinterNotice) {
  Kiosk k("nl");
  k.send(ev::PrinterChanged{PrinterState::PaperOut});
  k.state.has_printer = true;  // as the shell sets it from the device config
  k.send(ev::LanguageChosen{lang()});
  k.send(ev::TopicChosen{k.state.config.topics.front().id});
  ASSERT_EQ(k.state.session.screen, Screen::Ticket);
  ASSERT_FALSE(print_notice(k.state).empty());
  k.qr = reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(1));  // never sampled: nothing renders
  k.notice = expected_text(lang(), print_notice(k.state));              // as kiosk_main hands it in
  expect_sound(k);
  const ui::UiNode* qr = find(k.tree, "ticket-qr");
  ASSERT_NE(qr, nullptr);
  EXPECT_EQ(qr->label, expected_text(lang(), "Scan to follow your turn on your phone"));
  EXPECT_GE(qr->w, k.imgui_.theme().mm(ui::kQrMinMm) - 0.5f);
  EXPECT_GE(qr->h, k.imgui_.theme().mm(ui::kQrMinMm) - 0.5f);
  expect_label(k.tree, "notice", k.notice);
  expect_label(k.tree, "ticket-code", k.state.session.ticket->code);
}

// A location with many topics: the tiles shrink, but never below a finger's size, and the countdown's
// "more time" never lies on a tile (a tap there would choose a topic instead).
TEST_P(KioskScreens, ManyTopicsLeaveRoomForTheCountdown) {
  Kiosk k("nl");
  const auto demo = k.state.config.topics;
  for (int round = 1; k.state.config.topics.size() < 14; ++round)
    for (Topic t : demo) {
      t.id += std::to_string(round);
      k.state.config.topics.push_back(t);
    }
  k.send(ev::LanguageChosen{lang()});
  k.wait_ms((k.state.session_timeout_s - kCountdownVisibleS / 2) * 1000LL);
  ASSERT_EQ(k.state.session.screen, Screen::Topics);
  expect_sound(k);
  EXPECT_EQ(with_prefix(k.tree, "topic:").size(), k.state.config.topics.size());
  EXPECT_NE(find(k.tree, "more-time"), nullptr);
}

// The same kiosk on a landscape screen (two columns of tiles, four of languages).
TEST_P(KioskScreens, Landscape) {
  uitest::Glass glass = kiosk_glass();
  std::swap(glass.width, glass.height);
  Kiosk k(lang(), glass);
  expect_sound(k);
  expect_language_buttons(k);
  k.send(ev::StartTapped{});
  expect_sound(k);
  k.send(ev::LanguageChosen{lang()});
  expect_sound(k);
  EXPECT_EQ(with_prefix(k.tree, "topic:").size(), k.state.config.topics.size());
  k.send(ev::TopicChosen{k.state.config.topics.back().id});
  ASSERT_EQ(k.state.session.screen, Screen::Ticket);
  expect_sound(k);
  expect_label(k.tree, "ticket-code", k.state.session.ticket->code);
}

INSTANTIATE_TEST_SUITE_P(EveryLanguage, KioskScreens, ::testing::ValuesIn(uitest::catalogues().languages()),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

// Taps, headless: the mouse pressed and released over an element makes the event core expects of it.
TEST(KioskTaps, TheThreeTapsMakeCoresEvents) {
  Kiosk k("nl");
  auto events = k.tap("start");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<ev::StartTapped>(events[0]));
  k.send(events[0]);
  ASSERT_EQ(k.state.session.screen, Screen::Language);

  const std::string chosen = k.state.config.languages.back();
  events = k.tap("language:" + chosen);
  ASSERT_EQ(events.size(), 1u);
  const auto* language = std::get_if<ev::LanguageChosen>(&events[0]);
  ASSERT_NE(language, nullptr);
  EXPECT_EQ(language->language, chosen);
  k.send(events[0]);
  ASSERT_EQ(k.state.session.screen, Screen::Topics);

  const std::string topic = k.state.config.topics[2].id;
  events = k.tap("topic:" + topic);
  ASSERT_EQ(events.size(), 1u);
  const auto* chosen_topic = std::get_if<ev::TopicChosen>(&events[0]);
  ASSERT_NE(chosen_topic, nullptr);
  EXPECT_EQ(chosen_topic->topic, topic);
  k.send(events[0]);
  ASSERT_EQ(k.state.session.screen, Screen::Ticket);

  events = k.tap("start-over");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<ev::StartOver>(events[0]));
}

TEST(KioskTaps, ALanguageOnTheWelcomeScreenWinsOverTheScreenBehindIt) {
  Kiosk k("nl");
  const std::string chosen = k.state.config.languages[1];
  const auto events = k.tap("language:" + chosen);
  ASSERT_EQ(events.size(), 1u);
  const auto* language = std::get_if<ev::LanguageChosen>(&events[0]);
  ASSERT_NE(language, nullptr);
  EXPECT_EQ(language->language, chosen);
}

// With 14 topics the last tiles reach under the countdown: a tap on "more time" must still be more time.
TEST(KioskTaps, MoreTimeOverManyTopics) {
  Kiosk k("nl");
  const auto demo = k.state.config.topics;
  for (Topic t : demo) {
    t.id += "2";
    k.state.config.topics.push_back(t);
  }
  k.send(ev::LanguageChosen{"en"});
  k.wait_ms((k.state.session_timeout_s - 5) * 1000LL);
  const auto events = k.tap("more-time");
  ASSERT_EQ(events.size(), 1u);
  const auto* topic = std::get_if<ev::TopicChosen>(&events[0]);
  EXPECT_EQ(topic, nullptr) << "\"more time\" chose the topic " << topic->topic;
  EXPECT_TRUE(std::holds_alternative<ev::MoreTime>(events[0]));
}

TEST(KioskTaps, MoreTimeAndBack) {
  Kiosk k("nl");
  k.send(ev::StartTapped{});
  k.send(ev::LanguageChosen{"en"});
  k.wait_ms((k.state.session_timeout_s - 5) * 1000LL);
  auto events = k.tap("more-time");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<ev::MoreTime>(events[0]));
  events = k.tap("back");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<ev::Back>(events[0]));
}

}  // namespace
}  // namespace wk
