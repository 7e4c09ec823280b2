// Issue 15's measured rules, over every screen of the resident's way (welcome, language, topics, ticket,
// failure, closed, and each step behind the volunteer door) in every language there is a catalogue for, in
// portrait and landscape, with normal and with bigger text, at the DPI and mounting height of a kiosk
// config. Each rule is measured on the UI tree the screen draws, so what is checked is what is on the glass:
//   - every touch target at least 15 mm on both sides, 3 mm apart (tree_checks);
//   - the cap height of text: at least 6 mm with bigger text, on every text (EN 301 549 5.1.4 asks it of
//     one mode of operation); measured and printed for normal text;
//   - every button's words inside it;
//   - every target within reach, 380 to 1220 mm above the floor (EN 301 549 8.3);
//   - a warning at least 20 s before a timeout, with "more time" one tap away (WCAG 2.2.1);
//   - read-aloud says the screen's text, every line once, in reading order (the spoken text of the tree).
// Contrast is the theme's, measured in theme_contrast_test.cpp. The figures are printed as "RULE ..." lines.
#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <limits>

#include "core/config.hpp"
#include "kiosk_driver.hpp"
#include "tree_checks.hpp"
#include "ui/spoken_text.hpp"

namespace wk {
namespace {

namespace v = volunteer;

// A kiosk as deployed: a 24" portrait screen at 92 DPI, its lower edge 700 mm above the floor.
DeviceConfig deployed_kiosk() {
  auto c = device_config_from_toml(R"(
role = "kiosk"
location = "demo"
data_dir = "/var/lib/wijkkiosk"
[service]
url = "https://localhost:8443"
ca_file = "/etc/wijkkiosk/ca.pem"
token_file = "/etc/wijkkiosk/token"
[screen]
dpi = 92
bottom_mm = 700
)",
                                   "kiosk.toml");
  if (!c) throw std::runtime_error(to_string(c.error()));
  return c.value();
}

struct Case {
  std::string lang;
  bool landscape;
  bool large_print;
};

std::string name_of(const ::testing::TestParamInfo<Case>& p) {
  return p.param.lang + (p.param.landscape ? "_landscape" : "_portrait") +
         (p.param.large_print ? "_bigger_text" : "");
}

std::vector<Case> every_case() {
  std::vector<Case> out;
  for (const auto& l : uitest::catalogues().languages())
    for (bool landscape : {false, true})
      for (bool large : {false, true}) out.push_back({l, landscape, large});
  return out;
}

struct Figures {
  float min_target_mm = std::numeric_limits<float>::max();
  float min_cap_mm = std::numeric_limits<float>::max();
  float lowest_mm = std::numeric_limits<float>::max(), highest_mm = 0;
  int screens = 0;
};

class AccessibilityRules : public ::testing::TestWithParam<Case> {
 protected:
  AccessibilityRules() : config_(deployed_kiosk()), k_(GetParam().lang, glass()) {
    if (GetParam().large_print) k_.send(ev::LargePrint{});
  }
  ~AccessibilityRules() override {
    std::printf(
        "RULE %s %s%s: %d screens, smallest target %.1f mm, smallest cap height %.1f mm, targets "
        "%.0f-%.0f mm above the floor\n",
        GetParam().lang.c_str(), GetParam().landscape ? "landscape" : "portrait",
        GetParam().large_print ? " bigger text" : "", f_.screens, f_.min_target_mm, f_.min_cap_mm,
        f_.lowest_mm, f_.highest_mm);
  }
  uitest::Glass glass() const {
    uitest::Glass g = kiosk_glass();
    g.px_per_mm = static_cast<float>(config_.dpi_override / 25.4);
    const ui::TypeSizes& sizes = GetParam().large_print ? ui::kKioskLargePrint : ui::kKioskType;
    g.normal_mm = sizes.normal_mm;
    g.large_mm = sizes.large_mm;
    g.huge_mm = sizes.huge_mm;
    g.width = GetParam().landscape ? 1920 : 1080;
    g.height = GetParam().landscape ? 1080 : 1920;
    return g;
  }
  float mm(float px) const { return px / k_.imgui_.theme().px_per_mm; }

  // Every rule over the screen now drawn.
  void check(const std::string& what) {
    SCOPED_TRACE(what);
    ++f_.screens;
    ASSERT_TRUE(k_.draw().empty()) << "drawing alone made events on " << what;
    uitest::expect_sound_tree(k_.tree, k_.imgui_);
    uitest::expect_touch_targets(k_.tree, k_.imgui_, ui::Theme::kMinTargetMm, "start");
    const float glass_mm = mm(k_.imgui_.height());
    for (const auto& n : k_.tree.nodes()) {
      if (n.cap_px > 0) {
        f_.min_cap_mm = std::min(f_.min_cap_mm, mm(n.cap_px));
        if (GetParam().large_print) {
          EXPECT_GE(mm(n.cap_px), 6.0f - 0.05f) << "'" << n.id << "' (" << n.label << ")";
        }
      }
      if (n.role != "button" || n.id == "start") continue;  // "start" is the whole welcome screen
      // Its words inside it: a label that spills out of its button is not read as that button's.
      EXPECT_LE(n.text_w, n.w + 0.5f) << "'" << n.id << "' (" << n.label << ") is wider than its button";
      EXPECT_LE(n.text_h, n.h + 0.5f)
          << "'" << n.id << "' (" << n.label << ") is taller than its button: " << mm(n.text_h) << " of "
          << mm(n.h) << " mm";
      f_.min_target_mm = std::min({f_.min_target_mm, mm(n.w), mm(n.h)});
      const float bottom = static_cast<float>(config_.screen_bottom_mm) + glass_mm - mm(n.y + n.h);
      const float top = static_cast<float>(config_.screen_bottom_mm) + glass_mm - mm(n.y);
      f_.lowest_mm = std::min(f_.lowest_mm, bottom);
      f_.highest_mm = std::max(f_.highest_mm, top);
      EXPECT_TRUE(within_reach(bottom, top))
          << "'" << n.id << "' lies " << bottom << "-" << top << " mm above the floor";
    }
    expect_spoken_in_reading_order();
  }

  // The spoken text holds every label the resident sees (not the aids' own, not a typed name or number),
  // each where its node is in the tree: the tree is drawn in reading order, so that is the order.
  void expect_spoken_in_reading_order() {
    const std::string spoken = ui::spoken_text(k_.tree);
    std::size_t at = 0;
    const auto& nodes = k_.tree.nodes();
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      const auto& n = nodes[i];
      if (n.label.empty() || n.id.starts_with("aid:") || n.personal) {
        if (n.personal && !n.label.empty()) {
          EXPECT_EQ(spoken.find(n.label), std::string::npos) << "read aloud: " << n.id;
        }
        continue;
      }
      bool later = false;
      for (std::size_t j = i + 1; j < nodes.size(); ++j) later = later || nodes[j].label == n.label;
      if (later) continue;
      const std::string said = n.id == "ticket-code" || n.id == "reference" ? spoken_code(n.label) : n.label;
      const std::size_t found = spoken.find(said, at);
      EXPECT_NE(found, std::string::npos) << "'" << n.id << "' (" << said << ") not read, or not in order";
      if (found != std::string::npos) at = found + said.size();
    }
  }

  // WCAG 2.2.1: at 20 s before the timeout "more time" is there, and one tap on it moves the timeout.
  void check_timeout_warning(const std::string& what) {
    SCOPED_TRACE(what);
    const auto left = seconds_left(k_.state, k_.now);
    ASSERT_TRUE(left);
    k_.wait_ms((*left - kCountdownVisibleS) * 1000LL);
    k_.draw();
    ASSERT_NE(uitest::find(k_.tree, "more-time"), nullptr) << "no warning 20 s before the timeout";
    check(what + " with its countdown");
    for (const auto& e : k_.tap("more-time")) k_.send(e);
    EXPECT_GT(*seconds_left(k_.state, k_.now), kCountdownVisibleS);
  }

  void volunteer_event(v::Event e) { k_.send(ev::Volunteer{std::move(e)}); }
  // "Start over" forgets the resident's aids: the next one in this walk asks for bigger text again.
  void start_over() {
    k_.send(ev::StartOver{});
    if (GetParam().large_print) k_.send(ev::LargePrint{});
  }

  DeviceConfig config_;
  Kiosk k_;
  Figures f_;
};

TEST_P(AccessibilityRules, OnEveryScreenOfTheResidentsWay) {
  const std::string lang = GetParam().lang;
  check("welcome");
  k_.send(ev::StartTapped{});
  check("language");
  check_timeout_warning("language");
  k_.send(ev::LanguageChosen{lang});
  ASSERT_EQ(k_.state.session.screen, Screen::Topics);
  check("topics");
  check_timeout_warning("topics");
  k_.send(ev::TopicChosen{k_.state.config.topics.front().id});
  ASSERT_EQ(k_.state.session.screen, Screen::Ticket);
  k_.notice = uitest::expected_text(
      lang, "Your ticket is on the screen only: scan the code with your phone or remember your number.");
  check("ticket");
  check_timeout_warning("ticket");
  k_.notice.clear();
  start_over();
  k_.send(ev::LanguageChosen{lang});
  k_.send(ev::TopicChosen{k_.state.config.topics.front().id}, false);
  ASSERT_EQ(k_.state.session.screen, Screen::Failure);
  check("failure");
  start_over();

  // Behind the second door, each step with what it needs to go on.
  k_.send(ev::LanguageChosen{lang});
  k_.send(ev::VolunteerDoor{});
  ASSERT_EQ(k_.state.session.screen, Screen::Volunteer);
  check("volunteer: interests");
  volunteer_event(v::ev::InterestToggled{k_.state.config.interests.front().id});
  volunteer_event(v::ev::Next{});
  check("volunteer: when");
  volunteer_event(v::ev::AvailabilityToggled{Availability::evenings});
  volunteer_event(v::ev::Next{});
  check("volunteer: first name");
  for (const char* letter : {"S", "a", "r", "a"}) volunteer_event(v::ev::Typed{letter});
  volunteer_event(v::ev::Next{});
  check("volunteer: contact");
  volunteer_event(v::ev::ContactKindChosen{v::ContactKind::phone});
  for (const char* d : {"0", "6", "1", "2", "3", "4", "5", "6", "7", "8"}) volunteer_event(v::ev::Typed{d});
  volunteer_event(v::ev::Next{});
  ASSERT_EQ(k_.state.session.volunteer->step, v::Step::consent);
  check("volunteer: consent");
  volunteer_event(v::ev::Consent{true});
  ASSERT_EQ(k_.state.session.volunteer->step, v::Step::thanks);
  check("volunteer: thanks");
}

TEST_P(AccessibilityRules, OnTheClosedScreen) {
  k_.state.config.hours.always_open = false;
  k_.state.config.hours.by_weekday[2] = {{9 * 60, 16 * 60 + 30}};  // Tuesdays only
  k_.now = uitest::utc(2026, 11, 29, 9, 0);                        // a Sunday
  k_.send(ev::Tick{});
  ASSERT_EQ(k_.state.session.screen, Screen::Closed);
  check("closed");
}

INSTANTIATE_TEST_SUITE_P(EveryLanguageBothWaysUp, AccessibilityRules, ::testing::ValuesIn(every_case()),
                         name_of);

}  // namespace
}  // namespace wk
