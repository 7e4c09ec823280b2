// The counter's "Terugbellen" tab and tickets joined from home, drawn headless in every language a
// location may speak: the rows, the number only with the call this counter took, "thuis" beside a remote
// code in the queue and at the desk, and "Later opnieuw" only for a remote ticket. Clicks make the events
// core allows.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/counter.hpp"
#include "headless_imgui.hpp"
#include "tree_checks.hpp"
#include "ui/counter_screens.hpp"

namespace wk::counter {
namespace {

using uitest::expect_label;
using uitest::expected_text;
using uitest::find;
using uitest::with_prefix;

constexpr const char* kOpen = "4c2a9e1b-7d3f-4e5a-8b6c-00000000000a";
constexpr const char* kColleague = "4c2a9e1b-7d3f-4e5a-8b6c-00000000000b";
constexpr const char* kPhone = "+31612345678";

class Desk {
 public:
  explicit Desk(const std::string& language) : imgui_(glass()) {
    config = uitest::demo_location();
    auto& langs = config.languages;
    std::rotate(langs.begin(), std::find(langs.begin(), langs.end(), language), langs.end());
    send(ev::LoginSubmitted{"anna", "secret"});
    send(ev::LoginOk{});
    send(ev::ConfigKnown{config, uitest::amsterdam()});
  }
  static uitest::Glass glass() {
    uitest::Glass g;  // a desk PC's window and the counter's fonts (counter_main.cpp)
    g.width = 1280;
    g.height = 800;
    g.normal_mm = 4.5f;
    g.large_mm = 7;
    g.huge_mm = 18;
    return g;
  }
  void send(const Event& e) { state = update(std::move(state), e, Inputs{1'800'000'000'000}).state; }
  std::vector<Event> draw() {
    std::vector<Event> out;
    imgui_.frame(tree, "counter", [&] {
      ui::CounterView view;
      view.state = &state;
      view.text = &uitest::catalogues();
      view.theme = imgui_.theme();
      out = ui::draw_counter(view, input, tree);
    });
    return out;
  }
  std::vector<Event> click(const std::string& id) {
    draw();
    const ui::UiNode* n = find(tree, id);
    if (!n) {
      ADD_FAILURE() << "nothing to click: no '" << id << "'";
      return {};
    }
    std::vector<Event> out;
    for (bool down : {false, true, false}) {
      imgui_.mouse(n->x + n->w / 2, n->y + n->h / 2, down);
      for (auto& e : draw()) out.push_back(std::move(e));
    }
    imgui_.mouse(-1, -1, false);
    return out;
  }
  void open_callbacks() {
    Callback open;
    open.id = kOpen;
    open.reference = "B-4C2A9E";
    open.created_at = uitest::utc(2026, 11, 24, 8, 5);
    open.topic = "schulden";
    open.part_of_day = PartOfDay::morning;
    open.attempts = 1;
    Callback colleague = open;
    colleague.id = kColleague;
    colleague.reference = "B-4C2A9F";
    colleague.state = CallbackState::taken;
    send(ev::ShowTab{Tab::callbacks});
    send(ev::CallbacksLoaded{{open, colleague}});
  }
  void expect_sound() {
    ASSERT_TRUE(draw().empty()) << "drawing alone made events";
    uitest::expect_sound_tree(tree, imgui_);
  }

  LocationConfig config;
  CounterState state = initial_counter("demo", 2);
  ui::CounterInput input;
  ui::UiTree tree;
  uitest::HeadlessImGui imgui_;
};

class CounterCallbackScreens : public ::testing::TestWithParam<std::string> {
 protected:
  const std::string& lang() const { return GetParam(); }
};

TEST_P(CounterCallbackScreens, TheTabTheCallAndTheNumberOnlyThen) {
  Desk d(lang());
  d.expect_sound();
  expect_label(d.tree, "tab:callbacks", expected_text(lang(), "Call-backs"));
  d.open_callbacks();
  d.expect_sound();
  EXPECT_TRUE(find(d.tree, "tab:callbacks")->selected);
  EXPECT_EQ(find(d.tree, "call-next"), nullptr) << "the queue's buttons are on the other tab";
  const auto refs = with_prefix(d.tree, "callback-ref:");
  ASSERT_EQ(refs.size(), 2u);
  EXPECT_EQ(refs[0].label, "B-4C2A9E") << "oldest first, as the service lists them";
  const std::string open = kOpen;
  expect_label(d.tree, "callback-topic:" + open, d.config.topic_name("schulden", lang()));
  expect_label(d.tree, "callback-when:" + open, expected_text(lang(), "In the morning"));
  expect_label(d.tree, "callback-made:" + open, "24-11-2026 09:05");  // the location's time
  expect_label(d.tree, "callback-attempts:" + open, "1");
  expect_label(d.tree, "callback-take:" + open, expected_text(lang(), "Call back"));
  expect_label(d.tree, "callback-taken:" + std::string(kColleague),
               expected_text(lang(), "Taken by a colleague"));
  EXPECT_EQ(find(d.tree, "callback-take:" + std::string(kColleague)), nullptr) << "nobody calls twice";
  EXPECT_TRUE(with_prefix(d.tree, "callback-phone:").empty()) << "no number before Bellen";

  Callback taken = d.state.callbacks.rows[0];
  taken.state = CallbackState::taken;
  taken.taken_by_me = true;
  taken.phone = kPhone;
  d.send(ev::TakeCallback{kOpen});
  d.send(ev::CallbackTaken{taken});
  d.expect_sound();
  expect_label(d.tree, "callback-phone:" + open, kPhone);
  expect_label(d.tree, "callback-reached:" + open, expected_text(lang(), "Reached"));
  expect_label(d.tree, "callback-not-reached:" + open, expected_text(lang(), "Not reached"));
  expect_label(d.tree, "callback-done:" + open, expected_text(lang(), "Done"));
  expect_label(d.tree, "callback-mine:" + open, expected_text(lang(), "You are calling"));

  d.send(ev::ReportOutcome{kOpen, CallOutcome::reached});
  d.send(ev::OutcomeSent{kOpen, CallOutcome::reached});
  d.expect_sound();
  EXPECT_TRUE(with_prefix(d.tree, "callback-phone:").empty());
  expect_label(d.tree, "callbacks-notice", expected_text(lang(), "Reached: the request is closed."));
}

TEST_P(CounterCallbackScreens, FromHomeInTheQueueAndAtTheDesk) {
  Desk d(lang());
  QueueSnapshot q;
  q.waiting.push_back({"kiosk-1", "S-012", "schulden", "nl", uitest::utc(2026, 11, 24, 8), false});
  q.waiting.push_back({"home-1", "S-W03", "schulden", "nl", uitest::utc(2026, 11, 24, 8, 1), true});
  d.send(ev::QueueLoaded{q});
  d.expect_sound();
  const std::string home = expected_text(lang(), "from home");
  expect_label(d.tree, "waiting-code:kiosk-1", "S-012");
  expect_label(d.tree, "waiting-code:home-1", "S-W03 " + home);
  expect_label(d.tree, "waiting-remote:home-1", home);
  EXPECT_EQ(find(d.tree, "waiting-remote:kiosk-1"), nullptr);

  d.send(ev::CallNext{});
  d.send(ev::ActionDone{Action::CallNext, DeskTicket{"kiosk-1", "S-012", "schulden", "nl",
                                                     TicketStatus::called, 2, "", false, "", false}});
  d.expect_sound();
  EXPECT_EQ(find(d.tree, "current-remote"), nullptr);
  EXPECT_EQ(find(d.tree, "later"), nullptr) << "a kiosk's ticket: no-show, not later";
  d.send(ev::Served{});
  d.send(ev::ActionDone{Action::Served, std::nullopt});
  d.send(ev::CallNext{});
  d.send(ev::ActionDone{Action::CallNext, DeskTicket{"home-1", "S-W03", "schulden", "nl",
                                                     TicketStatus::called, 2, "", false, "", true}});
  d.expect_sound();
  expect_label(d.tree, "current-remote", home);
  expect_label(d.tree, "later", expected_text(lang(), "Later again"));
}

INSTANTIATE_TEST_SUITE_P(EveryLanguage, CounterCallbackScreens,
                         ::testing::ValuesIn(uitest::catalogues().languages()),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

TEST(CallbackClicks, BellenTheOutcomesAndLaterFollowCore) {
  Desk d("nl");
  d.open_callbacks();
  const auto take = d.click("callback-take:" + std::string(kOpen));
  ASSERT_EQ(take.size(), 1u);
  EXPECT_EQ(std::get<ev::TakeCallback>(take[0]).id, kOpen);
  d.send(ev::TakeCallback{kOpen});  // under way: one call at a time
  EXPECT_TRUE(d.click("callback-take:" + std::string(kOpen)).empty());
  Callback taken = d.state.callbacks.rows[0];
  taken.state = CallbackState::taken;
  taken.taken_by_me = true;
  taken.phone = kPhone;
  d.send(ev::CallbackTaken{taken});
  const auto later = d.click("callback-not-reached:" + std::string(kOpen));
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(std::get<ev::ReportOutcome>(later[0]).outcome, CallOutcome::not_reached);

  d.send(ev::ShowTab{Tab::queue});
  d.send(ev::CallNext{});
  d.send(ev::ActionDone{Action::CallNext, DeskTicket{"home-1", "S-W03", "schulden", "nl",
                                                     TicketStatus::called, 2, "", false, "", true}});
  const auto back = d.click("later");
  ASSERT_EQ(back.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<ev::Later>(back[0]));
}

}  // namespace
}  // namespace wk::counter
