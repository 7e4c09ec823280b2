// The waiting-room display, drawn headless in every language a location may speak: the latest call's code
// and desk, up to five before it, the clock, and "reconnecting…" while the service is out of reach. What
// the tree holds comes from core's DisplayState after core's own update.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/display.hpp"
#include "core/ticket.hpp"
#include "headless_imgui.hpp"
#include "tree_checks.hpp"
#include "ui/display_screens.hpp"

namespace wk::display {
namespace {

using uitest::expect_label;
using uitest::expected_text;
using uitest::find;
using uitest::with_prefix;

uitest::Glass display_glass() {
  uitest::Glass g;  // a landscape TV and the display's fonts (display_main.cpp)
  g.width = 1920;
  g.height = 1080;
  g.normal_mm = 9;
  g.large_mm = 16;
  g.huge_mm = 55;
  for (const auto& l : uitest::catalogues().languages()) g.huge_text += uitest::catalogues().tr(l, "Desk");
  return g;
}

class Display {
 public:
  explicit Display(const std::string& language) : imgui_(display_glass()) {
    LocationConfig config = uitest::demo_location();
    auto& langs = config.languages;
    std::rotate(langs.begin(), std::find(langs.begin(), langs.end(), language), langs.end());
    send(ev::ConfigKnown{config, uitest::amsterdam()});
  }
  void send(const Event& e) { state = update(std::move(state), e, Inputs{now}).state; }
  // `n` calls, one a minute, each to the next desk; every third a code another resident holds too.
  void calls(int n) {
    CallBatch batch;
    for (int i = 0; i < n; ++i) {
      const auto& topic = state.config.topics[static_cast<std::size_t>(i) % state.config.topics.size()];
      Call c;
      c.seq = state.board.last_seq + i + 1;
      c.code = std::string(1, topic.letter) + "-0" + std::to_string(10 + i);
      c.desk = 1 + i % 4;
      c.called_at = now + i * 60'000;
      c.code_shared = i % 3 == 2;
      c.issued_time = c.code_shared ? "09:14" : "";
      batch.calls.push_back(c);
    }
    batch.last_seq = state.board.last_seq + n;
    now += n * 60'000;
    send(ev::CallsArrived{batch});
  }
  void draw() {
    imgui_.frame(tree, "display", [&] {
      ui::DisplayView view;
      view.state = &state;
      view.text = &uitest::catalogues();
      view.clock = clock_text(state, now);
      view.theme = imgui_.theme();
      ui::draw_display(view, tree);
    });
  }

  DisplayState state;
  UnixMs now = uitest::utc(2026, 11, 24, 9, 0);
  ui::UiTree tree;
  uitest::HeadlessImGui imgui_;
};

class DisplayScreen : public ::testing::TestWithParam<std::string> {
 protected:
  const std::string& lang() const { return GetParam(); }
  void expect_sound(Display& d) {
    d.draw();
    uitest::expect_sound_tree(d.tree, d.imgui_);
    for (const auto& n : d.tree.nodes())
      EXPECT_NE(n.role, "button") << "the display is not touched: " << n.id;
    expect_label(d.tree, "clock", clock_text(d.state, d.now));
  }
  std::string desk(int n) const { return expected_text(lang(), "Desk") + " " + std::to_string(n); }
  // The latest call large, and every earlier one on the board in its row, newest first.
  void expect_board(const Display& d) const {
    const auto& shown = d.state.board.shown;
    ASSERT_FALSE(shown.empty());
    expect_label(d.tree, "display-latest-code",
                 code_label(shown[0].code, shown[0].code_shared, shown[0].issued_time));
    expect_label(d.tree, "display-latest-desk", desk(shown[0].desk));
    std::vector<ui::UiNode> previous;
    for (const auto& n : with_prefix(d.tree, "display-previous:"))
      if (n.id.find(":desk") == std::string::npos) previous.push_back(n);
    ASSERT_EQ(previous.size(), shown.size() - 1);
    for (std::size_t i = 1; i < shown.size(); ++i) {
      const std::string id = "display-previous:" + std::to_string(i);
      expect_label(d.tree, id, code_label(shown[i].code, shown[i].code_shared, shown[i].issued_time));
      expect_label(d.tree, id + ":desk", desk(shown[i].desk));
      EXPECT_GT(previous[i - 1].y, find(d.tree, "display-latest-code")->y) << id << " above the latest";
      if (i > 1) {
        EXPECT_GT(previous[i - 1].y, previous[i - 2].y) << id << " not below the one before";
      }
    }
  }
};

TEST_P(DisplayScreen, BeforeTheFirstCall) {
  Display d(lang());
  ASSERT_EQ(display_language(d.state), lang());
  expect_sound(d);
  EXPECT_EQ(find(d.tree, "display-latest-code"), nullptr);
  EXPECT_TRUE(with_prefix(d.tree, "display-previous:").empty());
  EXPECT_EQ(find(d.tree, "reconnecting"), nullptr);
}

TEST_P(DisplayScreen, TheLatestCallAndTheOnesBefore) {
  Display d(lang());
  d.calls(3);
  ASSERT_EQ(d.state.board.shown.size(), 3u);
  expect_sound(d);
  expect_board(d);
}

TEST_P(DisplayScreen, NoMoreThanFivePrevious) {
  Display d(lang());
  d.calls(static_cast<int>(kPreviousShown) + 4);
  ASSERT_EQ(d.state.board.shown.size(), kPreviousShown + 1);
  expect_sound(d);
  expect_board(d);
}

TEST_P(DisplayScreen, ReconnectingWhileOffline) {
  Display d(lang());
  d.calls(2);
  d.send(ev::OnlineChanged{false});
  expect_sound(d);
  expect_label(d.tree, "reconnecting", expected_text(lang(), "reconnecting…"));
  expect_board(d);  // the board stays as it was
  d.send(ev::OnlineChanged{true});
  expect_sound(d);
  EXPECT_EQ(find(d.tree, "reconnecting"), nullptr);
}

INSTANTIATE_TEST_SUITE_P(EveryLanguage, DisplayScreen, ::testing::ValuesIn(uitest::catalogues().languages()),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

}  // namespace
}  // namespace wk::display
