#pragma once
// The volunteer's way through the kiosk's second door, as a pure model the kiosk composes with its
// others: what they would like to do, when, a first name, a phone number or e-mail address, consent, and
// thanks with a short reference. Every step says in words what to fix before it lets the person on.
// Nothing is stored before "yes" at the consent; after "no thanks" nothing is stored at all.
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
};

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
using Event =
    std::variant<ev::InterestToggled, ev::AvailabilityToggled, ev::Typed, ev::Erased, ev::ContactKindChosen,
                 ev::Next, ev::Back, ev::Consent, ev::Stored, ev::StoreFailed>;

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

// "V-3F9A2C": what the volunteer can quote to the team, from the registration's id.
std::string reference_of(const std::string& id);

}  // namespace wk::volunteer
