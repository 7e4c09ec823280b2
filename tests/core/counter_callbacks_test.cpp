// The counter's "Terugbellen" tab and tickets joined from home, headless: the list loads when the tab
// opens, "Bellen" takes a request and only then holds its number, each outcome closes or returns it, the
// number is forgotten once the outcome goes out (and with the tab and the session), 403 and 409 are said
// in words; a remote ticket's "later" is offered only for a remote ticket at the desk.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/config.hpp"
#include "core/counter.hpp"

namespace wk::counter {
namespace {

constexpr const char* kOne = "4c2a9e1b-7d3f-4e5a-8b6c-000000000001";
constexpr const char* kTwo = "4c2a9e1b-7d3f-4e5a-8b6c-000000000002";
constexpr const char* kThree = "4c2a9e1b-7d3f-4e5a-8b6c-000000000003";
constexpr const char* kPhone = "0612345678";

Callback request(const char* id, std::string reference, PartOfDay when) {
  Callback c;
  c.id = id;
  c.reference = std::move(reference);
  c.created_at = 1'800'000'000'000;
  c.topic = "schulden";
  c.language = "nl";
  c.part_of_day = when;
  return c;
}

// One open request, one a colleague took, one more open: oldest first.
std::vector<Callback> three() {
  Callback colleague = request(kTwo, "B-BBBBBB", PartOfDay::afternoon);
  colleague.state = CallbackState::taken;
  return {request(kOne, "B-AAAAAA", PartOfDay::morning), colleague,
          request(kThree, "B-CCCCCC", PartOfDay::any)};
}

Callback taken(const char* id) {
  Callback c = request(id, "B-AAAAAA", PartOfDay::morning);
  c.state = CallbackState::taken;
  c.taken_by_me = true;
  c.phone = kPhone;
  return c;
}

template <class F>
bool has(const std::vector<Effect>& effects) {
  return std::any_of(effects.begin(), effects.end(),
                     [](const Effect& e) { return std::holds_alternative<F>(e); });
}

const Callback* row(const CounterState& s, const std::string& id) {
  for (const auto& c : s.callbacks.rows)
    if (c.id == id) return &c;
  return nullptr;
}

// Anywhere the model keeps a request: the number must be nowhere once it is forgotten.
bool holds_number(const CounterState& s) {
  return std::any_of(s.callbacks.rows.begin(), s.callbacks.rows.end(),
                     [](const Callback& c) { return c.phone.find(kPhone) != std::string::npos; });
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
    Topic t;
    t.id = "schulden";
    t.letter = 'S';
    t.names = {{"nl", "Geldzorgen en schulden"}};
    config.topics.push_back(t);
    config.languages = {"nl"};
    send(ev::ConfigKnown{config, parse_tz_rule("CET-1CEST,M3.5.0,M10.5.0/3").value()});
  }
  void open_with(std::vector<Callback> rows) {
    log_in();
    send(ev::ShowTab{Tab::callbacks});
    send(ev::CallbacksLoaded{std::move(rows)});
  }
  // "Bellen" on the first request, and the service's answer with its number.
  void take_first() {
    open_with(three());
    send(ev::TakeCallback{kOne});
    send(ev::CallbackTaken{taken(kOne)});
  }
};

TEST(CounterCallbacks, OpeningTheTabLoadsTheListOldestFirst) {
  Counter c;
  EXPECT_TRUE(c.send(ev::ShowTab{Tab::callbacks}).empty()) << "not logged in: nothing to show";
  c.log_in();
  auto fx = c.send(ev::ShowTab{Tab::callbacks});
  EXPECT_EQ(c.s.tab, Tab::callbacks);
  ASSERT_EQ(fx.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<fx::FetchCallbacks>(fx[0]));
  EXPECT_TRUE(c.send(ev::ShowTab{Tab::callbacks}).empty()) << "an answer is awaited already";
  c.send(ev::CallbacksLoaded{three()});
  ASSERT_EQ(c.s.callbacks.rows.size(), 3u);
  EXPECT_EQ(c.s.callbacks.rows[0].id, kOne);
  EXPECT_EQ(callback_topic(c.s, c.s.callbacks.rows[0]), "Geldzorgen en schulden");
  EXPECT_STREQ(part_of_day_label(c.s.callbacks.rows[0].part_of_day), "In the morning");
  EXPECT_STREQ(part_of_day_label(PartOfDay::any), "Any time of day");
  // A queue refresh while the tab is open looks at the list again: a colleague's take shows.
  EXPECT_TRUE(has<fx::FetchCallbacks>(c.send(ev::QueueLoaded{QueueSnapshot{}})));
  EXPECT_FALSE(has<fx::FetchCallbacks>(c.send(ev::QueueLoaded{QueueSnapshot{}}))) << "one at a time";
}

TEST(CounterCallbacks, WhenItWasAskedIsTheLocationsTime) {
  Counter c;
  c.log_in();
  Callback late = request(kOne, "B-AAAAAA", PartOfDay::any);
  late.created_at = *parse_rfc3339("2026-11-23T23:30:00Z");  // 00:30 on the 24th in Amsterdam
  EXPECT_EQ(requested_at(c.s, late), "24-11-2026 00:30");
}

TEST(CounterCallbacks, BellenTakesTheRequestAndOnlyThenItsNumberIsThere) {
  Counter c;
  c.open_with(three());
  EXPECT_FALSE(holds_number(c.s));
  EXPECT_TRUE(c.send(ev::TakeCallback{kTwo}).empty()) << "a colleague has it: no button, no call";
  EXPECT_TRUE(c.send(ev::TakeCallback{"4c2a9e1b-7d3f-4e5a-8b6c-0000000000ff"}).empty()) << "not listed";
  auto fx = c.send(ev::TakeCallback{kOne});
  ASSERT_EQ(fx.size(), 1u);
  EXPECT_EQ(std::get<fx::TakeCallback>(fx[0]).id, kOne);
  EXPECT_EQ(c.s.callbacks.busy, kOne);
  EXPECT_TRUE(c.send(ev::TakeCallback{kThree}).empty()) << "one call to the service at a time";
  c.send(ev::CallbackTaken{taken(kOne)});
  EXPECT_FALSE(c.s.callbacks.busy);
  ASSERT_TRUE(row(c.s, kOne));
  EXPECT_TRUE(row(c.s, kOne)->taken_by_me);
  EXPECT_EQ(row(c.s, kOne)->phone, kPhone);
  EXPECT_TRUE(row(c.s, kThree)->phone.empty());
}

TEST(CounterCallbacks, ReachedAndDoneCloseTheRequestAndForgetTheNumber) {
  for (const auto outcome : {CallOutcome::reached, CallOutcome::done}) {
    Counter c;
    c.take_first();
    auto fx = c.send(ev::ReportOutcome{kOne, outcome});
    ASSERT_EQ(fx.size(), 1u);
    const auto& sent = std::get<fx::SendOutcome>(fx[0]);
    EXPECT_EQ(sent.id, kOne);
    EXPECT_EQ(sent.outcome, outcome);
    EXPECT_FALSE(holds_number(c.s)) << "the number goes as the outcome goes out";
    EXPECT_TRUE(c.send(ev::ReportOutcome{kOne, outcome}).empty()) << "sent once";
    fx = c.send(ev::OutcomeSent{kOne, outcome});
    EXPECT_TRUE(has<fx::FetchCallbacks>(fx)) << "what the other desks did shows too";
    EXPECT_EQ(row(c.s, kOne), nullptr);
    EXPECT_EQ(c.s.callbacks.notice, outcome == CallOutcome::reached ? "Reached: the request is closed."
                                                                    : "Done: the request is closed.");
    EXPECT_FALSE(holds_number(c.s));
  }
}

TEST(CounterCallbacks, NotReachedPutsItBackToTryLaterWithoutTheNumber) {
  Counter c;
  c.take_first();
  c.send(ev::ReportOutcome{kOne, CallOutcome::not_reached});
  c.send(ev::OutcomeSent{kOne, CallOutcome::not_reached});
  const Callback* r = row(c.s, kOne);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->state, CallbackState::open);
  EXPECT_FALSE(r->taken_by_me);
  EXPECT_EQ(r->attempts, 1);
  EXPECT_FALSE(holds_number(c.s));
  EXPECT_EQ(c.s.callbacks.notice, "Not reached: the request is back in the list, to try again later.");
}

TEST(CounterCallbacks, OnlyTheCallThisCounterHasCanBeClosed) {
  Counter c;
  c.open_with(three());
  EXPECT_TRUE(c.send(ev::ReportOutcome{kOne, CallOutcome::done}).empty()) << "not taken yet";
  EXPECT_TRUE(c.send(ev::ReportOutcome{kTwo, CallOutcome::done}).empty()) << "a colleague's";
}

TEST(CounterCallbacks, ErrorsAreSaidInWords) {
  Counter c;
  c.open_with(three());
  c.send(ev::TakeCallback{kOne});
  auto fx = c.send(ev::CallbackFailed{CallbackStep::take, kOne, Failure::conflict});
  EXPECT_EQ(c.s.callbacks.notice, "A colleague is already calling this resident.");
  EXPECT_TRUE(has<fx::FetchCallbacks>(fx)) << "the list shows who has it now";
  EXPECT_FALSE(c.s.callbacks.busy);

  c.send(ev::CallbacksLoaded{three()});
  c.send(ev::TakeCallback{kThree});
  c.send(ev::CallbackFailed{CallbackStep::take, kThree, Failure::forbidden});
  EXPECT_EQ(c.s.callbacks.notice, "This request belongs to another location.");

  Counter mine;
  mine.take_first();
  mine.send(ev::ReportOutcome{kOne, CallOutcome::reached});
  mine.send(ev::CallbackFailed{CallbackStep::outcome, kOne, Failure::conflict});
  EXPECT_EQ(mine.s.callbacks.notice, "This call is no longer yours: a colleague has it, or it was closed.");
  EXPECT_FALSE(holds_number(mine.s));

  Counter gone;
  gone.take_first();
  gone.send(ev::ReportOutcome{kOne, CallOutcome::done});
  gone.send(ev::CallbackFailed{CallbackStep::outcome, kOne, Failure::not_found});
  EXPECT_EQ(gone.s.callbacks.notice, "This request was already closed at another desk.");

  Counter offline;
  offline.take_first();
  offline.send(ev::ReportOutcome{kOne, CallOutcome::done});
  EXPECT_TRUE(offline.send(ev::CallbackFailed{CallbackStep::outcome, kOne, Failure::unreachable}).empty());
  EXPECT_FALSE(offline.s.online);
  EXPECT_EQ(offline.s.callbacks.notice, "The queue service cannot be reached. Try again in a moment.");
}

TEST(CounterCallbacks, AListThatIsNotThisSessionsShowsNothing) {
  Counter c;
  c.open_with(three());
  c.send(ev::ShowTab{Tab::callbacks});
  c.send(ev::CallbacksFailed{Failure::forbidden});
  EXPECT_TRUE(c.s.callbacks.refused);
  EXPECT_TRUE(c.s.callbacks.rows.empty());
  EXPECT_EQ(c.s.callbacks.notice, "Only staff of this location can see its call-back requests.");
  EXPECT_FALSE(has<fx::FetchCallbacks>(c.send(ev::QueueLoaded{QueueSnapshot{}})))
      << "not asked again and again";
}

TEST(CounterCallbacks, TheNumberGoesWithTheTabAndWithTheSession) {
  Counter left;
  left.take_first();
  left.send(ev::ShowTab{Tab::queue});
  EXPECT_TRUE(left.s.callbacks.rows.empty());
  EXPECT_FALSE(holds_number(left.s));
  left.send(ev::ShowTab{Tab::volunteers});
  left.send(ev::CallbacksLoaded{{taken(kOne)}});
  EXPECT_TRUE(left.s.callbacks.rows.empty()) << "an answer for a tab no longer open is dropped";

  Counter expired;
  expired.take_first();
  expired.send(ev::SessionExpired{});
  EXPECT_FALSE(holds_number(expired.s));
  EXPECT_EQ(expired.s.tab, Tab::queue);

  Counter out;
  out.take_first();
  out.send(ev::Logout{});
  EXPECT_FALSE(holds_number(out.s));

  // A number that comes back after the tab was left is not kept.
  Counter late;
  late.open_with(three());
  late.send(ev::TakeCallback{kOne});
  late.send(ev::ShowTab{Tab::queue});
  late.send(ev::CallbackTaken{taken(kOne)});
  EXPECT_FALSE(holds_number(late.s));
  EXPECT_FALSE(late.s.callbacks.busy);
}

TEST(CounterCallbacks, ReadsTheServicesListAndKeepsANumberOnlyWhenItIsMine) {
  const auto j = nlohmann::json::parse(R"({"callbacks": [
    {"id": "4c2a9e1b-7d3f-4e5a-8b6c-000000000001", "reference": "B-3F9A2C", "created_at": "2026-11-24T09:05:00Z",
     "topic": "schulden", "language": "nl", "part_of_day": "afternoon", "state": "taken", "attempts": 2,
     "taken_by_me": true, "phone": "0612345678"},
    {"id": "4c2a9e1b-7d3f-4e5a-8b6c-000000000002", "reference": "B-000002", "created_at": "2026-11-24T09:06:00Z",
     "topic": "werk", "language": "en", "part_of_day": "evening", "state": "taken", "attempts": 0,
     "taken_by_me": false, "phone": "0687654321"},
    {"id": "4c2a9e1b-7d3f-4e5a-8b6c-000000000003", "reference": "B-000003", "created_at": "2026-11-24T09:07:00Z",
     "topic": "werk", "language": "nl", "part_of_day": "any", "state": "open", "attempts": 0, "taken_by_me": false}
  ]})");
  auto rows = callbacks_from_json(j);
  ASSERT_TRUE(rows.ok()) << to_string(rows.error());
  ASSERT_EQ(rows->size(), 3u);
  const Callback& a = rows->at(0);
  EXPECT_EQ(a.reference, "B-3F9A2C");
  EXPECT_EQ(a.part_of_day, PartOfDay::afternoon);
  EXPECT_EQ(a.state, CallbackState::taken);
  EXPECT_EQ(a.attempts, 2);
  EXPECT_TRUE(a.taken_by_me);
  EXPECT_EQ(a.phone, "0612345678");
  EXPECT_EQ(a.created_at, *parse_rfc3339("2026-11-24T09:05:00Z"));
  EXPECT_TRUE(rows->at(1).phone.empty()) << "a colleague's number is never kept, even if sent";
  EXPECT_EQ(rows->at(1).part_of_day, PartOfDay::any) << "an unknown part of the day reads as any";
  EXPECT_EQ(rows->at(2).state, CallbackState::open);

  // Errors name the row and the field, never a value.
  auto bad = callbacks_from_json(nlohmann::json::parse(
      R"({"callbacks": [{"id": "x", "topic": "werk", "created_at": "2026-11-24T09:05:00Z", "phone": 612345678}]})"));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().detail.find("callbacks[0]"), std::string::npos) << bad.error().detail;
  EXPECT_NE(bad.error().detail.find("phone"), std::string::npos);
  EXPECT_EQ(to_string(bad.error()).find("612345678"), std::string::npos);
  EXPECT_FALSE(callbacks_from_json(nlohmann::json::parse(R"({"volunteers": []})")).ok());
}

// Tickets joined from home.

TEST(CounterRemote, TheQueueAndTheDeskKnowATicketJoinedFromHome) {
  const auto q = queue_from_json(nlohmann::json::parse(R"({"day": "2026-11-24",
    "waiting": [{"id": "a", "code": "S-012", "topic": "schulden", "created_at": "2026-11-24T09:05:00Z"},
                {"id": "b", "code": "S-W03", "topic": "schulden", "created_at": "2026-11-24T09:06:00Z", "remote": true}],
    "called": [{"id": "c", "code": "S-W01", "topic": "schulden", "desk": 2, "remote": true}]})"));
  ASSERT_TRUE(q.ok()) << to_string(q.error());
  EXPECT_FALSE(q->waiting[0].remote) << "an older service says nothing: a kiosk's ticket";
  EXPECT_TRUE(q->waiting[1].remote);
  EXPECT_TRUE(q->called[0].remote);
  EXPECT_FALSE(queue_from_json(nlohmann::json::parse(R"({"waiting": [{"id": "a", "code": "S-012",
    "topic": "schulden", "remote": "yes"}]})"))
                   .ok());
  const auto t = desk_ticket_from_json(nlohmann::json::parse(
      R"({"id": "b", "code": "S-W03", "topic": "schulden", "status": "called", "desk": 2, "remote": true})"));
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t->remote);
}

TEST(CounterRemote, ACodeFromHomeTypedAsItComes) {
  EXPECT_EQ(normalise_code("sw3"), "S-W03");
  EXPECT_EQ(normalise_code("S-W03"), "S-W03");
  EXPECT_EQ(normalise_code("s w 123"), "S-W123");
  EXPECT_EQ(normalise_code("w 7"), "W-007") << "the topic letter W alone is a kiosk's code";
}

TEST(CounterRemote, LaterIsOnlyForARemoteTicketAtTheDesk) {
  Counter c;
  c.log_in();
  EXPECT_TRUE(c.send(ev::Later{}).empty()) << "nobody at the desk";
  c.send(ev::CallNext{});
  c.send(ev::ActionDone{Action::CallNext, DeskTicket{"kiosk-1", "S-012", "schulden", "nl",
                                                     TicketStatus::called, 2, "", false, "", false}});
  EXPECT_FALSE(can_call_later(c.s));
  EXPECT_TRUE(c.send(ev::Later{}).empty()) << "a kiosk's ticket is a no-show, not later";
  c.send(ev::Served{});
  c.send(ev::ActionDone{Action::Served, std::nullopt});

  c.send(ev::CallNext{});
  c.send(ev::ActionDone{Action::CallNext, DeskTicket{"home-1", "S-W03", "schulden", "nl",
                                                     TicketStatus::called, 2, "", false, "", true}});
  EXPECT_TRUE(can_call_later(c.s));
  auto fx = c.send(ev::Later{});
  ASSERT_EQ(fx.size(), 1u);
  const auto& a = std::get<fx::TicketAction>(fx[0]);
  EXPECT_EQ(a.action, Action::Later);
  EXPECT_EQ(a.ticket_id, "home-1");
  EXPECT_TRUE(c.send(ev::Later{}).empty()) << "sent once";
  fx = c.send(ev::ActionDone{Action::Later, std::nullopt});
  EXPECT_FALSE(c.s.current);
  EXPECT_TRUE(has<fx::FetchQueue>(fx));
  EXPECT_EQ(c.s.notice, "Back in the queue, at the end of the line: it will be called again later.");
}

}  // namespace
}  // namespace wk::counter
