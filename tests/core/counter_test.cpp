// The counter's rules, headless: login, the desk's topic filter, one call at a time, nothing offline.
#include <gtest/gtest.h>

#include "core/config.hpp"
#include "core/counter.hpp"

namespace wk::counter {
namespace {

class Counter {
 public:
  CounterState s = initial_counter("haarlem", 2);
  UnixMs now = 1'800'000'000'000;
  std::vector<Effect> send(const Event& e) {
    Update u = update(std::move(s), e, Inputs{now});
    s = std::move(u.state);
    return u.effects;
  }
  void log_in() {
    send(ev::LoginSubmitted{"anna", "secret"});
    send(ev::LoginOk{});
    LocationConfig config;
    for (const char* id : {"werk", "schulden", "wonen"}) {
      Topic t;
      t.id = id;
      config.topics.push_back(t);
    }
    send(ev::ConfigKnown{config, std::nullopt});
  }
};

DeskTicket ticket(std::string code = "S-012", std::string day = "2027-03-27") {
  return {"id-1", std::move(code), "schulden", "nl", TicketStatus::called, 2, std::move(day), false, {}};
}

TEST(Counter, LoginSendsCredentialsOnceAndKeepsNoPassword) {
  Counter c;
  auto fx = c.send(ev::LoginSubmitted{"anna", "secret"});
  ASSERT_EQ(fx.size(), 1u);
  const auto& login = std::get<fx::Login>(fx[0]);
  EXPECT_EQ(login.location, "haarlem");
  EXPECT_EQ(login.user, "anna");
  EXPECT_EQ(login.password, "secret");
  EXPECT_EQ(c.s.phase, Phase::LoggingIn);
  EXPECT_TRUE(c.send(ev::LoginSubmitted{"anna", "secret"}).empty());  // a double Enter logs in once
  fx = c.send(ev::LoginOk{});
  EXPECT_EQ(c.s.phase, Phase::LoggedIn);
  ASSERT_EQ(fx.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<fx::FetchQueue>(fx[1]));
}

TEST(Counter, LoginRefusalsSayWhy) {
  Counter c;
  EXPECT_TRUE(c.send(ev::LoginSubmitted{"anna", ""}).empty());
  EXPECT_FALSE(c.s.notice.empty());
  c.send(ev::LoginSubmitted{"anna", "x"});
  c.send(ev::LoginFailed{Failure::bad_login, 0});
  EXPECT_EQ(c.s.phase, Phase::LoginForm);
  EXPECT_EQ(c.s.notice, "User name or password is wrong.");
  c.send(ev::LoginSubmitted{"anna", "x"});
  c.send(ev::LoginFailed{Failure::rate_limited, 30});
  EXPECT_EQ(c.s.retry_after_s, 30);
}

TEST(Counter, ALoginBeforeTheServicesRetryAfterIsNotSent) {
  Counter c;
  c.send(ev::LoginSubmitted{"anna", "x"});
  c.send(ev::LoginFailed{Failure::rate_limited, 30});
  c.now += 20'000;
  EXPECT_TRUE(c.send(ev::LoginSubmitted{"anna", "x"}).empty());
  EXPECT_EQ(c.s.retry_after_s, 10);
  EXPECT_EQ(c.s.phase, Phase::LoginForm);
  c.now += 10'000;
  const auto fx = c.send(ev::LoginSubmitted{"anna", "x"});
  ASSERT_EQ(fx.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<fx::Login>(fx[0]));
}

TEST(Counter, TheLocationsConfigGivesTheTopicsAndTheLanguage) {
  Counter c;
  EXPECT_EQ(counter_language(c.s), "nl");
  c.log_in();
  EXPECT_EQ(c.s.topics, (std::vector<std::string>{"werk", "schulden", "wonen"}));
  LocationConfig en;
  en.languages = {"en", "nl"};
  c.send(ev::ConfigKnown{en, std::nullopt});
  EXPECT_EQ(counter_language(c.s), "en");
  EXPECT_TRUE(c.s.topics.empty());
}

TEST(Counter, TheDesksTopicsAreKeptForTheNextStartAndUnknownOnesDropOut) {
  Counter c;
  c.log_in();
  auto fx = c.send(ev::ToggleTopic{"wonen"});
  ASSERT_EQ(fx.size(), 1u);
  EXPECT_EQ(std::get<fx::SaveDeskTopics>(fx[0]).topics, (std::vector<std::string>{"wonen"}));
  fx = c.send(ev::ToggleTopic{"werk"});
  EXPECT_EQ(std::get<fx::SaveDeskTopics>(fx.at(0)).topics, (std::vector<std::string>{"werk", "wonen"}));
  fx = c.send(ev::ToggleTopic{"wonen"});
  EXPECT_EQ(std::get<fx::SaveDeskTopics>(fx.at(0)).topics, (std::vector<std::string>{"werk"}));
  EXPECT_TRUE(c.send(ev::ToggleTopic{"nonsense"}).empty()) << "not a topic of the location: nothing to keep";

  // Restored at the next start (the app fills my_topics from the kept file), a topic the location no
  // longer has drops out once the config is known.
  Counter next;
  next.s.my_topics = {"werk", "gone"};
  next.log_in();
  EXPECT_EQ(next.s.my_topics, (std::set<std::string>{"werk"}));
}

TEST(Counter, CallNextUsesTheDesksTopicsInLocationOrder) {
  Counter c;
  c.log_in();
  c.send(ev::ToggleTopic{"wonen"});
  c.send(ev::ToggleTopic{"werk"});
  c.send(ev::ToggleTopic{"nonsense"});
  auto fx = c.send(ev::CallNext{});
  ASSERT_EQ(fx.size(), 1u);
  const auto& call = std::get<fx::CallNext>(fx[0]);
  EXPECT_EQ(call.desk, 2);
  EXPECT_EQ(call.topics, (std::vector<std::string>{"werk", "wonen"}));
  EXPECT_TRUE(c.send(ev::CallNext{}).empty());  // busy: a second F1 does not call twice
  fx = c.send(ev::ActionDone{Action::CallNext, ticket()});
  ASSERT_TRUE(c.s.current);
  EXPECT_EQ(c.s.current->code, "S-012");
  EXPECT_TRUE(std::holds_alternative<fx::FetchQueue>(fx.at(0)));
}

TEST(Counter, EmptyFilterCallsEveryTopic) {
  Counter c;
  c.log_in();
  auto fx = c.send(ev::CallNext{});
  EXPECT_EQ(std::get<fx::CallNext>(fx.at(0)).topics.size(), 3u);
  c.send(ev::ActionDone{Action::CallNext, std::nullopt});  // 204
  EXPECT_FALSE(c.s.current);
  EXPECT_EQ(c.s.notice, "Nobody is waiting for these topics.");
}

TEST(Counter, TheCurrentTicketIsFinishedBeforeTheNext) {
  Counter c;
  c.log_in();
  c.send(ev::CallNext{});
  c.send(ev::ActionDone{Action::CallNext, ticket()});
  EXPECT_TRUE(c.send(ev::CallNext{}).empty());
  EXPECT_FALSE(can_call(c.s));
  auto fx = c.send(ev::Recall{});
  EXPECT_EQ(std::get<fx::TicketAction>(fx.at(0)).action, Action::Recall);
  c.send(ev::ActionDone{Action::Recall, ticket()});
  EXPECT_TRUE(c.s.current);
  fx = c.send(ev::Transfer{"werk"});
  const auto& t = std::get<fx::TicketAction>(fx.at(0));
  EXPECT_EQ(t.action, Action::Transfer);
  EXPECT_EQ(t.ticket_id, "id-1");
  EXPECT_EQ(t.topic, "werk");
  c.send(ev::ActionDone{Action::Transfer, ticket()});
  EXPECT_FALSE(c.s.current);
  EXPECT_TRUE(can_call(c.s));
}

TEST(Counter, ServedAndNoShowFreeTheDesk) {
  for (auto action : {Action::Served, Action::NoShow}) {
    Counter c;
    c.log_in();
    c.send(ev::CallNext{});
    c.send(ev::ActionDone{Action::CallNext, ticket()});
    auto fx = action == Action::Served ? c.send(ev::Served{}) : c.send(ev::NoShow{});
    EXPECT_EQ(std::get<fx::TicketAction>(fx.at(0)).action, action);
    c.send(ev::ActionDone{action, ticket()});
    EXPECT_FALSE(c.s.current);
  }
}

TEST(Counter, NeverKeepsATicketOfAnEarlierDayAsCurrent) {
  Counter c;
  c.log_in();
  c.send(ev::CallNext{});
  c.send(ev::ActionDone{Action::CallNext, ticket("S-012", "2027-03-27")});
  ASSERT_TRUE(c.s.current);
  QueueSnapshot same_day;
  same_day.day = "2027-03-27";
  c.send(ev::QueueLoaded{same_day});  // the called list may lag behind the call: the ticket stays
  EXPECT_TRUE(c.s.current);
  QueueSnapshot next_day;
  next_day.day = "2027-03-28";  // after midnight the service has closed the ticket as expired
  c.send(ev::QueueLoaded{next_day});
  EXPECT_FALSE(c.s.current);
  EXPECT_EQ(c.s.notice, "The day has ended: the ticket at this desk was closed.");
  EXPECT_TRUE(can_call(c.s));
}

TEST(Counter, CannotCallWhileOffline) {
  Counter c;
  c.log_in();
  c.send(ev::Offline{});
  EXPECT_TRUE(c.send(ev::CallNext{}).empty());
  EXPECT_TRUE(c.send(ev::CallCode{"S12"}).empty());
  EXPECT_FALSE(c.s.notice.empty());
  EXPECT_FALSE(can_call(c.s));
  c.send(ev::QueueLoaded{});  // the service answers again
  EXPECT_TRUE(c.s.online);
  EXPECT_TRUE(c.s.notice.empty());
  EXPECT_EQ(c.send(ev::CallNext{}).size(), 1u);
  c.send(ev::ActionFailed{Action::CallNext, Failure::unreachable});
  EXPECT_FALSE(c.s.online);
  EXPECT_FALSE(c.s.busy);
}

TEST(CounterReprint, IsAskedForTheCurrentTicketAndFollowedUntilTheKioskAnswers) {
  Counter c;
  c.log_in();
  EXPECT_TRUE(c.send(ev::Reprint{}).empty()) << "nobody at the desk: nothing to reprint";
  EXPECT_FALSE(can_reprint(c.s));
  c.send(ev::CallNext{});
  c.send(ev::ActionDone{Action::CallNext, ticket("S-012")});
  ASSERT_TRUE(can_reprint(c.s));
  auto fx = c.send(ev::Reprint{});
  ASSERT_EQ(fx.size(), 1u);
  EXPECT_EQ(std::get<fx::RequestReprint>(fx[0]).ticket_id, "id-1");
  EXPECT_EQ(reprint_notice(c.s), "Asking the kiosk to print {code} again…");
  EXPECT_EQ(c.s.reprint->code, "S-012");
  EXPECT_TRUE(c.send(ev::Reprint{}).empty()) << "one reprint at a time: a second press asks nothing";
  EXPECT_TRUE(can_act_on_current(c.s)) << "the desk goes on working meanwhile";

  fx = c.send(ev::ReprintUpdate{41, ReprintStatus::pending});
  ASSERT_EQ(fx.size(), 1u);
  EXPECT_EQ(std::get<fx::FollowReprint>(fx[0]).job_id, 41);
  fx = c.send(ev::ReprintUpdate{41, ReprintStatus::printing});
  EXPECT_EQ(std::get<fx::FollowReprint>(fx.at(0)).job_id, 41);
  EXPECT_EQ(reprint_notice(c.s), "The kiosk is printing {code}…");
  EXPECT_TRUE(c.send(ev::ReprintUpdate{40, ReprintStatus::printed}).empty())
      << "an answer about another job changes nothing";
  EXPECT_EQ(c.s.reprint->status, ReprintStatus::printing);
  EXPECT_TRUE(c.send(ev::ReprintUpdate{41, ReprintStatus::paper_out}).empty()) << "done: no more looking";
  EXPECT_EQ(reprint_notice(c.s), "The kiosk's printer is out of paper: {code} was not printed.");
  EXPECT_TRUE(can_reprint(c.s)) << "after paper is put in, staff may try again";
}

TEST(CounterReprint, EveryOutcomeHasItsOwnWordsAndTheNetworkMakesTheDeskOffline) {
  const std::pair<const char*, const char*> outcomes[] = {
      {"printed", "{code} was printed at the kiosk."},
      {"no_printer", "This kiosk has no printer: {code} was not printed."},
      {"expired", "The kiosk did not pick up the reprint of {code}. Is it switched on?"},
      {"cover_open", "The kiosk's printer is open: {code} was not printed."},
      {"offline", "The kiosk's printer does not answer: {code} was not printed."},
      {"failed", "The kiosk could not print {code}."}};
  for (const auto& [status, words] : outcomes) {
    Counter c;
    c.log_in();
    c.send(ev::CallNext{});
    c.send(ev::ActionDone{Action::CallNext, ticket()});
    c.send(ev::Reprint{});
    c.send(ev::ReprintUpdate{7, reprint_status_from_name(status)});
    EXPECT_EQ(reprint_notice(c.s), words) << status;
  }
  Counter c;
  c.log_in();
  c.send(ev::CallNext{});
  c.send(ev::ActionDone{Action::CallNext, ticket()});
  c.send(ev::Reprint{});
  c.send(ev::ReprintFailed{Failure::unreachable});
  EXPECT_FALSE(c.s.online);
  EXPECT_EQ(reprint_notice(c.s), "The service cannot be reached: look at the kiosk whether {code} came out.");
  EXPECT_FALSE(can_reprint(c.s)) << "offline";
  c.send(ev::Logout{});
  EXPECT_EQ(reprint_notice(c.s), "") << "the next staff member does not see it";
}

TEST(CounterReprint, AnEndedSessionStopsFollowingAndF5WorksAgainAfterLoggingIn) {
  Counter c;
  c.log_in();
  c.send(ev::CallNext{});
  c.send(ev::ActionDone{Action::CallNext, ticket()});
  c.send(ev::Reprint{});
  c.send(ev::ReprintUpdate{5, ReprintStatus::printing});
  c.send(ev::SessionExpired{});
  EXPECT_EQ(reprint_notice(c.s), "The service cannot be reached: look at the kiosk whether {code} came out.");
  c.send(ev::LoginSubmitted{"anna", "secret"});
  c.send(ev::LoginOk{});
  EXPECT_TRUE(can_reprint(c.s)) << "the ticket is still at the desk, and nothing is under way";
  EXPECT_TRUE(c.send(ev::ReprintUpdate{5, ReprintStatus::printed}).empty());
}

TEST(CounterReprint, ParsesAPrintJob) {
  auto r = print_job_from_json(nlohmann::json::parse(
      R"({"id": 12, "ticket_id": "x", "code": "S-001", "status": "printing", "created_at": "2026-11-24T09:00:00Z"})"));
  ASSERT_TRUE(r.ok()) << to_string(r.error());
  EXPECT_EQ(r->job_id, 12);
  EXPECT_EQ(r->status, ReprintStatus::printing);
  EXPECT_FALSE(print_job_from_json(nlohmann::json::parse(R"({"status": "printing"})")).ok());
  EXPECT_FALSE(print_job_from_json(nlohmann::json::parse(R"({"id": 3})")).ok());
}

TEST(Counter, CallByCodeNormalisesWhatIsTyped) {
  EXPECT_EQ(normalise_code("s12"), "S-012");
  EXPECT_EQ(normalise_code(" S-012 "), "S-012");
  EXPECT_EQ(normalise_code("w 7"), "W-007");
  EXPECT_EQ(normalise_code("A1234"), "A-1234");
  EXPECT_EQ(normalise_code("  "), "");
  Counter c;
  c.log_in();
  auto fx = c.send(ev::CallCode{"s 12"});
  const auto& call = std::get<fx::CallCode>(fx.at(0));
  EXPECT_EQ(call.code, "S-012");
  EXPECT_EQ(call.desk, 2);
  c.send(ev::ActionFailed{Action::CallCode, Failure::not_found});
  EXPECT_EQ(c.s.notice, "No waiting ticket has that code.");
}

TEST(Counter, ExpiredSessionAsksForLoginAndKeepsTheTicket) {
  Counter c;
  c.log_in();
  c.send(ev::CallNext{});
  c.send(ev::ActionDone{Action::CallNext, ticket()});
  auto fx = c.send(ev::SessionExpired{});
  EXPECT_EQ(c.s.phase, Phase::LoginForm);
  EXPECT_TRUE(c.s.current);
  EXPECT_TRUE(std::holds_alternative<fx::ForgetToken>(fx.at(0)));
}

TEST(Counter, VisibleLoadsFollowTheFilter) {
  Counter c;
  c.log_in();
  QueueSnapshot q;
  q.topics = {{"schulden", 3, 600, 900}, {"extra", 1, 10, 0}};
  c.send(ev::QueueLoaded{q});
  auto loads = visible_loads(c.s);
  ASSERT_EQ(loads.size(), 4u);
  EXPECT_EQ(loads[0].topic, "werk");
  EXPECT_EQ(loads[1].waiting, 3);
  EXPECT_EQ(loads[3].topic, "extra");
  c.send(ev::ToggleTopic{"schulden"});
  loads = visible_loads(c.s);
  ASSERT_EQ(loads.size(), 1u);
  EXPECT_EQ(loads[0].longest_wait_s, 600);
}

TEST(Counter, ParsesTheQueueAndTicketAnswers) {
  const auto q = queue_from_json(nlohmann::json::parse(R"({"day":"2026-11-24",
    "waiting":[{"id":"a","code":"S-001","topic":"schulden","language":"nl","created_at":"2026-11-24T09:05:00Z"}],
    "topics":[{"topic":"schulden","waiting":1,"longest_wait_s":120,"estimated_wait_s":300}],
    "called":[{"id":"b","code":"W-002","topic":"werk","desk":3,"called_at":"2026-11-24T09:06:00Z"}]})"));
  ASSERT_TRUE(q) << to_string(q.error());
  EXPECT_EQ(q->day, "2026-11-24");
  EXPECT_EQ(q->waiting.at(0).code, "S-001");
  EXPECT_GT(q->waiting.at(0).created_at, 0);
  EXPECT_EQ(q->topics.at(0).longest_wait_s, 120);
  EXPECT_EQ(q->called.at(0).desk, 3);
  const auto t = desk_ticket_from_json(nlohmann::json::parse(
      R"({"id":"b","code":"W-002","topic":"werk","language":"en","status":"called","desk":2,"called_at":null,"created_at":"2026-11-24T09:00:00Z","local_day":"2026-11-24"})"));
  ASSERT_TRUE(t) << to_string(t.error());
  EXPECT_EQ(t->desk, 2);
  EXPECT_EQ(t->local_day, "2026-11-24");
  const auto bad = queue_from_json(nlohmann::json::parse(R"({"waiting":[{"id":5}]})"));
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().detail.find("waiting[0].id"), std::string::npos);
}

TEST(CounterConfig, DeskAndSpeakFromTheDeviceConfig) {
  const std::string base =
      "role = \"counter\"\nlocation = \"haarlem\"\ndata_dir = \"d\"\n[service]\n"
      "url = \"https://localhost:8443\"\nca_file = \"ca.pem\"\ntoken_file = \"t\"\n";
  auto c = device_config_from_toml(base + "[counter]\ndesk = 2\n[display]\nspeak = false\n", "counter.toml");
  ASSERT_TRUE(c) << to_string(c.error());
  EXPECT_EQ(c->desk, 2);
  EXPECT_FALSE(c->speak);
  auto bad = device_config_from_toml(base + "[counter]\ndesk = 0\n", "counter.toml");
  ASSERT_FALSE(bad);
  EXPECT_NE(to_string(bad.error()).find("counter.desk"), std::string::npos);
  EXPECT_NE(to_string(bad.error()).find("counter.toml"), std::string::npos);
}

TEST(Counter, AReprintsStatusIsOneOfTheAPIsWordsOrTheAnswerIsRefused) {
  auto ok = print_job_from_json({{"id", 7}, {"code", "S-012"}, {"status", "paper_out"}});
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, ReprintStatus::paper_out);
  EXPECT_FALSE(print_job_from_json({{"id", 7}, {"code", "S-012"}, {"status", "on_fire"}}));
  auto t = desk_ticket_from_json(
      {{"id", "t"}, {"code", "S-012"}, {"topic", "werk"}, {"desk", 2}, {"status", "no_show"}});
  ASSERT_TRUE(t);
  EXPECT_EQ(t->status, TicketStatus::no_show);
  EXPECT_STREQ(ticket_status_name(t->status), "no_show");
}

}  // namespace
}  // namespace wk::counter
