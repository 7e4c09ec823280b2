// The staff counter's screens, drawn headless in every language a location may speak: the login form,
// the desk with its queue per topic and its filter, the ticket at the desk, offline and reprint notices.
// What the tree holds comes from core's CounterState; what may be clicked from core's can_* rules.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/counter.hpp"
#include "core/ticket.hpp"
#include "headless_imgui.hpp"
#include "tree_checks.hpp"
#include "ui/counter_screens.hpp"

namespace wk::counter {
namespace {

using uitest::expect_label;
using uitest::expected_text;
using uitest::find;
using uitest::with_prefix;

uitest::Glass counter_glass() {
  uitest::Glass g;  // a desk PC's window and the counter's fonts (counter_main.cpp)
  g.width = 1280;
  g.height = 800;
  g.normal_mm = 4.5f;
  g.large_mm = 7;
  g.huge_mm = 18;
  return g;
}

class Counter {
 public:
  explicit Counter(const std::string& language) : imgui_(counter_glass()) {
    config = uitest::demo_location();
    auto& langs = config.languages;
    std::rotate(langs.begin(), std::find(langs.begin(), langs.end(), language), langs.end());
  }
  void send(const Event& e) { state = update(std::move(state), e, Inputs{now}).state; }
  // Logged in, the location's config known and a queue with someone waiting for every other topic.
  void log_in() {
    send(ev::LoginSubmitted{"anna", "secret"});
    send(ev::LoginOk{});
    send(ev::ConfigKnown{config, uitest::amsterdam()});
    QueueSnapshot q;
    for (std::size_t i = 0; i < config.topics.size(); ++i) {
      const int waiting = i % 2 == 0 ? static_cast<int>(i) + 1 : 0;
      q.topics.push_back({config.topics[i].id, waiting, waiting * 250L, waiting * 400L});
    }
    send(ev::QueueLoaded{q});
  }
  void call(const std::string& code, const std::string& topic) {
    send(ev::CallNext{});
    send(ev::ActionDone{Action::CallNext, DeskTicket{"id-1", code, topic, "nl", TicketStatus::called,
                                                     state.desk, "", false, "", false}});
  }

  // The volunteers tab open, its list loaded.
  void open_volunteers(std::vector<Volunteer> rows) {
    send(ev::ShowTab{Tab::volunteers});
    send(ev::VolunteersLoaded{std::move(rows)});
  }

  std::vector<Event> draw() {
    std::vector<Event> out;
    imgui_.frame(tree, state.phase == Phase::LoggedIn ? "counter" : "counter-login", [&] {
      ui::CounterView view;
      view.state = &state;
      view.text = &uitest::catalogues();
      view.theme = imgui_.theme();
      out = ui::draw_counter(view, input, tree);
    });
    return out;
  }
  // A click on the middle of `id`: the events it made.
  std::vector<Event> click(const std::string& id) {
    draw();
    const ui::UiNode* n = find(tree, id);
    if (!n) {
      ADD_FAILURE() << "nothing to click: no '" << id << "' on " << tree.screen();
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

  LocationConfig config;
  CounterState state = initial_counter("demo", 2);
  UnixMs now = 1'800'000'000'000;
  ui::CounterInput input;
  ui::UiTree tree;
  uitest::HeadlessImGui imgui_;
};

constexpr const char* kZoe = "7c0d5a8e-1f2b-4c3d-8e9f-000000000001";
constexpr const char* kOlena = "7c0d5a8e-1f2b-4c3d-8e9f-000000000002";
constexpr const char* kJan = "7c0d5a8e-1f2b-4c3d-8e9f-000000000003";

// Zoë shops in the mornings, Olena is a language buddy in the evenings and at weekends, Jan shops at
// weekends and visits people; registered on three days.
std::vector<Volunteer> volunteers() {
  const auto one = [](const char* id, const char* ref, const char* name, bool phone,
                      std::vector<std::string> interests, std::vector<Availability> when, UnixMs at) {
    Volunteer v;
    v.id = id;
    v.reference = ref;
    v.created_at = at;
    v.language = "nl";
    v.first_name = name;
    (phone ? v.phone : v.email) = phone ? "+31612345678" : "olena@example.nl";
    v.interests = std::move(interests);
    v.availability = std::move(when);
    return v;
  };
  return {one(kZoe, "V-3F9A2C", "Zoë", true, {"boodschappen"}, {Availability::mornings},
              uitest::utc(2026, 11, 23, 23, 30)),
          one(kOlena, "V-77B01D", "Олена", false, {"taalmaatje"},
              {Availability::evenings, Availability::weekends}, uitest::utc(2026, 11, 24, 10)),
          one(kJan, "V-0C4E11", "Jan", true, {"boodschappen", "bezoek"}, {Availability::weekends},
              uitest::utc(2026, 11, 25, 14))};
}

template <class E>
bool made(const std::vector<Event>& events) {
  return std::any_of(events.begin(), events.end(),
                     [](const Event& e) { return std::holds_alternative<E>(e); });
}

class CounterScreens : public ::testing::TestWithParam<std::string> {
 protected:
  const std::string& lang() const { return GetParam(); }
  void expect_sound(Counter& c) {
    ASSERT_TRUE(c.draw().empty()) << "drawing alone made events on " << c.tree.screen();
    uitest::expect_sound_tree(c.tree, c.imgui_);
  }
  std::string desk_title(const Counter& c) const {
    return fill(expected_text(lang(), "Desk {n}"), {{"n", std::to_string(c.state.desk)}});
  }
  std::string minutes(long seconds) const {
    return fill(expected_text(lang(), "{m} min"), {{"m", std::to_string((seconds + 59) / 60)}});
  }
};

TEST_P(CounterScreens, LoginForm) {
  Counter c(lang());
  c.send(ev::ConfigKnown{c.config, uitest::amsterdam()});  // a counter that knew its location before
  ASSERT_EQ(counter_language(c.state), lang());
  expect_sound(c);
  expect_label(c.tree, "desk", desk_title(c));
  expect_label(c.tree, "login-user", expected_text(lang(), "User name"));
  expect_label(c.tree, "login-password", expected_text(lang(), "Password"));
  expect_label(c.tree, "login", expected_text(lang(), "Log in"));
  EXPECT_EQ(find(c.tree, "call-next"), nullptr);
  EXPECT_EQ(find(c.tree, "notice"), nullptr);

  c.send(ev::LoginSubmitted{"anna", "wrong"});
  ASSERT_EQ(c.state.phase, Phase::LoggingIn);
  expect_sound(c);
  expect_label(c.tree, "login", expected_text(lang(), "Logging in…"));
  EXPECT_TRUE(c.click("login").empty()) << "a second login while the first is under way";

  c.send(ev::LoginFailed{Failure::bad_login, 0});
  ASSERT_FALSE(c.state.notice.empty());
  expect_sound(c);
  expect_label(c.tree, "notice", expected_text(lang(), c.state.notice));
}

TEST_P(CounterScreens, DeskShowsOneRowPerVisibleTopic) {
  Counter c(lang());
  c.log_in();
  ASSERT_EQ(c.state.phase, Phase::LoggedIn);
  ASSERT_EQ(counter_language(c.state), lang());
  expect_sound(c);
  expect_label(c.tree, "desk", desk_title(c));
  expect_label(c.tree, "logout", expected_text(lang(), "Log out"));
  expect_label(c.tree, "call-next", expected_text(lang(), "Call next") + " (F1)");
  expect_label(c.tree, "call-code", expected_text(lang(), "Call"));
  expect_label(c.tree, "current-code", expected_text(lang(), "Nobody at this desk yet."));
  EXPECT_EQ(find(c.tree, "offline"), nullptr);

  const auto expect_rows = [&] {
    const auto loads = visible_loads(c.state);
    const auto waiting = with_prefix(c.tree, "waiting:");
    const auto longest = with_prefix(c.tree, "longest:");
    ASSERT_EQ(waiting.size(), loads.size());
    ASSERT_EQ(longest.size(), loads.size());
    for (std::size_t i = 0; i < loads.size(); ++i) {
      EXPECT_EQ(waiting[i].id, "waiting:" + loads[i].topic);
      EXPECT_EQ(waiting[i].label, std::to_string(loads[i].waiting));
      EXPECT_EQ(longest[i].id, "longest:" + loads[i].topic);
      EXPECT_EQ(longest[i].label, loads[i].waiting > 0 ? minutes(loads[i].longest_wait_s) : "-");
    }
  };
  expect_rows();
  // The filter: every topic of the location, ticked as the desk's topics say.
  const auto filters = with_prefix(c.tree, "filter:");
  ASSERT_EQ(filters.size(), c.state.topics.size());
  for (std::size_t i = 0; i < filters.size(); ++i) {
    EXPECT_EQ(filters[i].id, "filter:" + c.state.topics[i]);
    EXPECT_EQ(filters[i].label, c.config.topic_name(c.state.topics[i], lang()) + " [ ]");
  }

  c.send(ev::ToggleTopic{c.state.topics[2]});
  c.send(ev::ToggleTopic{c.state.topics[3]});
  ASSERT_EQ(visible_loads(c.state).size(), 2u);
  expect_sound(c);
  expect_rows();
  expect_label(c.tree, "filter:" + c.state.topics[2],
               c.config.topic_name(c.state.topics[2], lang()) + " [x]");
}

TEST_P(CounterScreens, TicketAtTheDesk) {
  Counter c(lang());
  c.log_in();
  const Topic& topic = c.config.topics[1];
  c.call(std::string(1, topic.letter) + "-007", topic.id);
  ASSERT_TRUE(c.state.current);
  expect_sound(c);
  expect_label(c.tree, "current-code",
               code_label(c.state.current->code, c.state.current->code_shared, c.state.current->issued_time));
  expect_label(c.tree, "current-topic", c.config.topic_name(topic.id, lang()));
  expect_label(c.tree, "recall", expected_text(lang(), "Recall") + " (F2)");
  expect_label(c.tree, "served", expected_text(lang(), "Served") + " (F3)");
  expect_label(c.tree, "no-show", expected_text(lang(), "No-show") + " (F4)");
  expect_label(c.tree, "reprint", expected_text(lang(), "Reprint at the kiosk") + " (F5)");
  // Transfer to any topic but the ticket's own.
  const auto transfers = with_prefix(c.tree, "transfer:");
  ASSERT_EQ(transfers.size(), c.state.topics.size() - 1);
  for (const auto& t : transfers) {
    const std::string id = t.id.substr(std::string("transfer:").size());
    EXPECT_NE(id, topic.id);
    EXPECT_EQ(t.label, c.config.topic_name(id, lang()));
  }

  c.send(ev::Reprint{});
  c.send(ev::ReprintUpdate{7, ReprintStatus::printed});
  ASSERT_FALSE(reprint_notice(c.state).empty());
  expect_sound(c);
  expect_label(c.tree, "reprint-status",
               fill(expected_text(lang(), reprint_notice(c.state)), {{"code", c.state.reprint->code}}));
}

TEST_P(CounterScreens, OfflineBanner) {
  Counter c(lang());
  c.log_in();
  c.send(ev::Offline{});
  expect_sound(c);
  expect_label(c.tree, "offline",
               expected_text(lang(), "Offline: you cannot call until the service is reachable again."));
}

TEST_P(CounterScreens, VolunteersTab) {
  Counter c(lang());
  c.log_in();
  expect_sound(c);
  expect_label(c.tree, "tab:queue", expected_text(lang(), "Queue"));
  expect_label(c.tree, "tab:volunteers", expected_text(lang(), "Volunteers"));
  c.open_volunteers(volunteers());
  expect_sound(c);
  EXPECT_EQ(find(c.tree, "call-next"), nullptr) << "the queue's buttons are on the other tab";

  // A chip per interest of the location, in its order and the counter's language; one per part of the week.
  const auto interests = with_prefix(c.tree, "interest:");
  ASSERT_EQ(interests.size(), c.config.interests.size());
  for (std::size_t i = 0; i < interests.size(); ++i) {
    const Interest& interest = c.config.interests[i];
    EXPECT_EQ(interests[i].id, "interest:" + interest.id);
    EXPECT_EQ(interests[i].label, c.config.text_in(interest.names, lang()));
    EXPECT_FALSE(interests[i].selected);
  }
  const auto parts = with_prefix(c.tree, "availability:");
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[0].label, expected_text(lang(), "Mornings"));
  EXPECT_EQ(parts[3].label, expected_text(lang(), "Weekends"));
  EXPECT_TRUE(find(c.tree, "tab:volunteers")->selected);
  EXPECT_FALSE(find(c.tree, "tab:queue")->selected);

  // The rows are core's visible_volunteers, each with what the staff member needs to call them back.
  const auto expect_rows = [&] {
    const auto visible = visible_volunteers(c.state);
    const auto refs = with_prefix(c.tree, "volunteer-ref:");
    ASSERT_EQ(refs.size(), visible.size());
    for (std::size_t i = 0; i < visible.size(); ++i) {
      const Volunteer& v = visible[i];
      EXPECT_EQ(refs[i].id, "volunteer-ref:" + v.id);
      EXPECT_EQ(refs[i].label, v.reference);
      expect_label(c.tree, "volunteer-name:" + v.id, v.first_name);
      expect_label(c.tree, "volunteer-contact:" + v.id, v.phone.empty() ? v.email : v.phone);
      expect_label(c.tree, "volunteer-date:" + v.id, registered_on(c.state, v));
      std::string what;
      for (const auto& each : v.interests) what += (what.empty() ? "" : ", ") + interest_label(c.state, each);
      expect_label(c.tree, "volunteer-interests:" + v.id, what);
      expect_label(c.tree, "handled:" + v.id, expected_text(lang(), "Handled"));
      expect_label(c.tree, "forget:" + v.id, expected_text(lang(), "Forget (vergeet mij)"));
    }
    expect_label(c.tree, "volunteers-count",
                 fill(expected_text(lang(), "{n} of {total} shown"),
                      {{"n", std::to_string(visible.size())}, {"total", "3"}}));
  };
  expect_rows();
  expect_label(c.tree, "volunteer-date:" + std::string(kZoe), "24-11-2026");  // the location's day
  expect_label(c.tree, "volunteer-when:" + std::string(kOlena),
               expected_text(lang(), "Evenings") + ", " + expected_text(lang(), "Weekends"));

  c.send(ev::ToggleInterest{"boodschappen"});
  c.send(ev::ToggleAvailability{Availability::mornings});
  ASSERT_EQ(visible_volunteers(c.state).size(), 1u);
  expect_sound(c);
  expect_rows();
  EXPECT_TRUE(find(c.tree, "availability:mornings")->selected);
  EXPECT_TRUE(find(c.tree, "interest:boodschappen")->selected);
  EXPECT_FALSE(find(c.tree, "availability:evenings")->selected);

  // "Vergeet mij" asks first, naming the registration by its reference.
  c.send(ev::ForgetVolunteer{kZoe});
  expect_sound(c);
  expect_label(
      c.tree, "forget-question",
      fill(expected_text(lang(), "Forget {ref} everywhere? This cannot be undone."), {{"ref", "V-3F9A2C"}}));
  expect_label(c.tree, "forget-yes", expected_text(lang(), "Yes, forget"));
  expect_label(c.tree, "forget-no", expected_text(lang(), "Cancel"));

  c.send(ev::ToggleAvailability{Availability::evenings});
  c.send(ev::ToggleInterest{"boodschappen"});
  c.send(ev::ToggleInterest{"klussen"});
  ASSERT_TRUE(visible_volunteers(c.state).empty());
  expect_sound(c);
  expect_label(c.tree, "volunteers-empty", expected_text(lang(), "Nobody matches this filter."));
}

TEST_P(CounterScreens, VolunteersTabWithNothingToShow) {
  Counter c(lang());
  c.log_in();
  c.send(ev::ShowTab{Tab::volunteers});
  expect_sound(c);
  expect_label(c.tree, "volunteers-empty", expected_text(lang(), "Loading…"));
  c.send(ev::VolunteersLoaded{{}});
  expect_sound(c);
  expect_label(c.tree, "volunteers-empty", expected_text(lang(), "No new volunteers to contact."));

  // 403: a sentence, and nothing of the list.
  c.send(ev::ShowTab{Tab::volunteers});
  c.send(ev::VolunteersFailed{Failure::forbidden});
  expect_sound(c);
  expect_label(c.tree, "volunteers-notice",
               expected_text(lang(), "Only staff of this location can see its volunteers."));
  EXPECT_TRUE(with_prefix(c.tree, "volunteer-").empty());
  EXPECT_TRUE(with_prefix(c.tree, "interest:").empty());
}

INSTANTIATE_TEST_SUITE_P(EveryLanguage, CounterScreens, ::testing::ValuesIn(uitest::catalogues().languages()),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

// A click makes an event exactly when core's rules allow the action.
TEST(CounterClicks, CallNextOnlyWhenCoreSaysACallMayBeMade) {
  Counter c("nl");
  c.log_in();
  ASSERT_TRUE(can_call(c.state));
  EXPECT_TRUE(made<ev::CallNext>(c.click("call-next")));

  c.send(ev::Offline{});
  ASSERT_FALSE(can_call(c.state));
  EXPECT_FALSE(made<ev::CallNext>(c.click("call-next")));

  c.send(ev::QueueLoaded{*c.state.queue});  // back online
  c.call("W-003", "werk");
  ASSERT_FALSE(can_call(c.state));
  EXPECT_FALSE(made<ev::CallNext>(c.click("call-next")));
}

TEST(CounterClicks, TheTicketsActionsFollowCore) {
  Counter c("nl");
  c.log_in();
  c.call("W-003", "werk");
  ASSERT_TRUE(can_act_on_current(c.state));
  ASSERT_TRUE(can_reprint(c.state));
  EXPECT_TRUE(made<ev::Served>(c.click("served")));
  EXPECT_TRUE(made<ev::Reprint>(c.click("reprint")));

  c.send(ev::Reprint{});  // under way: not twice
  ASSERT_FALSE(can_reprint(c.state));
  EXPECT_FALSE(made<ev::Reprint>(c.click("reprint")));

  c.send(ev::Recall{});  // busy: one action at a time
  ASSERT_FALSE(can_act_on_current(c.state));
  EXPECT_FALSE(made<ev::Served>(c.click("served")));
  EXPECT_FALSE(made<ev::Transfer>(c.click("transfer:schulden")));
}

TEST(CounterClicks, LogoutAndFilter) {
  Counter c("nl");
  c.log_in();
  const auto toggles = c.click("filter:" + c.state.topics[0]);
  ASSERT_EQ(toggles.size(), 1u);
  const auto* toggle = std::get_if<ev::ToggleTopic>(&toggles[0]);
  ASSERT_NE(toggle, nullptr);
  EXPECT_EQ(toggle->topic, c.state.topics[0]);
  EXPECT_TRUE(made<ev::Logout>(c.click("logout")));
}

TEST(CounterVolunteerClicks, TheTabsSwitchThroughCore) {
  Counter c("nl");
  c.log_in();
  const auto open = c.click("tab:volunteers");
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(std::get<ev::ShowTab>(open[0]).tab, Tab::volunteers);
  c.open_volunteers(volunteers());
  const auto back = c.click("tab:queue");
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(std::get<ev::ShowTab>(back[0]).tab, Tab::queue);
}

// The two taps of "shopping on Tuesday morning", through the screen.
TEST(CounterVolunteerClicks, TwoChipsFindTheMatch) {
  Counter c("nl");
  c.log_in();
  c.open_volunteers(volunteers());
  for (const std::string id : {"interest:boodschappen", "availability:mornings"}) {
    const auto events = c.click(id);
    ASSERT_EQ(events.size(), 1u) << id;
    c.send(events[0]);
  }
  EXPECT_EQ(c.state.volunteers.filter.interests, (std::set<std::string>{"boodschappen"}));
  EXPECT_EQ(c.state.volunteers.filter.availability, (std::set<Availability>{Availability::mornings}));
  c.draw();
  const auto rows = with_prefix(c.tree, "volunteer-ref:");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].id, "volunteer-ref:" + std::string(kZoe));
  EXPECT_TRUE(made<ev::ClearVolunteerFilter>(c.click("volunteer-filter-clear")));
}

TEST(CounterVolunteerClicks, HandledAndForgetFollowCore) {
  Counter c("nl");
  c.log_in();
  c.open_volunteers(volunteers());
  ASSERT_TRUE(can_act_on_volunteer(c.state));
  const auto handled = c.click("handled:" + std::string(kJan));
  ASSERT_EQ(handled.size(), 1u);
  EXPECT_EQ(std::get<ev::MarkHandled>(handled[0]).id, kJan);

  const auto forget = c.click("forget:" + std::string(kOlena));
  ASSERT_EQ(forget.size(), 1u);
  EXPECT_EQ(std::get<ev::ForgetVolunteer>(forget[0]).id, kOlena);
  c.send(forget[0]);
  EXPECT_TRUE(made<ev::CancelForget>(c.click("forget-no")));
  const auto yes = c.click("forget-yes");
  ASSERT_EQ(yes.size(), 1u);
  EXPECT_EQ(std::get<ev::ConfirmForget>(yes[0]).id, kOlena);

  c.send(ev::MarkHandled{kZoe});  // under way: one call at a time
  ASSERT_FALSE(can_act_on_volunteer(c.state));
  EXPECT_FALSE(made<ev::MarkHandled>(c.click("handled:" + std::string(kJan))));
  EXPECT_FALSE(made<ev::ForgetVolunteer>(c.click("forget:" + std::string(kJan))));
  EXPECT_FALSE(made<ev::ConfirmForget>(c.click("forget-yes")));
}

}  // namespace
}  // namespace wk::counter
