#pragma once
// The volunteer's way through the kiosk's second door, as a pure model the kiosk composes with its
// others: what they would like to do, when, a first name, a phone number or e-mail address, consent, and
// thanks with a short reference. Every step says in words what to fix before it lets the person on.
// Nothing is stored before "yes" at the consent; after "no thanks" nothing is stored at all.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/config.hpp"
#include "core/model.hpp"
#include "core/result.hpp"
#include "core/ticket.hpp"
#include "core/volunteer.hpp"

namespace wk::volunteer {

enum class Step { interests, when, name, contact, consent, thanks };
enum class ContactKind { phone, email };

struct Form {
  Step step = Step::interests;
  std::vector<std::string> interests;  // chosen, in the location's order
  std::vector<Availability> availability;
  std::string first_name;  // as typed so far
  ContactKind contact_kind = ContactKind::phone;
  std::string contact;    // as typed so far
  std::string problem;    // what to fix on this step, as a msgid; empty when nothing
  bool storing = false;   // "yes" given, the registration on its way to the outbox
  std::string id;         // of the registration, once stored
  std::string reference;  // the short reference the thank-you screen shows and the printer prints
  // The touch keyboard's long press: the key held since when, and the letters it offers once held long
  // enough (the accent picker is open while `accents` is not empty; they are chosen once the key is let go,
  // when `held_key` is empty again).
  std::string held_key;
  UnixMs held_since = 0;
  std::vector<std::string> accents;
};

// A key held this long offers its accented letters instead of typing itself.
constexpr UnixMs kLongPressMs = 500;
const char* step_name(Step s);  // "interests", "when", ...

namespace ev {
struct InterestToggled {
  std::string interest;
};
struct AvailabilityToggled {
  Availability availability;
};
struct Typed {
  std::string text;  // one key's text (UTF-8), appended to the field of this step
};
struct Erased {};  // the last letter of this step's field
// A key of the touch keyboard pressed and released: a short press types the key, a long one opens its
// accent picker, where AccentChosen types the letter chosen. Any other event closes the picker.
struct KeyDown {
  std::string text;
};
struct KeyUp {};
struct Tick {};  // time passed: a key held may have become a long press
struct AccentChosen {
  std::string text;
};
struct ContactKindChosen {
  ContactKind kind;
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
using Event = std::variant<ev::InterestToggled, ev::AvailabilityToggled, ev::Typed, ev::Erased, ev::KeyDown,
                           ev::KeyUp, ev::Tick, ev::AccentChosen, ev::ContactKindChosen, ev::Next, ev::Back,
                           ev::Consent, ev::Stored, ev::StoreFailed>;

namespace fx {
struct Store {
  VolunteerRegistration registration;  // checked and normalised; consent given
};                                     // answer Stored or StoreFailed
struct Leave {
  bool failed = false;  // the store failed: the kiosk shows its failure screen
};                      // the way back out: back from the first step, "no thanks", a failed store
}  // namespace fx
using Effect = std::variant<fx::Store, fx::Leave>;

// The time and randomness for the registration's id, and the resident's language.
struct Inputs {
  UnixMs now = 0;
  Entropy entropy;
  std::string language;
};

using Update = ModelUpdate<Form, Effect>;
Update update(Form form, const Event& event, const Inputs& in, const LocationConfig& config);

// The keyboard shows capitals where a name's word begins: at its start, and after a space, - or '.
bool capitals_next(const Form& form);

// When the model must hear the time next (a held key becoming a long press), or nullopt.
std::optional<UnixMs> next_tick(const Form& form);

// What the thank-you screen and the printed slip say happens next.
constexpr const char* kVolunteerNextStep = "Someone of the team will contact you within a week.";

// "V-3F9A2C": what the volunteer can quote to the team, from the registration's id.
std::string reference_of(const std::string& id);

}  // namespace wk::volunteer
