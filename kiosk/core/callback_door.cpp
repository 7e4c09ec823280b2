// The kiosk's "bel mij terug" door on the topics screen, and the call-back form composed into the kiosk's
// model, as the volunteer's door is (volunteer_door.cpp): the form decides its own steps
// (callback_form.cpp); this part only opens it, hands it its events, the time and the resident's language,
// and turns what it asks for into kiosk effects.
#include "core/kiosk_reducers.hpp"
#include "core/overloaded.hpp"

namespace wk {
namespace {

void open_door(KioskState& s) {
  Session& ses = s.session;
  // No [callback] in the location's config: the team calls nobody back from here, and there is no door.
  if (ses.screen != Screen::Topics || storing(ses) || !s.config.callback) return;
  ses.callback = callback::Form{};
  ses.screen = Screen::Callback;
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
      fx::PrintReference{ses.callback->id, ses.callback->reference, session_language(s), true});
}

void leave(KioskState& s, const callback::Event& cause, const Inputs& in) {
  Session& ses = s.session;
  if (const auto* failed = std::get_if<callback::ev::StoreFailed>(&cause)) {
    ses.callback.reset();
    ses.failure = failed->error.message;
    ses.failure_code = failed->error.code;
    ses.screen = Screen::Failure;
    ses.last_input = in.now;
  } else if (std::holds_alternative<callback::ev::Back>(cause)) {
    ses.callback.reset();  // back through the door they came in by
    ses.screen = Screen::Topics;
  } else {
    forget(s, in.now);  // "no thanks": nothing of theirs stays, not even their language
  }
}

// A new config mid-form: without [callback] the door is gone and the person is back on the topics; a topic
// chosen that is no longer open is dropped, so the service never gets one it does not take.
void config_changed(KioskState& s) {
  Session& ses = s.session;
  callback::Form& f = *ses.callback;
  if (f.storing || f.step == callback::Step::thanks) return;
  if (!s.config.callback) {
    ses.callback.reset();
    ses.screen = Screen::Topics;
    return;
  }
  const Topic* topic = s.config.topic(f.topic);
  if (!f.topic.empty() && (!topic || !topic->open)) {
    f.topic.clear();
    f.step = callback::Step::topic;
  }
}

}  // namespace

void reduce_callback(KioskState& s, const Event& event, const Inputs& in, std::vector<Effect>& effects) {
  Session& ses = s.session;
  if (std::holds_alternative<ev::CallbackDoor>(event)) return open_door(s);
  if (ses.screen != Screen::Callback || !ses.callback) return;
  if (std::holds_alternative<ev::ConfigChanged>(event)) return config_changed(s);
  // On the thank-you screen "back" has nowhere to go in the form: the resident is done, as with a ticket.
  if (std::holds_alternative<ev::Back>(event) && ses.callback->step == callback::Step::thanks)
    return forget(s, in.now);
  // The kiosk's own bar reaches the form as its event: "back" is the form's step back.
  callback::Event form_event;
  if (const auto* e = std::get_if<ev::Callback>(&event))
    form_event = e->event;
  else if (std::holds_alternative<ev::Back>(event))
    form_event = callback::ev::Back{};
  else
    return;
  auto [form, asked] = callback::update(std::move(*ses.callback), form_event,
                                        {in.now, in.entropy, session_language(s)}, s.config);
  ses.callback = std::move(form);
  for (auto& effect : asked) {
    std::visit(Overloaded{
                   [&](callback::fx::Store& store) {
                     effects.emplace_back(std::in_place_type<fx::StoreCallback>,
                                          fx::StoreCallback{std::move(store.request)});
                   },
                   [&](const callback::fx::Leave&) { leave(s, form_event, in); },
               },
               effect);
    if (!ses.callback) return;
  }
  if (std::holds_alternative<callback::ev::Stored>(form_event) &&
      ses.callback->step == callback::Step::thanks) {
    ses.last_input = in.now;  // the thank-you screen's own timeout starts now
    print_reference(s, effects);
  }
}

}  // namespace wk
