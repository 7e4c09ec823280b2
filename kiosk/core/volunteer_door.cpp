// The kiosk's fourth part: the second door on the topics screen, and the volunteer's form composed into
// the kiosk's model. The form decides its own steps (volunteer_form.cpp); this part only opens it, hands
// it its events, the time and the resident's language, and turns what it asks for into kiosk effects.
#include <algorithm>

#include "core/kiosk_reducers.hpp"
#include "core/overloaded.hpp"

namespace wk {
namespace {

void open_door(KioskState& s) {
  Session& ses = s.session;
  // No interests in the location's config: the team takes no volunteers here, and there is no door.
  if (ses.screen != Screen::Topics || ses.storing || s.config.interests.empty()) return;
  ses.volunteer = volunteer::Form{};
  ses.screen = Screen::Volunteer;
}

// The thank-you screen's reference goes on paper too, when the printer can take it.
void print_reference(KioskState& s, std::vector<Effect>& effects) {
  Session& ses = s.session;
  if (!s.has_printer || !printer_can_print(s.printer)) {
    ses.print = PrintOutcome::NotPrinted;
    return;
  }
  ses.print = PrintOutcome::Printing;
  effects.emplace_back(
      std::in_place_type<fx::PrintReference>,
      fx::PrintReference{ses.volunteer->id, ses.volunteer->reference, session_language(s), false});
}

void leave(KioskState& s, const volunteer::Event& cause, const Inputs& in) {
  Session& ses = s.session;
  if (const auto* failed = std::get_if<volunteer::ev::StoreFailed>(&cause)) {
    ses.volunteer.reset();
    ses.failure = failed->error.message;
    ses.failure_code = failed->error.code;
    ses.screen = Screen::Failure;
    ses.last_input = in.now;
  } else if (std::holds_alternative<volunteer::ev::Back>(cause)) {
    ses.volunteer.reset();  // back through the door they came in by
    ses.screen = Screen::Topics;
  } else {
    forget(s, in.now);  // "no thanks": nothing of theirs stays, not even their language
  }
}

}  // namespace

void reduce_volunteer(KioskState& s, const Event& event, const Inputs& in, std::vector<Effect>& effects) {
  Session& ses = s.session;
  if (std::holds_alternative<ev::VolunteerDoor>(event)) return open_door(s);
  if (ses.screen != Screen::Volunteer || !ses.volunteer) return;
  // A new config mid-form: interests it no longer lists are dropped, so the service never gets an id it
  // does not know; without any the door is gone, and the person is back on the topics.
  if (std::holds_alternative<ev::ConfigChanged>(event) && !ses.volunteer->storing &&
      ses.volunteer->step != volunteer::Step::thanks) {
    auto& chosen = ses.volunteer->interests;
    chosen.erase(
        std::remove_if(chosen.begin(), chosen.end(), [&](const auto& id) { return !s.config.interest(id); }),
        chosen.end());
    if (s.config.interests.empty()) {
      ses.volunteer.reset();
      ses.screen = Screen::Topics;
    } else if (chosen.empty() && ses.volunteer->step != volunteer::Step::interests) {
      ses.volunteer->step = volunteer::Step::interests;
    }
    return;
  }
  // On the thank-you screen "back" has nowhere to go in the form: the resident is done, as with a ticket.
  if (std::holds_alternative<ev::Back>(event) && ses.volunteer->step == volunteer::Step::thanks)
    return forget(s, in.now);
  // The kiosk's own bar and clock reach the form as its events: "back" is the form's step back.
  volunteer::Event form_event;
  if (const auto* e = std::get_if<ev::Volunteer>(&event))
    form_event = e->event;
  else if (std::holds_alternative<ev::Back>(event))
    form_event = volunteer::ev::Back{};
  else if (std::holds_alternative<ev::Tick>(event))
    form_event = volunteer::ev::Tick{};
  else
    return;
  auto [form, asked] = volunteer::update(std::move(*ses.volunteer), form_event,
                                         {in.now, in.entropy, session_language(s)}, s.config);
  ses.volunteer = std::move(form);
  for (auto& effect : asked) {
    std::visit(Overloaded{
                   [&](volunteer::fx::Store& store) {
                     effects.emplace_back(std::in_place_type<fx::StoreVolunteer>,
                                          fx::StoreVolunteer{std::move(store.registration)});
                   },
                   [&](const volunteer::fx::Leave&) { leave(s, form_event, in); },
               },
               effect);
    if (!ses.volunteer) return;
  }
  if (std::holds_alternative<volunteer::ev::Stored>(form_event) &&
      ses.volunteer->step == volunteer::Step::thanks) {
    ses.last_input = in.now;  // the thank-you screen's own timeout starts now
    print_reference(s, effects);
  }
}

}  // namespace wk
