#pragma once
// The counter's "Vrijwilligers" tab (issue 13): the volunteers who registered at this location's kiosks and
// were not handled yet, a filter by interest and by part of the week, "handled", and "vergeet mij" (forget
// me) after a confirmation. Part of the counter's model (counter.hpp includes this header); its reducer is
// reduce_volunteers in counter_volunteers.cpp. The rows are personal data: they are held only while the
// tab is open, and the end of the session forgets them.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/failure.hpp"
#include "core/volunteer.hpp"

namespace wk::counter {

// One registration as GET /v1/volunteers lists it (counter::volunteers_from_json reads it).
struct Volunteer {
  std::string id;
  std::string reference;  // "V-3F9A2C": what the volunteer may quote on the phone
  UnixMs created_at = 0;
  std::string language;
  std::string first_name;
  std::string phone;  // E.164; empty when an e-mail address is given
  std::string email;  // empty when a phone number is given
  std::vector<std::string> interests;
  std::vector<Availability> availability;
};

enum class Tab { queue, volunteers, callbacks };
enum class VolunteerAction { handled, forget };

// A row is shown when it has one of the chosen interests (none chosen: any) and one of the chosen parts
// of the week (none chosen: any). "Shopping on Tuesday morning" is two taps: shopping, mornings.
struct VolunteerFilter {
  std::set<std::string> interests;
  std::set<Availability> availability;
  bool operator==(const VolunteerFilter&) const = default;
};

struct VolunteersTab {
  std::vector<Volunteer> rows;  // oldest first, as the service lists them
  bool loading = false;         // a GET /v1/volunteers under way: its answer is awaited
  bool refused = false;         // the service said this list is not for this session (403)
  VolunteerFilter filter;
  std::optional<std::string> confirm_forget;  // the row whose "vergeet mij" waits for a yes
  std::optional<std::string> busy;            // the row a call (handled, forget) is under way for
  std::string notice;                         // a msgid for the tab's line; empty: none
};

namespace ev {
struct ShowTab {
  Tab tab;
};
struct VolunteersLoaded {
  std::vector<Volunteer> volunteers;
};
struct VolunteersFailed {
  Failure why;
};
struct ToggleInterest {
  std::string interest;
};
struct ToggleAvailability {
  Availability availability;
};
struct ClearVolunteerFilter {};
struct MarkHandled {
  std::string id;
};
struct ForgetVolunteer {
  std::string id;
};  // asks first: forgetting cannot be undone
struct ConfirmForget {
  std::string id;
};
struct CancelForget {};
struct VolunteerDone {
  VolunteerAction action;
  std::string id;
};  // the service marked it handled, or forgot it
struct VolunteerFailed {
  VolunteerAction action;
  std::string id;
  Failure why;
};
}  // namespace ev

namespace fx {
struct FetchVolunteers {};  // answer VolunteersLoaded or VolunteersFailed
struct VolunteerCall {
  VolunteerAction action;
  std::string id;
};  // POST .../handled or DELETE; answer VolunteerDone or VolunteerFailed
}  // namespace fx

struct CounterState;

// The rows the filter lets through, in the service's order (oldest first).
std::vector<Volunteer> visible_volunteers(const CounterState& s);
// The location's interests, in its order: the filter's chips.
const std::vector<Interest>& volunteer_interests(const CounterState& s);
// An interest's name in the counter's language (its id when the location no longer has it).
std::string interest_label(const CounterState& s, const std::string& interest_id);
// The day the volunteer registered, in the location's time zone: "24-11-2026".
std::string registered_on(const CounterState& s, const Volunteer& v);
// Whether "handled" and "forget" may be pressed now (logged in, online, no other call under way).
bool can_act_on_volunteer(const CounterState& s);
// Forgets every registration held (logout, an ended session): nothing personal outlives the session.
void forget_volunteers(CounterState& s);

// The msgids of the parts of the week, as the chips and the rows say them.
const char* availability_label(Availability a);

}  // namespace wk::counter
