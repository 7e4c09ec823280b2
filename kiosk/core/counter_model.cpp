// The counter's model, composed of parts as the kiosk's is: the staff member's login, the desk's work
// with the queue, the reprints it asks the kiosk for, the volunteers tab (counter_volunteers.cpp) and the
// call-back tab (counter_callbacks.cpp).
// update() hands an event to the part that owns it; each part leaves the others' events alone.
#include <algorithm>
#include <optional>

#include "core/counter.hpp"
#include "core/counter_parts.hpp"

namespace wk::counter {
namespace {

constexpr const char* kOffline = "Offline: you cannot call until the service is reachable again.";
constexpr const char* kBusy = "Finish the current ticket first: served, no-show or transfer.";
constexpr const char* kDayEnded = "The day has ended: the ticket at this desk was closed.";
constexpr const char* kNobody = "Nobody is waiting for these topics.";
constexpr const char* kNoCode = "No waiting ticket has that code.";
constexpr const char* kLater = "Back in the queue, at the end of the line: it will be called again later.";

using parts::done;
using parts::take;

// The common gate of every call: logged in, online, not already waiting for an answer.
bool may_send(CounterState& s) {
  if (s.phase != Phase::LoggedIn || s.busy) return false;
  if (!s.online) {
    s.notice = kOffline;
    return false;
  }
  return true;
}

Update ticket_action(CounterState s, Action a, std::string topic = {}) {
  if (!may_send(s)) return done(std::move(s));
  if (!s.current) return done(std::move(s));
  s.busy = a;
  s.notice.clear();
  const std::string id = s.current->id;
  return done(std::move(s), {fx::TicketAction{a, id, std::move(topic)}});
}

// Login, a session that ended, logout: the password goes to the effect and is never kept.
std::optional<Update> reduce_login(CounterState& s, const Event& event, const Inputs& in) {
  return take(
      event,
      [&](const ev::LoginSubmitted& e) {
        if (s.phase != Phase::LoginForm) return done(std::move(s));
        if (e.user.empty() || e.password.empty()) {
          s.notice = "Enter your user name and password.";
          return done(std::move(s));
        }
        // The service said when to try again: asking before only prolongs the
        // wait.
        if (in.now < s.login_blocked_until) {
          s.notice = "Too many attempts. Try again in {s} seconds.";
          s.retry_after_s = (s.login_blocked_until - in.now + 999) / 1000;
          return done(std::move(s));
        }
        s.phase = Phase::LoggingIn;
        s.user = e.user;
        s.notice.clear();
        return done(std::move(s), {fx::Login{s.location, e.user, e.password}});
      },
      [&](const ev::LoginOk&) {
        s.phase = Phase::LoggedIn;
        s.online = true;
        s.notice.clear();
        s.retry_after_s = 0;
        return done(std::move(s), {fx::FetchConfig{}, fx::FetchQueue{}});
      },
      [&](const ev::LoginFailed& e) {
        s.phase = Phase::LoginForm;
        s.retry_after_s = e.retry_after_s;
        s.login_blocked_until = in.now + e.retry_after_s * 1000;
        if (e.why == Failure::bad_login)
          s.notice = "User name or password is wrong.";
        else if (e.why == Failure::rate_limited)
          s.notice = "Too many attempts. Try again in {s} seconds.";
        else if (e.why == Failure::unreachable)
          s.notice = "The queue service cannot be reached. Try again in a moment.";
        else
          s.notice = "Logging in did not work. Ask IT to check the counter.";
        return done(std::move(s));
      },
      [&](const ev::SessionExpired&) {
        // The ticket at the desk stays: after logging in again the staff member
        // can still finish it.
        s.phase = Phase::LoginForm;
        s.busy.reset();
        // A reprint under way is no longer followed: say so, and let F5 work
        // again.
        if (reprint_under_way(s)) s.reprint->status = ReprintStatus::unknown;
        // Volunteers' names and numbers do not wait on the login screen for whoever comes next, nor do
        // the numbers of residents to call back.
        forget_volunteers(s);
        forget_callbacks(s);
        s.notice = "Your session has ended. Please log in again.";
        return done(std::move(s), {fx::ForgetToken{}});
      },
      [&](const ev::Logout&) {
        CounterState fresh = initial_counter(s.location, s.desk);
        fresh.topics = s.topics;
        fresh.config = s.config;  // the location's language and names stay on the login screen
        fresh.tz = s.tz;
        fresh.user = s.user;
        // Nothing else is taken over: the volunteers' rows in particular end with the session.
        return done(std::move(fresh), {fx::ForgetToken{}});
      });
}

// The desk's work: the config, the queue, its topic filter, calling and finishing tickets.
std::optional<Update> reduce_desk(CounterState& s, const Event& event, const Inputs& /*in*/) {
  return take(
      event,
      [&](const ev::ConfigKnown& e) {
        s.config = e.config;
        if (e.tz) s.tz = *e.tz;
        s.topics.clear();
        for (const auto& t : s.config.topics) s.topics.push_back(t.id);
        std::erase_if(s.my_topics, [&](const std::string& t) {
          return std::find(s.topics.begin(), s.topics.end(), t) == s.topics.end();
        });
        std::erase_if(s.volunteers.filter.interests,
                      [&](const std::string& i) { return s.config.interest(i) == nullptr; });
        return done(std::move(s));
      },
      [&](const ev::QueueLoaded& e) {
        s.queue = e.queue;
        // A ticket of an earlier day was closed by the service when that day ended:
        // it must not stay on this desk as current overnight.
        if (s.current && !s.current->local_day.empty() && !e.queue.day.empty() &&
            s.current->local_day < e.queue.day) {
          s.current.reset();
          s.notice = kDayEnded;
        }
        if (!s.online && s.notice == kOffline) s.notice.clear();
        s.online = true;
        if (s.topics.empty())
          for (const auto& l : e.queue.topics) s.topics.push_back(l.topic);
        return done(std::move(s));
      },
      [&](const ev::Offline&) {
        s.online = false;
        return done(std::move(s));
      },
      [&](const ev::ToggleTopic& e) {
        if (std::find(s.topics.begin(), s.topics.end(), e.topic) == s.topics.end()) return done(std::move(s));
        if (!s.my_topics.erase(e.topic)) s.my_topics.insert(e.topic);
        // A desk keeps its topics across restarts: the same staff member, the same
        // work.
        std::vector<std::string> keep(s.my_topics.begin(), s.my_topics.end());
        return done(std::move(s), {fx::SaveDeskTopics{std::move(keep)}});
      },
      [&](const ev::CallNext&) {
        if (!may_send(s)) return done(std::move(s));
        if (s.current) {
          s.notice = kBusy;
          return done(std::move(s));
        }
        std::vector<std::string> topics;
        for (const auto& t : s.topics)
          if (s.my_topics.empty() || s.my_topics.count(t)) topics.push_back(t);
        s.busy = Action::CallNext;
        s.notice.clear();
        return done(std::move(s), {fx::CallNext{s.desk, std::move(topics)}});
      },
      [&](const ev::CallCode& e) {
        if (!may_send(s)) return done(std::move(s));
        if (s.current) {
          s.notice = kBusy;
          return done(std::move(s));
        }
        std::string code = normalise_code(e.code);
        if (code.empty()) {
          s.notice = "Type the code on the resident's ticket.";
          return done(std::move(s));
        }
        s.busy = Action::CallCode;
        s.notice.clear();
        return done(std::move(s), {fx::CallCode{s.desk, std::move(code)}});
      },
      [&](const ev::Recall&) { return ticket_action(std::move(s), Action::Recall); },
      [&](const ev::Served&) { return ticket_action(std::move(s), Action::Served); },
      [&](const ev::NoShow&) { return ticket_action(std::move(s), Action::NoShow); },
      [&](const ev::Later&) {
        // Only a resident who joined from home may be on the way still: a kiosk's ticket is a no-show.
        if (!can_call_later(s)) return done(std::move(s));
        return ticket_action(std::move(s), Action::Later);
      },
      [&](const ev::Transfer& e) {
        if (std::find(s.topics.begin(), s.topics.end(), e.topic) == s.topics.end()) return done(std::move(s));
        return ticket_action(std::move(s), Action::Transfer, e.topic);
      },
      [&](const ev::ActionDone& e) {
        s.busy.reset();
        s.online = true;
        switch (e.action) {
          case Action::CallNext:
          case Action::CallCode:
            s.current = e.ticket;
            if (!e.ticket) s.notice = e.action == Action::CallNext ? kNobody : kNoCode;
            // F1 works on the volunteers tab too: the ticket it called must be in view.
            if (e.ticket) parts::show_queue(s);
            break;
          case Action::Recall:
            if (e.ticket) s.current = e.ticket;
            s.notice = "Called again.";
            break;
          case Action::Served:
          case Action::NoShow:
          case Action::Transfer:
            s.current.reset();
            break;
          case Action::Later:
            s.current.reset();
            s.notice = kLater;
            break;
        }
        return done(std::move(s), {fx::FetchQueue{}});
      },
      [&](const ev::ActionFailed& e) {
        s.busy.reset();
        if (e.why == Failure::unreachable) {
          s.online = false;
          s.notice = kOffline;
          return done(std::move(s));
        }
        if (e.why == Failure::not_found && e.action == Action::CallCode) {
          s.notice = kNoCode;
        } else if (e.why == Failure::not_found || e.why == Failure::conflict) {
          // Another desk finished or moved this ticket: it is no longer ours to act on.
          if (e.action != Action::CallNext && e.action != Action::CallCode) s.current.reset();
          s.notice = "This ticket was changed at another desk.";
        } else {
          s.notice = "The service refused this. Try again, or ask IT.";
        }
        return done(std::move(s), {fx::FetchQueue{}});
      });
}

// A reprint at the kiosk: asked once, followed until the kiosk says how it went.
std::optional<Update> reduce_reprint(CounterState& s, const Event& event, const Inputs& /*in*/) {
  return take(
      event,
      [&](const ev::Reprint&) {
        if (!can_reprint(s)) return done(std::move(s));
        s.reprint = Reprint{0, s.current->code, ReprintStatus::asking};
        return done(std::move(s), {fx::RequestReprint{s.current->id}});
      },
      [&](const ev::ReprintUpdate& e) {
        if (!s.reprint || (s.reprint->job_id != 0 && s.reprint->job_id != e.job_id))
          return done(std::move(s));
        s.reprint->job_id = e.job_id;
        s.reprint->status = e.status;
        // Followed until the kiosk says how it went, or the service says nobody took it.
        if (reprint_under_way(s)) return done(std::move(s), {fx::FollowReprint{e.job_id}});
        return done(std::move(s));
      },
      [&](const ev::ReprintFailed& e) {
        if (!s.reprint) return done(std::move(s));
        // Unreachable: whether the kiosk printed is not known, so the words must not claim
        // either.
        const bool unreachable = e.why == Failure::unreachable;
        if (unreachable) {
          s.online = false;
          s.notice = kOffline;
        }
        s.reprint->status = unreachable ? ReprintStatus::unknown : ReprintStatus::failed;
        return done(std::move(s));
      });
}

}  // namespace

Update update(CounterState s, const Event& event, const Inputs& in) {
  if (auto u = reduce_login(s, event, in)) return std::move(*u);
  if (auto u = reduce_desk(s, event, in)) {
    // The queue's refresh every few seconds refreshes an open call-back list too: a colleague's "Bellen"
    // shows here within seconds, so nobody calls a resident twice.
    if (std::holds_alternative<ev::QueueLoaded>(event)) parts::refresh_callbacks(*u);
    return std::move(*u);
  }
  if (auto u = reduce_reprint(s, event, in)) return std::move(*u);
  if (auto u = parts::reduce_volunteers(s, event, in)) return std::move(*u);
  if (auto u = parts::reduce_callbacks(s, event, in)) return std::move(*u);
  return done(std::move(s));
}

}  // namespace wk::counter
