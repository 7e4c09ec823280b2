#pragma once
// "Bel mij terug" at the kiosk, as a pure model the kiosk composes with its others, in the shape of the
// volunteer's form (core/volunteer_form.hpp): a topic of the location, a phone number typed on the touch
// keyboard and checked as the volunteer's is, a part of the day, consent, and thanks with a short
// reference. Every step says in words what to fix before it lets the person on. Nothing is stored before
// "yes" at the consent; after "no thanks" nothing is kept at all.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/callback.hpp"
#include "core/config.hpp"
#include "core/model.hpp"
#include "core/result.hpp"
#include "core/ticket.hpp"

namespace wk::callback {

enum class Step { topic, phone, when, consent, thanks };
const char* step_name(Step s);  // "topic", "phone", ...

struct Form {
  Step step = Step::topic;
  std::string topic;                     // a topic id of the location, open when chosen
  std::string phone;                     // as typed so far; in E.164 once checked
  std::optional<PartOfDay> part_of_day;  // none until chosen
  std::string problem;                   // what to fix on this step, as a msgid; empty when nothing
  bool storing = false;                  // "yes" given, the request on its way to the outbox
  std::string id;                        // of the request, once stored
  std::string reference;                 // "B-3F9A2C": the thank-you screen shows it, the printer prints it
  std::string held_key;                  // the key under the finger: typed when it lifts
};

namespace ev {
struct TopicChosen {
  std::string topic;
};
struct Typed {
  std::string text;  // one key's text, appended to the phone number
};
struct Erased {};  // the last character of the phone number
// A key of the touch keyboard pressed and released: the key types itself when the finger lifts, as on the
// volunteer's keyboard. The phone's keys have no accents, so there is no long press here.
struct KeyDown {
  std::string text;
};
struct KeyUp {};
struct PartChosen {
  PartOfDay part;
};
struct Next {};
struct Back {};
struct Consent {
  bool yes;
};
struct Stored {
  std::string id;
};
struct StoreFailed {
  Error error;
};
}  // namespace ev
using Event = std::variant<ev::TopicChosen, ev::Typed, ev::Erased, ev::KeyDown, ev::KeyUp, ev::PartChosen,
                           ev::Next, ev::Back, ev::Consent, ev::Stored, ev::StoreFailed>;

namespace fx {
struct Store {
  CallbackRequest request;  // checked and normalised; consent given
};                          // answer Stored or StoreFailed
struct Leave {
  bool failed = false;  // the store failed: the kiosk shows its failure screen
};                      // the way back out: back from the first step, "no thanks", a failed store
}  // namespace fx
using Effect = std::variant<fx::Store, fx::Leave>;

// The time and randomness for the request's id, and the resident's language.
struct Inputs {
  UnixMs now = 0;
  Entropy entropy;
  std::string language;
};

using Update = ModelUpdate<Form, Effect>;
Update update(Form form, const Event& event, const Inputs& in, const LocationConfig& config);

// The topics a resident may ask to be called back about: the location's open ones, in its order.
std::vector<const Topic*> topics_offered(const LocationConfig& config);

// What the thank-you screen and the printed slip say happens next.
constexpr const char* kCallbackNextStep =
    "Someone of the team will call you back, at the time of day you chose.";

}  // namespace wk::callback
