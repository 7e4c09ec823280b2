// The counter's call-back tab: the location's requests, "Bellen" (take), and how the call ended. The
// number arrives only with a request this staff member took; it is dropped from memory as soon as the
// outcome goes out, when the tab is left and when the session ends, and is never part of an effect.
#include <algorithm>
#include <cstdio>

#include "core/counter.hpp"
#include "core/counter_parts.hpp"

namespace wk::counter {
namespace {

using parts::done;
using parts::take;

// The msgids of the tab's line.
constexpr const char* kNotYours = "Only staff of this location can see its call-back requests.";
constexpr const char* kLoadFailed = "The call-back requests could not be read. Try again, or ask IT.";
constexpr const char* kLoadUnreachable = "The list could not be refreshed: the service cannot be reached.";
constexpr const char* kReached = "Reached: the request is closed.";
constexpr const char* kNotReached = "Not reached: the request is back in the list, to try again later.";
constexpr const char* kDone = "Done: the request is closed.";
constexpr const char* kTakenByOther = "A colleague is already calling this resident.";
constexpr const char* kNotTakenByYou = "This call is no longer yours: a colleague has it, or it was closed.";
constexpr const char* kGone = "This request was already closed at another desk.";
constexpr const char* kOtherLocation = "This request belongs to another location.";
constexpr const char* kUnreachable = "The queue service cannot be reached. Try again in a moment.";
constexpr const char* kRefused = "The service refused this. Try again, or ask IT.";

Callback* row(CounterState& s, const std::string& id) {
  auto& rows = s.callbacks.rows;
  const auto it = std::find_if(rows.begin(), rows.end(), [&](const Callback& c) { return c.id == id; });
  return it == rows.end() ? nullptr : &*it;
}

// Overwritten before it is let go: a number should not linger in freed memory either.
void wipe(std::string& phone) {
  std::fill(phone.begin(), phone.end(), '\0');
  phone.clear();
  phone.shrink_to_fit();
}

void wipe_rows(CallbacksTab& t) {
  for (auto& c : t.rows) wipe(c.phone);
  t.rows.clear();
  t.rows.shrink_to_fit();
}

Update load(CounterState s) {
  if (s.callbacks.loading) return done(std::move(s));
  s.callbacks.loading = true;
  std::vector<Effect> fx;
  fx.emplace_back(std::in_place_type<fx::FetchCallbacks>);
  return done(std::move(s), std::move(fx));
}

// What is shown after a call: the list as the service has it now (what other desks did meanwhile too).
Update reload(CounterState s) {
  if (s.phase != Phase::LoggedIn || s.tab != Tab::callbacks) return done(std::move(s));
  return load(std::move(s));
}

const char* failure_notice(CallbackStep step, Failure why) {
  switch (why) {
    case Failure::conflict:
      return step == CallbackStep::take ? kTakenByOther : kNotTakenByYou;
    case Failure::forbidden:
      return kOtherLocation;
    case Failure::not_found:
      return kGone;
    default:
      return kRefused;
  }
}

}  // namespace

const char* call_outcome_name(CallOutcome o) {
  switch (o) {
    case CallOutcome::reached:
      return "reached";
    case CallOutcome::not_reached:
      return "not_reached";
    case CallOutcome::done:
      return "done";
  }
  return "";
}

const char* part_of_day_label(PartOfDay p) {
  switch (p) {
    case PartOfDay::morning:
      return "In the morning";
    case PartOfDay::afternoon:
      return "In the afternoon";
    case PartOfDay::any:
      break;
  }
  return "Any time of day";
}

std::string callback_topic(const CounterState& s, const Callback& c) {
  const std::string name = s.config.topic_name(c.topic, counter_language(s));
  return name.empty() ? c.topic : name;
}

std::string requested_at(const CounterState& s, const Callback& c) {
  const CivilTime t = to_local(s.tz, c.created_at);
  char buf[24];
  std::snprintf(buf, sizeof buf, "%02d-%02d-%04d %02d:%02d", t.day, t.month, t.year, t.hour, t.minute);
  return buf;
}

bool can_act_on_callback(const CounterState& s) {
  return s.phase == Phase::LoggedIn && s.online && s.tab == Tab::callbacks && !s.callbacks.busy;
}

void forget_callbacks(CounterState& s) {
  wipe_rows(s.callbacks);
  s.callbacks = CallbacksTab{};
  if (s.tab == Tab::callbacks) s.tab = Tab::queue;
}

namespace parts {

Update open_callbacks(CounterState s) {
  s.tab = Tab::callbacks;
  return load(std::move(s));
}

void leave_callbacks(CounterState& s) {
  auto& t = s.callbacks;
  wipe_rows(t);
  t.loading = false;  // an answer still under way is dropped when it comes
  t.refused = false;
  t.notice.clear();
  // A call under way (busy) stays until its answer: a second "Bellen" must not go out meanwhile.
}

void refresh_callbacks(Update& u) {
  const CounterState& s = u.state;
  if (s.phase != Phase::LoggedIn || s.tab != Tab::callbacks || s.callbacks.loading || s.callbacks.busy ||
      s.callbacks.refused)
    return;
  u.state.callbacks.loading = true;
  u.effects.emplace_back(std::in_place_type<fx::FetchCallbacks>);
}

std::optional<Update> reduce_callbacks(CounterState& s, const Event& event, const Inputs& /*in*/) {
  auto& t = s.callbacks;
  return take(
      event,
      [&](const ev::CallbacksLoaded& e) {
        // An answer after logout, after leaving the tab or that nobody asked for is not kept.
        if (s.phase != Phase::LoggedIn || s.tab != Tab::callbacks || !t.loading) return done(std::move(s));
        t.loading = false;
        t.refused = false;
        wipe_rows(t);
        t.rows = e.callbacks;
        if (t.notice == kLoadFailed || t.notice == kLoadUnreachable || t.notice == kNotYours)
          t.notice.clear();
        return done(std::move(s));
      },
      [&](const ev::CallbacksFailed& e) {
        if (!t.loading) return done(std::move(s));
        t.loading = false;
        if (e.why == Failure::forbidden) {
          wipe_rows(t);
          t.refused = true;
          t.notice = kNotYours;
        } else if (e.why == Failure::unreachable) {
          s.online = false;
          t.notice = kLoadUnreachable;
        } else {
          t.notice = kLoadFailed;
        }
        return done(std::move(s));
      },
      [&](const ev::TakeCallback& e) {
        const Callback* c = row(s, e.id);
        if (!can_act_on_callback(s) || !c || c->state != CallbackState::open) return done(std::move(s));
        t.busy = e.id;
        t.notice.clear();
        std::vector<Effect> fx;
        fx.emplace_back(fx::TakeCallback{.id = e.id});
        return done(std::move(s), std::move(fx));
      },
      [&](const ev::CallbackTaken& e) {
        if (t.busy == e.callback.id) t.busy.reset();
        // Shown only while the tab is open: taken meanwhile, the number comes with the list next time.
        if (s.phase != Phase::LoggedIn || s.tab != Tab::callbacks) return done(std::move(s));
        if (Callback* c = row(s, e.callback.id)) {
          wipe(c->phone);
          *c = e.callback;
        }
        return done(std::move(s));
      },
      [&](const ev::ReportOutcome& e) {
        Callback* c = row(s, e.id);
        if (!can_act_on_callback(s) || !c || !c->taken_by_me) return done(std::move(s));
        // The call is over: its number goes now, whatever the service answers.
        wipe(c->phone);
        t.busy = e.id;
        t.notice.clear();
        std::vector<Effect> fx;
        fx.emplace_back(fx::SendOutcome{.id = e.id, .outcome = e.outcome});
        return done(std::move(s), std::move(fx));
      },
      [&](const ev::OutcomeSent& e) {
        if (t.busy == e.id) t.busy.reset();
        if (e.outcome == CallOutcome::not_reached) {
          if (Callback* c = row(s, e.id)) {
            wipe(c->phone);
            c->state = CallbackState::open;
            c->taken_by_me = false;
            ++c->attempts;
          }
        } else {
          std::erase_if(t.rows, [&](const Callback& c) { return c.id == e.id; });
        }
        t.notice = e.outcome == CallOutcome::reached       ? kReached
                   : e.outcome == CallOutcome::not_reached ? kNotReached
                                                           : kDone;
        return reload(std::move(s));
      },
      [&](const ev::CallbackFailed& e) {
        if (t.busy == e.id) t.busy.reset();
        if (e.why == Failure::unreachable) {
          s.online = false;
          t.notice = kUnreachable;
          return done(std::move(s));
        }
        t.notice = failure_notice(e.step, e.why);
        return reload(std::move(s));
      });
}

}  // namespace parts

// Each row's fields are checked as the counter needs them; the errors name the row and the field only.
Result<Callback> callback_row_from_json(const nlohmann::json& j) {
  const auto bad = [](const std::string& detail) {
    return make_error("bad_response", "The queue service sent a call-back request the counter cannot read.",
                      detail);
  };
  if (!j.is_object()) return bad("callback: not an object");
  Callback c;
  const auto text = [&](const char* field, std::string& out, bool required) -> bool {
    const auto it = j.find(field);
    if (it == j.end() || it->is_null()) return !required;
    if (!it->is_string()) return false;
    out = it->get<std::string>();
    return true;
  };
  if (!text("id", c.id, true)) return bad("callback.id must be text");
  if (!text("reference", c.reference, false)) return bad("callback.reference must be text");
  if (!text("topic", c.topic, true)) return bad("callback.topic must be text");
  if (!text("language", c.language, false)) return bad("callback.language must be text");
  if (!text("phone", c.phone, false)) return bad("callback.phone must be text");
  std::string word;
  if (!text("created_at", word, true)) return bad("callback.created_at must be text");
  const auto when = parse_rfc3339(word);
  if (!when) return bad("callback.created_at must be an RFC 3339 time");
  c.created_at = when.value();
  word.clear();
  if (!text("part_of_day", word, false)) return bad("callback.part_of_day must be text");
  // A part of the day this counter does not know (a newer service) is shown as "any time".
  if (const auto p = part_of_day_from_name(word)) c.part_of_day = p.value();
  word.clear();
  if (!text("state", word, false)) return bad("callback.state must be text");
  c.state = word == "taken" ? CallbackState::taken : CallbackState::open;
  if (const auto it = j.find("attempts"); it != j.end() && !it->is_null()) {
    if (!it->is_number_integer()) return bad("callback.attempts must be a number");
    c.attempts = it->get<int>();
  }
  if (const auto it = j.find("taken_by_me"); it != j.end() && !it->is_null()) {
    if (!it->is_boolean()) return bad("callback.taken_by_me must be true or false");
    c.taken_by_me = it->get<bool>();
  }
  // A number is kept only with a request this staff member has: never for a colleague's or an open one.
  if (!c.taken_by_me) wipe(c.phone);
  return c;
}

Result<std::vector<Callback>> callbacks_from_json(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("callbacks") || !j["callbacks"].is_array())
    return make_error("bad_response",
                      "The queue service sent a list of call-back requests the counter cannot read.",
                      "callbacks: not a list");
  std::vector<Callback> out;
  const auto& list = j["callbacks"];
  for (std::size_t i = 0; i < list.size(); ++i) {
    auto c = callback_row_from_json(list[i]);
    if (!c) {
      Error e = c.error();
      e.detail = "callbacks[" + std::to_string(i) + "]: " + e.detail;
      return e;
    }
    out.push_back(std::move(c.value()));
  }
  return out;
}

}  // namespace wk::counter
