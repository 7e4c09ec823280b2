#include "core/volunteer_form.hpp"

#include <algorithm>
#include <cctype>

#include "core/keyboard.hpp"
#include "core/overloaded.hpp"

namespace wk::volunteer {
namespace {

constexpr std::size_t kFieldMaxBytes = 4 * 80;  // room for 80 letters of any script; more is no name

template <class T>
void toggle(std::vector<T>& chosen, const T& value) {
  if (const auto it = std::find(chosen.begin(), chosen.end(), value); it != chosen.end())
    chosen.erase(it);
  else
    chosen.push_back(value);
}

std::string* field_of(Form& f) {
  if (f.step == Step::name) return &f.first_name;
  if (f.step == Step::contact) return &f.contact;
  return nullptr;
}

// Drops the last UTF-8 code point, not the last byte: "Zoë" becomes "Zo", not a broken "Zo\xC3".
void erase_last(std::string& s) {
  while (!s.empty()) {
    const auto c = static_cast<unsigned char>(s.back());
    s.pop_back();
    if ((c & 0xC0) != 0x80) break;
  }
}

// Moves the form on when what this step holds is good; otherwise says what to fix.
void next(Form& f) {
  switch (f.step) {
    case Step::interests:
      if (f.interests.empty())
        f.problem = "Choose at least one thing you would like to do.";
      else
        f.step = Step::when;
      return;
    case Step::when:
      if (f.availability.empty())
        f.problem = "Choose at least one part of the week.";
      else
        f.step = Step::name;
      return;
    case Step::name:
      if (auto name = check_first_name(f.first_name)) {
        f.first_name = name.value();
        f.step = Step::contact;
      } else {
        f.problem = name.error().message;
      }
      return;
    case Step::contact: {
      auto checked = f.contact_kind == ContactKind::phone ? check_phone(f.contact) : check_email(f.contact);
      if (checked) {
        f.contact = checked.value();
        f.step = Step::consent;
      } else {
        f.problem = checked.error().message;
      }
      return;
    }
    case Step::consent:  // moved on by the consent's own answer
    case Step::thanks:
      return;
  }
}

VolunteerRegistration registration_of(const Form& f, const Inputs& in) {
  VolunteerRegistration r;
  r.id = uuid_v4(in.entropy.bytes.data());
  r.created_at = in.now;
  r.language = in.language;
  r.first_name = f.first_name;
  (f.contact_kind == ContactKind::phone ? r.phone : r.email) = f.contact;
  r.interests = f.interests;
  r.availability = f.availability;
  r.consent = true;
  return r;
}

void type_into(Form& f, const std::string& text) {
  std::string* field = field_of(f);
  if (field && field->size() + text.size() <= kFieldMaxBytes) *field += text;
}

// A key held long enough offers its accents; a key without any just waits for its release.
void notice_long_press(Form& f, UnixMs now) {
  if (f.held_key.empty() || !f.accents.empty() || now - f.held_since < kLongPressMs) return;
  auto offered = accents_for(f.held_key);
  if (offered.size() > 1) f.accents = std::move(offered);
}

void close_keys(Form& f) {
  f.held_key.clear();
  f.held_since = 0;
  f.accents.clear();
}

}  // namespace

const char* step_name(Step s) {
  switch (s) {
    case Step::interests:
      return "interests";
    case Step::when:
      return "when";
    case Step::name:
      return "name";
    case Step::contact:
      return "contact";
    case Step::consent:
      return "consent";
    case Step::thanks:
      return "thanks";
  }
  return "?";
}

bool capitals_next(const Form& f) {
  if (f.step != Step::name) return false;
  return f.first_name.empty() || f.first_name.back() == ' ' || f.first_name.back() == '-' ||
         f.first_name.back() == '\'';
}

std::optional<UnixMs> next_tick(const Form& f) {
  if (f.held_key.empty() || !f.accents.empty()) return std::nullopt;
  return f.held_since + kLongPressMs;
}

std::string reference_of(const std::string& id) {
  std::string ref = "V-";
  for (const char c : id) {
    if (ref.size() == 8) break;
    if (std::isxdigit(static_cast<unsigned char>(c)))
      ref += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return ref;
}

Update update(Form f, const Event& event, const Inputs& in, const LocationConfig& config) {
  std::vector<Effect> effects;
  const bool key = std::holds_alternative<ev::KeyDown>(event) || std::holds_alternative<ev::KeyUp>(event) ||
                   std::holds_alternative<ev::AccentChosen>(event) || std::holds_alternative<ev::Tick>(event);
  const bool typing =
      key || std::holds_alternative<ev::Typed>(event) || std::holds_alternative<ev::Erased>(event);
  // A problem is said until the person does something about it.
  if (!f.storing && !typing) f.problem.clear();
  notice_long_press(f, in.now);
  // Whatever else the person does closes the accent picker: it belongs to the key just held.
  if (!key) close_keys(f);
  std::visit(Overloaded{
                 [&](const ev::InterestToggled& e) {
                   if (f.step == Step::interests && config.interest(e.interest))
                     toggle(f.interests, e.interest);
                   // Kept in the location's order, whatever the order of the taps.
                   std::stable_sort(
                       f.interests.begin(), f.interests.end(),
                       [&](const auto& a, const auto& b) { return config.interest(a) < config.interest(b); });
                 },
                 [&](const ev::AvailabilityToggled& e) {
                   if (f.step == Step::when) toggle(f.availability, e.availability);
                   std::sort(f.availability.begin(), f.availability.end());
                 },
                 [&](const ev::Typed& e) { type_into(f, e.text); },
                 [&](const ev::KeyDown& e) {
                   if (!field_of(f)) return;
                   close_keys(f);
                   f.held_key = e.text;
                   f.held_since = in.now;
                 },
                 [&](const ev::KeyUp&) {
                   // Released before the picker opened: the key types itself. With the picker open, the
                   // finger lifts to choose from it: the key is no longer held, the picker stays.
                   if (!f.held_key.empty() && f.accents.empty()) {
                     type_into(f, f.held_key);
                     close_keys(f);
                   } else {
                     f.held_key.clear();
                     f.held_since = 0;
                   }
                 },
                 [&](const ev::AccentChosen& e) {
                   if (f.accents.empty()) return;
                   if (std::find(f.accents.begin(), f.accents.end(), e.text) != f.accents.end())
                     type_into(f, e.text);
                   close_keys(f);
                 },
                 [](const ev::Tick&) {},  // the long press was noticed above
                 [&](const ev::Erased&) {
                   if (std::string* field = field_of(f)) erase_last(*field);
                 },
                 [&](const ev::ContactKindChosen& e) {
                   if (f.step != Step::contact || f.contact_kind == e.kind) return;
                   f.contact_kind = e.kind;
                   f.contact.clear();  // a phone number is no e-mail address: start the field again
                 },
                 [&](const ev::Next&) { next(f); },
                 [&](const ev::Back&) {
                   if (f.storing || f.step == Step::thanks) return;
                   if (f.step == Step::interests)
                     effects.emplace_back(std::in_place_type<fx::Leave>, fx::Leave{false});
                   else
                     f.step = static_cast<Step>(static_cast<int>(f.step) - 1);
                 },
                 [&](const ev::Consent& e) {
                   if (f.step != Step::consent || f.storing) return;
                   if (!e.yes) {  // "no thanks": nothing is kept, not even here
                     f = Form{};
                     effects.emplace_back(std::in_place_type<fx::Leave>, fx::Leave{false});
                     return;
                   }
                   f.storing = true;
                   effects.emplace_back(std::in_place_type<fx::Store>, fx::Store{registration_of(f, in)});
                 },
                 [&](const ev::Stored& e) {
                   if (!f.storing) return;
                   f.storing = false;
                   f.id = e.id;
                   f.reference = reference_of(e.id);
                   f.step = Step::thanks;
                   // The thank-you screen needs no personal data: what was typed goes from memory now.
                   f.first_name.clear();
                   f.contact.clear();
                 },
                 [&](const ev::StoreFailed&) {
                   if (!f.storing) return;
                   f = Form{};
                   effects.emplace_back(std::in_place_type<fx::Leave>, fx::Leave{true});
                 },
             },
             event);
  return {std::move(f), std::move(effects)};
}

}  // namespace wk::volunteer
