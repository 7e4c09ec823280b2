#pragma once
// The staff member's counter as a pure state machine: update(state, event) -> {state, effects}. The net
// adapter runs the effects (login, queue, calls) and answers with events; the screens draw the state and
// send the staff member's keys and clicks as events. Every rule of the counter lives here: who may call
// when, what "my desk's topics" means, what a ticket code typed by hand is.
#include <nlohmann/json.hpp>

#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/counter_callbacks.hpp"
#include "core/counter_volunteers.hpp"
#include "core/failure.hpp"
#include "core/model.hpp"
#include "core/result.hpp"
#include "core/ticket_status.hpp"

namespace wk::counter {

struct WaitingTicket {
  std::string id, code, topic, language;
  UnixMs created_at = 0;
  bool remote = false;  // joined from home ("S-W03"): it may not be in the room yet
};
struct TopicLoad {
  std::string topic;
  int waiting = 0;
  long longest_wait_s = 0;
  long estimated_wait_s = 0;
};
struct CalledTicket {
  std::string id, code, topic;
  int desk = 0;
  UnixMs called_at = 0;
  bool remote = false;
};
struct QueueSnapshot {
  std::string day;  // the location's today, which the queue is ("" from a service that does not say)
  std::vector<WaitingTicket> waiting;
  std::vector<TopicLoad> topics;
  std::vector<CalledTicket> called;
};
// A ticket as the service answers an action: the one now at this desk.
struct DeskTicket {
  std::string id, code, topic, language;
  TicketStatus status = TicketStatus::unknown;
  int desk = 0;
  std::string local_day;  // the day it belongs to; once the queue's day is later, the service has closed it
  // Another resident holds this code today: staff see the issue time beside it (code_label).
  bool code_shared = false;
  std::string issued_time;  // "09:14"
  // Joined from home: the desk shows "thuis", and may call it again later instead of a no-show.
  bool remote = false;
};

// A reprint at the kiosk as the counter follows it. `status` is the service's word (pending, printing,
// printed, paper_out, cover_open, offline, no_printer, failed, expired), or "asking" before it answered.
struct Reprint {
  std::int64_t job_id = 0;
  std::string code;
  ReprintStatus status = ReprintStatus::unknown;
};

// The wire forms of GET /v1/queue, of a ticket answer, of a print job and of GET /v1/volunteers (API.md);
// errors name the field, never a value (a volunteer's name or number stays out of the log).
Result<QueueSnapshot> queue_from_json(const nlohmann::json& j);
Result<std::vector<Volunteer>> volunteers_from_json(const nlohmann::json& j);
Result<DeskTicket> desk_ticket_from_json(const nlohmann::json& j);
Result<Reprint> print_job_from_json(const nlohmann::json& j);

// "s12", "S 12", "s-012" -> "S-012": staff type what the resident holds up, as it comes.
std::string normalise_code(const std::string& typed);

enum class Phase { LoginForm, LoggingIn, LoggedIn };
enum class Action { CallNext, CallCode, Recall, Served, NoShow, Transfer, Later };

struct CounterState {
  Phase phase = Phase::LoginForm;
  int desk = 1;
  std::string location;
  std::string user;                 // the last user name typed; the password is never kept
  LocationConfig config;            // the location's, once the service sent it: names, languages
  TzRule tz;                        // its time zone (UTC until known): the days volunteers registered
  std::vector<std::string> topics;  // all topic ids of the location, in its order
  std::set<std::string> my_topics;  // the desk's filter; empty means every topic
  bool online = true;
  std::optional<QueueSnapshot> queue;
  std::optional<DeskTicket> current;  // the ticket called to this desk and not finished yet
  std::optional<Action> busy;         // an action under way: a second press must not call twice
  std::string notice;                 // a msgid for the line under the buttons; empty: none
  long retry_after_s = 0;             // login refused for this long (429)
  UnixMs login_blocked_until = 0;     // ... that is, until then: a login before is not sent
  std::optional<Reprint> reprint;     // the last reprint asked for at this desk
  Tab tab = Tab::queue;
  VolunteersTab volunteers;  // counter_volunteers.hpp
  CallbacksTab callbacks;    // counter_callbacks.hpp
};

namespace ev {
struct LoginSubmitted {
  std::string user, password;
};
struct LoginOk {};
struct LoginFailed {
  Failure why;
  long retry_after_s = 0;
};
// The location's config: its topics, their names, its languages, its interests.
struct ConfigKnown {
  LocationConfig config;
  std::optional<TzRule> tz;  // none when this machine does not know the zone: the one in use stays
};
struct QueueLoaded {
  QueueSnapshot queue;
};
struct Offline {};  // a call did not reach the service
struct ToggleTopic {
  std::string topic;
};
struct CallNext {};
struct CallCode {
  std::string code;
};
struct Recall {};
struct Served {};
struct NoShow {};
struct Later {};  // a called remote ticket back to waiting, at the end of the line
struct Transfer {
  std::string topic;
};
struct ActionDone {
  Action action;
  std::optional<DeskTicket> ticket;
};  // no ticket: 204 / 404
struct ActionFailed {
  Action action;
  Failure why;
};
struct SessionExpired {};  // 401 on a staff call
struct Logout {};
struct Reprint {};  // print the current ticket again at the kiosk
struct ReprintUpdate {
  std::int64_t job_id;
  ReprintStatus status;
};  // from the service
struct ReprintFailed {
  Failure why;
};  // the request or a look at it did not work
}  // namespace ev

using Event =
    std::variant<ev::LoginSubmitted, ev::LoginOk, ev::LoginFailed, ev::ConfigKnown, ev::QueueLoaded,
                 ev::Offline, ev::ToggleTopic, ev::CallNext, ev::CallCode, ev::Recall, ev::Served, ev::NoShow,
                 ev::Transfer, ev::ActionDone, ev::ActionFailed, ev::SessionExpired, ev::Logout, ev::Reprint,
                 ev::ReprintUpdate, ev::ReprintFailed, ev::ShowTab, ev::VolunteersLoaded,
                 ev::VolunteersFailed, ev::ToggleInterest, ev::ToggleAvailability, ev::ClearVolunteerFilter,
                 ev::MarkHandled, ev::ForgetVolunteer, ev::ConfirmForget, ev::CancelForget, ev::VolunteerDone,
                 ev::VolunteerFailed, ev::Later, ev::CallbacksLoaded, ev::CallbacksFailed, ev::TakeCallback,
                 ev::CallbackTaken, ev::ReportOutcome, ev::OutcomeSent, ev::CallbackFailed>;

namespace fx {
struct Login {
  std::string location, user, password;
};                      // answer LoginOk or LoginFailed
struct FetchQueue {};   // answer QueueLoaded or Offline
struct FetchConfig {};  // answer ConfigKnown (silently nothing on failure)
struct CallNext {
  int desk;
  std::vector<std::string> topics;
};
struct CallCode {
  int desk;
  std::string code;
};
struct TicketAction {
  Action action;
  std::string ticket_id;
  std::string topic;
};  // recall/served/no-show/transfer/later
struct ForgetToken {};
struct SaveDeskTopics {
  std::vector<std::string> topics;
};  // the filter, kept for the next start
struct RequestReprint {
  std::string ticket_id;
};  // answer ReprintUpdate or ReprintFailed
struct FollowReprint {
  std::int64_t job_id;
};  // look again in a moment; answer as RequestReprint
}  // namespace fx

using Effect = std::variant<fx::Login, fx::FetchQueue, fx::FetchConfig, fx::CallNext, fx::CallCode,
                            fx::TicketAction, fx::ForgetToken, fx::SaveDeskTopics, fx::RequestReprint,
                            fx::FollowReprint, fx::FetchVolunteers, fx::VolunteerCall, fx::FetchCallbacks,
                            fx::TakeCallback, fx::SendOutcome>;

using Update = ModelUpdate<CounterState, Effect>;

// What the counter is handed besides the event: the time (a refused login waits out its Retry-After).
struct Inputs {
  UnixMs now = 0;
};

CounterState initial_counter(std::string location, int desk);
Update update(CounterState state, const Event& event, const Inputs& in);

// The language the counter's screens speak: the location's first, Dutch until its config is known.
std::string counter_language(const CounterState& s);

// What the screen shows per topic: the filter applied ("my desk"), in the location's order.
std::vector<TopicLoad> visible_loads(const CounterState& s);
// The actions the screen may offer now (offline, busy and "no current ticket" grey them out).
bool can_call(const CounterState& s);
bool can_act_on_current(const CounterState& s);
// "Later opnieuw": only for a ticket joined from home, while it is at this desk.
bool can_call_later(const CounterState& s);
// A reprint asked at this desk that the kiosk has neither printed nor given up yet.
bool reprint_under_way(const CounterState& s);
// A reprint may be asked for the current ticket while none is under way.
bool can_reprint(const CounterState& s);
// The line about the last reprint, as a msgid with {code} in it; empty when there is nothing to say.
std::string reprint_notice(const CounterState& s);

}  // namespace wk::counter
