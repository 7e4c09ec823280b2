// The counter's volunteers tab: the list of registrations not yet handled, its filter, "handled" and
// "vergeet mij". The rows are personal data, so they are in memory only while the tab is open: leaving
// it, logging out or an ended session forgets them, and opening it loads them again.
#include <algorithm>
#include <cstdio>

#include "core/counter.hpp"
#include "core/counter_parts.hpp"

namespace wk::counter {
namespace {

using parts::done;
using parts::take;

// The msgids of the tab's line.
constexpr const char* kNotYours = "Only staff of this location can see its volunteers.";
constexpr const char* kLoadFailed = "The list of volunteers could not be read. Try again, or ask IT.";
constexpr const char* kLoadUnreachable = "The list could not be refreshed: the service cannot be reached.";
constexpr const char* kHandled = "Marked as handled.";
constexpr const char* kForgotten = "Forgotten: the registration is removed everywhere.";
constexpr const char* kGone = "This registration was already handled or forgotten at another desk.";
constexpr const char* kOtherLocation = "This registration belongs to another location.";
constexpr const char* kUnreachable = "The queue service cannot be reached. Try again in a moment.";
constexpr const char* kRefused = "The service refused this. Try again, or ask IT.";

bool has_row(const CounterState& s, const std::string& id) {
  const auto& rows = s.volunteers.rows;
  return std::any_of(rows.begin(), rows.end(), [&](const Volunteer& v) { return v.id == id; });
}

// Asks the service for the list, unless an answer is awaited already.
Update load(CounterState s) {
  if (s.volunteers.loading) return done(std::move(s));
  s.volunteers.loading = true;
  return done(std::move(s), {fx::FetchVolunteers{}});
}

template <class T>
void toggle(std::set<T>& set, const T& value) {
  if (!set.erase(value)) set.insert(value);
}

bool matches(const VolunteerFilter& f, const Volunteer& v) {
  const bool interest =
      f.interests.empty() || std::any_of(v.interests.begin(), v.interests.end(),
                                         [&](const std::string& i) { return f.interests.count(i) > 0; });
  const bool when =
      f.availability.empty() || std::any_of(v.availability.begin(), v.availability.end(),
                                            [&](Availability a) { return f.availability.count(a) > 0; });
  return interest && when;
}

}  // namespace

const char* availability_label(Availability a) {
  switch (a) {
    case Availability::mornings:
      return "Mornings";
    case Availability::afternoons:
      return "Afternoons";
    case Availability::evenings:
      return "Evenings";
    case Availability::weekends:
      return "Weekends";
  }
  return "";
}

std::vector<Volunteer> visible_volunteers(const CounterState& s) {
  std::vector<Volunteer> out;
  for (const auto& v : s.volunteers.rows)
    if (matches(s.volunteers.filter, v)) out.push_back(v);
  return out;
}

const std::vector<Interest>& volunteer_interests(const CounterState& s) {
  return s.config.interests;
}

std::string interest_label(const CounterState& s, const std::string& interest_id) {
  const Interest* i = s.config.interest(interest_id);
  if (!i) return interest_id;
  const std::string name = s.config.text_in(i->names, counter_language(s));
  return name.empty() ? interest_id : name;
}

std::string registered_on(const CounterState& s, const Volunteer& v) {
  const CivilTime c = to_local(s.tz, v.created_at);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d-%02d-%04d", c.day, c.month, c.year);
  return buf;
}

bool can_act_on_volunteer(const CounterState& s) {
  return s.phase == Phase::LoggedIn && s.online && s.tab == Tab::volunteers && !s.volunteers.busy;
}

void forget_volunteers(CounterState& s) {
  s.volunteers = VolunteersTab{};
  s.tab = Tab::queue;
}

namespace parts {

namespace {
// The volunteers' rows go from memory; the filter stays, for the next look, and a call under way (busy)
// stays until its answer.
void leave_volunteers(CounterState& s) {
  auto& v = s.volunteers;
  v.rows.clear();
  v.rows.shrink_to_fit();
  v.loading = false;  // an answer still under way is dropped when it comes
  v.refused = false;
  v.confirm_forget.reset();
  v.notice.clear();
}
}  // namespace

void show_queue(CounterState& s) {
  s.tab = Tab::queue;
  leave_volunteers(s);
  leave_callbacks(s);
}

std::optional<Update> reduce_volunteers(CounterState& s, const Event& event, const Inputs& /*in*/) {
  auto& v = s.volunteers;
  return take(
      event,
      [&](const ev::ShowTab& e) {
        if (s.phase != Phase::LoggedIn) return done(std::move(s));
        if (e.tab == Tab::queue) {
          show_queue(s);
          return done(std::move(s));
        }
        if (e.tab == Tab::callbacks) {
          leave_volunteers(s);
          return open_callbacks(std::move(s));
        }
        leave_callbacks(s);
        // Opening the tab, or clicking it again, shows the list as the service has it now.
        s.tab = Tab::volunteers;
        return load(std::move(s));
      },
      [&](const ev::VolunteersLoaded& e) {
        // An answer after logout, after leaving the tab or that nobody asked for is not kept.
        if (s.phase != Phase::LoggedIn || s.tab != Tab::volunteers || !v.loading) return done(std::move(s));
        v.loading = false;
        v.refused = false;
        v.rows = e.volunteers;
        if (v.confirm_forget && !has_row(s, *v.confirm_forget)) v.confirm_forget.reset();
        if (v.notice == kLoadFailed || v.notice == kLoadUnreachable || v.notice == kNotYours)
          v.notice.clear();
        return done(std::move(s));
      },
      [&](const ev::VolunteersFailed& e) {
        if (!v.loading) return done(std::move(s));
        v.loading = false;
        if (e.why == Failure::forbidden) {
          // Not this session's list: nothing of it is shown, and the staff member is told why.
          v.rows.clear();
          v.confirm_forget.reset();
          v.refused = true;
          v.notice = kNotYours;
        } else if (e.why == Failure::unreachable) {
          s.online = false;
          v.notice = kLoadUnreachable;
        } else {
          v.notice = kLoadFailed;
        }
        return done(std::move(s));
      },
      [&](const ev::ToggleInterest& e) {
        if (!s.config.interest(e.interest)) return done(std::move(s));
        toggle(v.filter.interests, e.interest);
        v.confirm_forget.reset();  // its row may be filtered out of view: no question left hanging
        return done(std::move(s));
      },
      [&](const ev::ToggleAvailability& e) {
        toggle(v.filter.availability, e.availability);
        v.confirm_forget.reset();
        return done(std::move(s));
      },
      [&](const ev::ClearVolunteerFilter&) {
        v.filter = {};
        return done(std::move(s));
      },
      [&](const ev::MarkHandled& e) {
        if (!can_act_on_volunteer(s) || !has_row(s, e.id)) return done(std::move(s));
        v.busy = e.id;
        v.notice.clear();
        if (v.confirm_forget == e.id) v.confirm_forget.reset();
        return done(std::move(s), {fx::VolunteerCall{VolunteerAction::handled, e.id}});
      },
      [&](const ev::ForgetVolunteer& e) {
        // Forgetting cannot be undone: it is asked first, and sent only at ConfirmForget.
        if (!can_act_on_volunteer(s) || !has_row(s, e.id)) return done(std::move(s));
        v.confirm_forget = e.id;
        v.notice.clear();
        return done(std::move(s));
      },
      [&](const ev::ConfirmForget& e) {
        // Only the question on screen can be answered: a stale yes never forgets another row.
        if (v.confirm_forget != e.id || !can_act_on_volunteer(s)) return done(std::move(s));
        v.confirm_forget.reset();
        v.busy = e.id;
        return done(std::move(s), {fx::VolunteerCall{VolunteerAction::forget, e.id}});
      },
      [&](const ev::CancelForget&) {
        v.confirm_forget.reset();
        return done(std::move(s));
      },
      [&](const ev::VolunteerDone& e) {
        if (v.busy == e.id) v.busy.reset();
        std::erase_if(v.rows, [&](const Volunteer& r) { return r.id == e.id; });
        v.notice = e.action == VolunteerAction::handled ? kHandled : kForgotten;
        if (s.tab != Tab::volunteers) return done(std::move(s));
        return load(std::move(s));  // what other desks did meanwhile shows too
      },
      [&](const ev::VolunteerFailed& e) {
        if (v.busy == e.id) v.busy.reset();
        if (e.why == Failure::unreachable) {
          s.online = false;
          v.notice = kUnreachable;
          return done(std::move(s));
        }
        v.notice = e.why == Failure::not_found   ? kGone
                   : e.why == Failure::forbidden ? kOtherLocation
                                                 : kRefused;
        if (s.tab != Tab::volunteers) return done(std::move(s));
        return load(std::move(s));
      });
}

}  // namespace parts
}  // namespace wk::counter
