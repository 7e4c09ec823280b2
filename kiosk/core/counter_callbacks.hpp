#pragma once
// The counter's "Terugbellen" tab (issue 18): the residents of this location who asked to be called back,
// oldest first. A staff member takes one ("Bellen"): only then, and only at this counter, its number is
// shown; the call ends with reached, not reached (back in the list, to try again later) or done. Part of
// the counter's model (counter.hpp includes this header); its reducer is reduce_callbacks in
// counter_callbacks.cpp. A number is personal data: the model forgets it once the outcome is sent, when
// the tab is left and when the session ends.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/callback.hpp"
#include "core/clock.hpp"
#include "core/failure.hpp"
#include "core/result.hpp"

namespace wk::counter {

enum class CallbackState { open, taken };

// One request as GET /v1/callbacks lists it (callbacks_from_json reads it).
struct Callback {
  std::string id;
  std::string reference;  // "B-3F9A2C": what the resident may quote on the phone
  UnixMs created_at = 0;
  std::string topic;
  std::string language;
  PartOfDay part_of_day = PartOfDay::any;
  CallbackState state = CallbackState::open;
  int attempts = 0;          // calls that did not reach the resident so far
  bool taken_by_me = false;  // this staff member took it: the service sent its number
  std::string phone;         // only when taken_by_me; never logged
};

// How a call ended, in the API's words reached | not_reached | done.
enum class CallOutcome { reached, not_reached, done };
const char* call_outcome_name(CallOutcome o);
// A call to the service for a request: taking it, or sending how the call ended.
enum class CallbackStep { take, outcome };

struct CallbacksTab {
  std::vector<Callback> rows;       // oldest first, as the service lists them
  bool loading = false;             // a GET /v1/callbacks under way: its answer is awaited
  bool refused = false;             // the service said this list is not for this session (403)
  std::optional<std::string> busy;  // the row a call (take, outcome) is under way for
  std::string notice;               // a msgid for the tab's line; empty: none
};

// The wire forms of GET /v1/callbacks and of one request (the answer to take); errors name the row and
// the field, never a value: the rows hold phone numbers.
Result<std::vector<Callback>> callbacks_from_json(const nlohmann::json& j);
Result<Callback> callback_row_from_json(const nlohmann::json& j);

namespace ev {
struct CallbacksLoaded {
  std::vector<Callback> callbacks;
};
struct CallbacksFailed {
  Failure why;
};
struct TakeCallback {
  std::string id;
};  // "Bellen"
struct CallbackTaken {
  Callback callback;
};  // the service's answer to take: the request with its number
struct ReportOutcome {
  std::string id;
  CallOutcome outcome;
};  // "Bereikt", "Niet bereikt", "Afgerond"
struct OutcomeSent {
  std::string id;
  CallOutcome outcome;
};
struct CallbackFailed {
  CallbackStep step;
  std::string id;
  Failure why;
};
}  // namespace ev

namespace fx {
struct FetchCallbacks {};  // answer CallbacksLoaded or CallbacksFailed
struct TakeCallback {
  std::string id;
};  // answer CallbackTaken or CallbackFailed
struct SendOutcome {
  std::string id;
  CallOutcome outcome;
};  // answer OutcomeSent or CallbackFailed
}  // namespace fx

struct CounterState;

// The topic's name in the counter's language (its id when the location no longer has it).
std::string callback_topic(const CounterState& s, const Callback& c);
// When the request was made, in the location's time zone: "24-11-2026 09:14".
std::string requested_at(const CounterState& s, const Callback& c);
// The msgid of a part of the day, as the rows say it.
const char* part_of_day_label(PartOfDay p);
// Whether "Bellen" and the outcomes may be pressed now (logged in, online, the tab open, no call under way).
bool can_act_on_callback(const CounterState& s);
// Forgets every request held, numbers first (logout, an ended session).
void forget_callbacks(CounterState& s);

}  // namespace wk::counter
