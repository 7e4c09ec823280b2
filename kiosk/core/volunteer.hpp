#pragma once
// A volunteer's registration at the kiosk ("iets voor een ander doen"): what they would like to do, when,
// a first name and one way to reach them, and their consent. The rules of what may be typed live here:
// each check gives the value as it is kept (a phone number in E.164, an e-mail address with its domain in
// lower case), or a message that tells the person what to fix, as a catalogue msgid.
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace wk {

constexpr std::size_t kFirstNameMaxLetters = 50;

// A first name as people write theirs: 1–50 letters (with the diacritics names need, Cyrillic and Arabic
// letters too), and spaces, hyphens and apostrophes between them. Spaces at either end are dropped.
Result<std::string> check_first_name(std::string_view typed);
// A Dutch mobile or landline number ("06 12345678", "020-1234567", "+31 (0)6 1234 5678") or an
// international one ("+32 470 12 34 56", "0032 ..."), normalised to E.164: "+31612345678".
Result<std::string> check_phone(std::string_view typed);
// An e-mail address: one @, a local part and a domain with a dot, no spaces; the domain in lower case.
Result<std::string> check_email(std::string_view typed);

enum class Availability { mornings, afternoons, evenings, weekends };
const char* availability_name(Availability a);  // the API's word: "mornings", ...

struct VolunteerRegistration {
  std::string id;  // the idempotency key, like a ticket's
  UnixMs created_at = 0;
  std::string language;
  std::string first_name;              // checked
  std::string phone;                   // E.164, or empty when an e-mail address is given
  std::string email;                   // or empty when a phone number is given
  std::vector<std::string> interests;  // ids from the location's config
  std::vector<Availability> availability;
  bool consent = false;  // never sent without it: after "no thanks" nothing is kept at all
};

// The wire form of POST /v1/volunteers (API.md), and the service's reading of it: every field checked by
// the rules above, errors naming the field; no consent is its own error ("consent_missing").
nlohmann::json volunteer_to_json(const VolunteerRegistration& v);
Result<VolunteerRegistration> volunteer_from_json(const nlohmann::json& j);

}  // namespace wk
