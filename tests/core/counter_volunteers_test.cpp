// The counter's volunteers tab, headless: the list is loaded when the tab opens, filtered by interest and
// by part of the week, handled, and forgotten only after a yes; a 403 shows nothing; the rows are
// forgotten with the session.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/config.hpp"
#include "core/counter.hpp"

namespace wk::counter {
namespace {

constexpr const char* kAnna = "0b7e7c1e-3c1f-4d7e-9a4e-000000000001";
constexpr const char* kBram = "0b7e7c1e-3c1f-4d7e-9a4e-000000000002";
constexpr const char* kCem = "0b7e7c1e-3c1f-4d7e-9a4e-000000000003";

Volunteer volunteer(const char* id, std::string reference, std::string name,
                    std::vector<std::string> interests, std::vector<Availability> when) {
  Volunteer v;
  v.id = id;
  v.reference = std::move(reference);
  v.created_at = 1'800'000'000'000;
  v.language = "nl";
  v.first_name = std::move(name);
  v.phone = "+31612345678";
  v.interests = std::move(interests);
  v.availability = std::move(when);
  return v;
}

// Anna shops in the mornings, Bram shops at weekends, Cem is a language buddy in the mornings.
std::vector<Volunteer> three() {
  return {
      volunteer(kAnna, "V-AAAAAA", "Anna", {"boodschappen", "bezoek"}, {Availability::mornings}),
      volunteer(kBram, "V-BBBBBB", "Bram", {"boodschappen"}, {Availability::weekends}),
      volunteer(kCem, "V-CCCCCC", "Cem", {"taalmaatje"}, {Availability::mornings, Availability::evenings})};
}

std::vector<std::string> ids(const std::vector<Volunteer>& rows) {
  std::vector<std::string> out;
  for (const auto& v : rows) out.push_back(v.id);
  return out;
}

template <class F>
bool has(const std::vector<Effect>& effects) {
  return std::any_of(effects.begin(), effects.end(),
                     [](const Effect& e) { return std::holds_alternative<F>(e); });
}

class Counter {
 public:
  CounterState s = initial_counter("haarlem", 2);
  std::vector<Effect> send(const Event& e) {
    Update u = update(std::move(s), e, Inputs{1'800'000'000'000});
    s = std::move(u.state);
    return u.effects;
  }
  void log_in() {
    send(ev::LoginSubmitted{"anna", "secret"});
    send(ev::LoginOk{});
    LocationConfig config;
    for (const char* id : {"boodschappen", "taalmaatje", "bezoek"}) {
      Interest i;
      i.id = id;
      i.names = {{"nl", std::string("nl:") + id}, {"en", std::string("en:") + id}};
      config.interests.push_back(i);
    }
    send(ev::ConfigKnown{config, parse_tz_rule("CET-1CEST,M3.5.0,M10.5.0/3").value()});
  }
  // Logged in, the tab open and its list loaded.
  void open_with(std::vector<Volunteer> rows) {
    log_in();
    send(ev::ShowTab{Tab::volunteers});
    send(ev::VolunteersLoaded{std::move(rows)});
  }
};

TEST(CounterVolunteers, OpeningTheTabLoadsTheListOnce) {
  Counter c;
  EXPECT_TRUE(c.send(ev::ShowTab{Tab::volunteers}).empty()) << "not logged in: nothing to show";
  c.log_in();
  auto fx = c.send(ev::ShowTab{Tab::volunteers});
  EXPECT_EQ(c.s.tab, Tab::volunteers);
  ASSERT_EQ(fx.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<fx::FetchVolunteers>(fx[0]));
  EXPECT_TRUE(c.send(ev::ShowTab{Tab::volunteers}).empty()) << "an answer is awaited already";
  c.send(ev::VolunteersLoaded{three()});
  EXPECT_EQ(ids(c.s.volunteers.rows), (std::vector<std::string>{kAnna, kBram, kCem}));
  EXPECT_EQ(ids(visible_volunteers(c.s)), ids(c.s.volunteers.rows)) << "no filter: everyone";
  // Clicking the open tab again looks again.
  EXPECT_TRUE(has<fx::FetchVolunteers>(c.send(ev::ShowTab{Tab::volunteers})));
}

TEST(CounterVolunteers, ShoppingOnTuesdayMorningIsTwoTaps) {
  Counter c;
  c.open_with(three());
  c.send(ev::ToggleInterest{"boodschappen"});
  c.send(ev::ToggleAvailability{Availability::mornings});
  EXPECT_EQ(ids(visible_volunteers(c.s)), (std::vector<std::string>{kAnna}));
}

TEST(CounterVolunteers, ChosenInterestsOrPartsOfTheWeekEachWidenTheirOwnChoice) {
  Counter c;
  c.open_with(three());
  c.send(ev::ToggleInterest{"boodschappen"});
  EXPECT_EQ(ids(visible_volunteers(c.s)), (std::vector<std::string>{kAnna, kBram}));
  c.send(ev::ToggleInterest{"taalmaatje"});  // shopping or language buddy
  EXPECT_EQ(visible_volunteers(c.s).size(), 3u);
  c.send(ev::ToggleAvailability{Availability::weekends});
  EXPECT_EQ(ids(visible_volunteers(c.s)), (std::vector<std::string>{kBram}));
  c.send(ev::ToggleAvailability{Availability::evenings});  // weekends or evenings
  EXPECT_EQ(ids(visible_volunteers(c.s)), (std::vector<std::string>{kBram, kCem}));
  c.send(ev::ToggleAvailability{Availability::evenings});  // a second tap takes it back
  EXPECT_EQ(ids(visible_volunteers(c.s)), (std::vector<std::string>{kBram}));
  c.send(ev::ClearVolunteerFilter{});
  EXPECT_EQ(visible_volunteers(c.s).size(), 3u);
}

TEST(CounterVolunteers, OnlyTheLocationsInterestsFilterAndAGoneOneDropsOut) {
  Counter c;
  c.open_with(three());
  c.send(ev::ToggleInterest{"nonsense"});
  EXPECT_TRUE(c.s.volunteers.filter.interests.empty());
  c.send(ev::ToggleInterest{"bezoek"});
  EXPECT_EQ(ids(visible_volunteers(c.s)), (std::vector<std::string>{kAnna}));
  LocationConfig fewer = c.s.config;
  fewer.interests.pop_back();  // the location no longer offers "bezoek"
  c.send(ev::ConfigKnown{fewer, std::nullopt});
  EXPECT_TRUE(c.s.volunteers.filter.interests.empty());
  EXPECT_EQ(interest_label(c.s, "bezoek"), "bezoek") << "a row's gone interest still shows, by its id";
  EXPECT_EQ(interest_label(c.s, "taalmaatje"), "nl:taalmaatje");
}

TEST(CounterVolunteers, TheDayOfRegistrationIsTheLocationsDay) {
  Counter c;
  c.log_in();
  Volunteer late = three()[0];
  late.created_at = *parse_rfc3339("2026-11-23T23:30:00Z");  // 00:30 on the 24th in Amsterdam
  EXPECT_EQ(registered_on(c.s, late), "24-11-2026");
}

TEST(CounterVolunteers, HandledIsSentOnceAndTheListIsLoadedAgain) {
  Counter c;
  c.open_with(three());
  auto fx = c.send(ev::MarkHandled{kBram});
  ASSERT_EQ(fx.size(), 1u);
  const auto& call = std::get<fx::VolunteerCall>(fx[0]);
  EXPECT_EQ(call.action, VolunteerAction::handled);
  EXPECT_EQ(call.id, kBram);
  EXPECT_FALSE(can_act_on_volunteer(c.s));
  EXPECT_TRUE(c.send(ev::MarkHandled{kBram}).empty()) << "a double click sends once";
  EXPECT_TRUE(c.send(ev::MarkHandled{kAnna}).empty()) << "one call at a time";
  fx = c.send(ev::VolunteerDone{VolunteerAction::handled, kBram});
  EXPECT_EQ(ids(c.s.volunteers.rows), (std::vector<std::string>{kAnna, kCem}));
  EXPECT_EQ(c.s.volunteers.notice, "Marked as handled.");
  EXPECT_TRUE(has<fx::FetchVolunteers>(fx));
  EXPECT_TRUE(can_act_on_volunteer(c.s));
  EXPECT_TRUE(c.send(ev::MarkHandled{"not-a-row"}).empty());
}

TEST(CounterVolunteers, ForgettingAsksFirstAndSendsOnlyAtYes) {
  Counter c;
  c.open_with(three());
  EXPECT_TRUE(c.send(ev::ForgetVolunteer{kCem}).empty()) << "nothing is sent before the yes";
  EXPECT_EQ(c.s.volunteers.confirm_forget, kCem);
  c.send(ev::CancelForget{});
  EXPECT_FALSE(c.s.volunteers.confirm_forget);
  EXPECT_TRUE(c.send(ev::ConfirmForget{kCem}).empty()) << "a yes to no question forgets nobody";

  c.send(ev::ForgetVolunteer{kCem});
  EXPECT_TRUE(c.send(ev::ConfirmForget{kAnna}).empty()) << "a stale yes never forgets another row";
  auto fx = c.send(ev::ConfirmForget{kCem});
  ASSERT_EQ(fx.size(), 1u);
  EXPECT_EQ(std::get<fx::VolunteerCall>(fx[0]).action, VolunteerAction::forget);
  EXPECT_EQ(std::get<fx::VolunteerCall>(fx[0]).id, kCem);
  EXPECT_FALSE(c.s.volunteers.confirm_forget);
  fx = c.send(ev::VolunteerDone{VolunteerAction::forget, kCem});
  EXPECT_EQ(ids(c.s.volunteers.rows), (std::vector<std::string>{kAnna, kBram}));
  EXPECT_EQ(c.s.volunteers.notice, "Forgotten: the registration is removed everywhere.");
  EXPECT_TRUE(has<fx::FetchVolunteers>(fx));
}

TEST(CounterVolunteers, AFilterChangeLeavesNoQuestionHanging) {
  Counter c;
  c.open_with(three());
  c.send(ev::ForgetVolunteer{kCem});
  c.send(ev::ToggleInterest{"boodschappen"});  // Cem is out of view now
  EXPECT_FALSE(c.s.volunteers.confirm_forget);
  EXPECT_TRUE(c.send(ev::ConfirmForget{kCem}).empty());
}

TEST(CounterVolunteers, AnotherDeskOrLocationOrTheNetworkEachSayTheirOwn) {
  Counter c;
  c.open_with(three());
  c.send(ev::MarkHandled{kAnna});
  auto fx = c.send(ev::VolunteerFailed{VolunteerAction::handled, kAnna, Failure::not_found});
  EXPECT_EQ(c.s.volunteers.notice, "This registration was already handled or forgotten at another desk.");
  EXPECT_TRUE(has<fx::FetchVolunteers>(fx));
  c.send(ev::VolunteersLoaded{three()});

  c.send(ev::ForgetVolunteer{kBram});
  c.send(ev::ConfirmForget{kBram});
  fx = c.send(ev::VolunteerFailed{VolunteerAction::forget, kBram, Failure::forbidden});
  EXPECT_EQ(c.s.volunteers.notice, "This registration belongs to another location.");
  EXPECT_TRUE(has<fx::FetchVolunteers>(fx));
  c.send(ev::VolunteersLoaded{three()});

  c.send(ev::MarkHandled{kCem});
  fx = c.send(ev::VolunteerFailed{VolunteerAction::handled, kCem, Failure::unreachable});
  EXPECT_TRUE(fx.empty());
  EXPECT_FALSE(c.s.online);
  EXPECT_EQ(c.s.volunteers.rows.size(), 3u) << "nothing is known to have changed";
  EXPECT_FALSE(can_act_on_volunteer(c.s)) << "offline: not until the service answers again";
}

TEST(CounterVolunteers, A403ShowsAHumanMessageAndNoRows) {
  Counter c;
  c.open_with(three());
  c.send(ev::ShowTab{Tab::volunteers});
  c.send(ev::VolunteersFailed{Failure::forbidden});
  EXPECT_TRUE(c.s.volunteers.rows.empty());
  EXPECT_TRUE(visible_volunteers(c.s).empty());
  EXPECT_TRUE(c.s.volunteers.refused);
  EXPECT_EQ(c.s.volunteers.notice, "Only staff of this location can see its volunteers.");
  // Staff of another location get their own list from the service, which may well be empty.
  c.send(ev::ShowTab{Tab::volunteers});
  c.send(ev::VolunteersLoaded{{}});
  EXPECT_FALSE(c.s.volunteers.refused);
  EXPECT_TRUE(c.s.volunteers.notice.empty());
}

TEST(CounterVolunteers, AFailedLoadKeepsWhatIsShownAndSaysWhy) {
  Counter c;
  c.open_with(three());
  c.send(ev::ShowTab{Tab::volunteers});
  c.send(ev::VolunteersFailed{Failure::refused});
  EXPECT_EQ(c.s.volunteers.notice, "The list of volunteers could not be read. Try again, or ask IT.");
  EXPECT_EQ(c.s.volunteers.rows.size(), 3u);
  c.send(ev::ShowTab{Tab::volunteers});
  c.send(ev::VolunteersFailed{Failure::unreachable});
  EXPECT_FALSE(c.s.online);
  EXPECT_EQ(c.s.volunteers.notice, "The list could not be refreshed: the service cannot be reached.");
}

TEST(CounterVolunteers, LeavingTheTabForgetsTheRowsAndALateAnswerIsNotKept) {
  Counter c;
  c.open_with(three());
  c.send(ev::ToggleAvailability{Availability::mornings});
  c.send(ev::ShowTab{Tab::queue});
  EXPECT_EQ(c.s.tab, Tab::queue);
  EXPECT_TRUE(c.s.volunteers.rows.empty());
  EXPECT_EQ(c.s.volunteers.filter.availability.size(), 1u) << "the filter is no personal data: it stays";
  c.send(ev::VolunteersLoaded{three()});
  EXPECT_TRUE(c.s.volunteers.rows.empty()) << "nobody asked for this answer";

  c.send(ev::ShowTab{Tab::volunteers});
  c.send(ev::ShowTab{Tab::queue});
  c.send(ev::VolunteersLoaded{three()});
  EXPECT_TRUE(c.s.volunteers.rows.empty()) << "asked for, but the tab was left before it came";
}

TEST(CounterVolunteers, LoggingOutOrAnEndedSessionWipesTheList) {
  Counter out;
  out.open_with(three());
  out.send(ev::ForgetVolunteer{kAnna});
  out.send(ev::Logout{});
  EXPECT_TRUE(out.s.volunteers.rows.empty());
  EXPECT_FALSE(out.s.volunteers.confirm_forget);
  EXPECT_EQ(out.s.tab, Tab::queue);
  out.send(ev::VolunteersLoaded{three()});
  EXPECT_TRUE(out.s.volunteers.rows.empty()) << "an answer after logout is not kept";

  Counter ended;
  ended.open_with(three());
  ended.send(ev::MarkHandled{kAnna});
  ended.send(ev::SessionExpired{});
  EXPECT_TRUE(ended.s.volunteers.rows.empty());
  EXPECT_FALSE(ended.s.volunteers.busy);
  EXPECT_EQ(ended.s.tab, Tab::queue);
  ended.send(ev::VolunteersLoaded{three()});
  EXPECT_TRUE(ended.s.volunteers.rows.empty());
}

TEST(CounterVolunteers, ACalledTicketBringsTheQueueIntoView) {
  Counter c;
  c.open_with(three());
  c.send(ev::CallNext{});
  c.send(ev::ActionDone{Action::CallNext, DeskTicket{"id-1", "S-012", "schulden", "nl", TicketStatus::called,
                                                     2, "", false, "", false}});
  EXPECT_EQ(c.s.tab, Tab::queue);
  EXPECT_TRUE(c.s.volunteers.rows.empty());
}

TEST(CounterVolunteers, ReadsTheServicesList) {
  const auto j = nlohmann::json::parse(R"({"volunteers": [
    {"id": "0b7e7c1e-3c1f-4d7e-9a4e-000000000001", "reference": "V-3F9A2C", "created_at": "2026-11-24T09:05:00Z",
     "language": "tr", "first_name": "Ayşe", "contact": {"phone": "+31612345678"},
     "interests": ["boodschappen", "taalmaatje"], "availability": ["mornings", "weekends", "nights"],
     "unknown": 1},
    {"id": "0b7e7c1e-3c1f-4d7e-9a4e-000000000002", "reference": "V-000002", "created_at": "2026-11-25T09:05:00Z",
     "language": "nl", "first_name": "Bram", "contact": {"email": "bram@example.nl"},
     "interests": [], "availability": []}]})");
  auto rows = volunteers_from_json(j);
  ASSERT_TRUE(rows) << to_string(rows.error());
  ASSERT_EQ(rows->size(), 2u);
  const Volunteer& a = rows->at(0);
  EXPECT_EQ(a.reference, "V-3F9A2C");
  EXPECT_EQ(a.created_at, *parse_rfc3339("2026-11-24T09:05:00Z"));
  EXPECT_EQ(a.language, "tr");
  EXPECT_EQ(a.first_name, "Ayşe");
  EXPECT_EQ(a.phone, "+31612345678");
  EXPECT_TRUE(a.email.empty());
  EXPECT_EQ(a.interests, (std::vector<std::string>{"boodschappen", "taalmaatje"}));
  EXPECT_EQ(a.availability, (std::vector<Availability>{Availability::mornings, Availability::weekends}))
      << "a word the counter does not know is left out, not the whole list";
  EXPECT_EQ(rows->at(1).email, "bram@example.nl");
  EXPECT_TRUE(volunteers_from_json(nlohmann::json::parse(R"({"volunteers": []})"))->empty());
}

TEST(CounterVolunteers, AnUnreadableListNamesTheFieldButNeverAValue) {
  for (
      const char* body : {
          R"({})",
          R"({"volunteers": [1]})",
          R"({"volunteers": [{"reference": "V-1", "first_name": "Ayşe", "contact": {"phone": "+31612345678"}}]})",
          R"({"volunteers": [{"id": "x", "first_name": "Ayşe", "contact": {}}]})",
          R"({"volunteers": [{"id": "x", "first_name": "Ayşe", "contact": {"phone": "+31612345678"},
               "interests": "boodschappen"}]})",
          R"({"volunteers": [{"id": "x", "first_name": "Ayşe", "contact": {"phone": "+31612345678"},
               "created_at": "Ayşe"}]})",
      }) {
    auto rows = volunteers_from_json(nlohmann::json::parse(body));
    ASSERT_FALSE(rows) << body;
    const std::string said = to_string(rows.error());
    EXPECT_EQ(said.find("Ayşe"), std::string::npos) << said;
    EXPECT_EQ(said.find("+3161"), std::string::npos) << said;
  }
}

}  // namespace
}  // namespace wk::counter
