#include "core/volunteer.hpp"

#include "core/utf8.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/ticket.hpp"

namespace wk {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Letters of the scripts the kiosk's languages write names in: Latin with its diacritics, Greek,
// Cyrillic, Arabic. Not digits, not symbols, not × and ÷ in the middle of the Latin-1 letters.
bool is_name_letter(char32_t c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return true;
  if (c >= 0xC0 && c <= 0x24F) return c != 0xD7 && c != 0xF7;
  if (c >= 0x1E00 && c <= 0x1EFF) return true;  // Latin Extended Additional (Vietnamese, Welsh, ...)
  if (c >= 0x370 && c <= 0x3FF) return true;    // Greek
  if (c >= 0x400 && c <= 0x4FF) return true;    // Cyrillic
  if (c >= 0x620 && c <= 0x64A) return true;    // Arabic letters
  if (c >= 0x1200 && c <= 0x135A) return true;  // Ge'ez syllables (Tigrinya, Amharic)
  return c >= 0x671 && c <= 0x6D3;
}
bool is_name_joiner(char32_t c) {
  return c == ' ' || c == '-' || c == '\'' || c == 0x2019;  // ’ as phones type it
}

Error name_problem(const char* msgid) {
  return make_error("first_name", msgid);
}
Error phone_problem(const char* msgid) {
  return make_error("phone", msgid);
}

}  // namespace

Result<std::string> check_first_name(std::string_view typed) {
  const std::string_view name = trim(typed);
  if (name.empty()) return name_problem("Please type your first name.");
  std::size_t letters = 0;
  char32_t previous = ' ';
  for (std::size_t i = 0; i < name.size();) {
    const char32_t c = next_code_point(name, i);
    if (is_name_letter(c)) {
      ++letters;
    } else if (!is_name_joiner(c)) {
      return name_problem("A name has only letters, and maybe a space, - or ' between them.");
    } else if (is_name_joiner(previous)) {
      return name_problem("A name has only letters, and maybe a space, - or ' between them.");
    }
    previous = c;
  }
  if (is_name_joiner(previous))
    return name_problem("A name has only letters, and maybe a space, - or ' between them.");
  if (letters > kFirstNameMaxLetters) return name_problem("A first name has at most 50 letters.");
  return std::string(name);
}

Result<std::string> check_phone(std::string_view typed) {
  std::string_view t = trim(typed);
  if (t.empty()) return phone_problem("Please type your phone number.");
  // "+31 (0)6 ..." as people write Dutch numbers for abroad: the (0) is not dialled.
  std::string text(t);
  if (const auto zero = text.find("(0)"); zero != std::string::npos) text.erase(zero, 3);
  bool plus = false;
  std::string digits;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+' && i == 0)
      plus = true;
    else if (std::isdigit(static_cast<unsigned char>(c)))
      digits += c;
    else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')')
      return phone_problem("A phone number has only digits, spaces and a + at the start.");
  }
  if (!plus && digits.rfind("00", 0) == 0) {  // 0032 ...: the international prefix dialled from here
    plus = true;
    digits.erase(0, 2);
  }
  if (plus) {
    if (digits.rfind("31", 0) == 0) {  // a Dutch number written for abroad: it must be one, then
      if (digits.size() != 11 || digits[2] == '0')
        return phone_problem("A Dutch number has 9 digits after +31, like +31 6 12345678.");
      return "+" + digits;
    }
    // E.164: a country code that does not start with 0, at most 15 digits in all.
    if (digits.size() < 8 || digits.size() > 15 || digits[0] == '0')
      return phone_problem(
          "An international number starts with + and the country code, like +32 470 12 34 56.");
    return "+" + digits;
  }
  if (digits.size() != 10 || digits[0] != '0' || digits[1] == '0')
    return phone_problem("A Dutch phone number has 10 digits, like 06 12345678 or 020 1234567.");
  return "+31" + digits.substr(1);
}

Result<std::string> check_email(std::string_view typed) {
  const std::string_view e = trim(typed);
  const auto problem = [] {
    return make_error("email", "Type your e-mail address, like naam@voorbeeld.nl.");
  };
  const auto at = e.find('@');
  if (e.empty() || e.size() > 254 || at == std::string_view::npos ||
      e.find('@', at + 1) != std::string_view::npos)
    return problem();
  const std::string_view local = e.substr(0, at), domain = e.substr(at + 1);
  if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.' ||
      local.find("..") != std::string_view::npos)
    return problem();
  for (const char c : local)
    if (!(std::isalnum(static_cast<unsigned char>(c)) ||
          std::string_view("!#$%&'*+/=?^_`{|}~.-").find(c) != std::string_view::npos))
      return problem();
  // The domain: labels of letters, digits and inner hyphens, a dot between them, a top level of letters.
  std::string lower;
  std::size_t label = 0;
  for (const char c : domain) {
    const bool alnum = std::isalnum(static_cast<unsigned char>(c)) != 0;
    if (c == '.') {
      if (label == 0 || lower.back() == '-') return problem();
      label = 0;
    } else if (alnum || (c == '-' && label > 0)) {
      ++label;
    } else {
      return problem();
    }
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  const auto last_dot = lower.rfind('.');
  if (last_dot == std::string::npos || label < 2 || lower.back() == '-') return problem();
  if (!std::all_of(lower.begin() + static_cast<long>(last_dot) + 1, lower.end(),
                   [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }))
    return problem();
  return std::string(local) + "@" + lower;
}

const char* availability_name(Availability a) {
  static constexpr std::array<const char*, 4> kNames{"mornings", "afternoons", "evenings", "weekends"};
  return kNames[static_cast<std::size_t>(a)];
}

nlohmann::json volunteer_to_json(const VolunteerRegistration& v) {
  nlohmann::json availability = nlohmann::json::array();
  for (const auto a : v.availability) availability.push_back(availability_name(a));
  nlohmann::json contact =
      v.phone.empty() ? nlohmann::json{{"email", v.email}} : nlohmann::json{{"phone", v.phone}};
  return {{"id", v.id},
          {"created_at", to_rfc3339(v.created_at)},
          {"language", v.language},
          {"first_name", v.first_name},
          {"contact", std::move(contact)},
          {"interests", v.interests},
          {"availability", std::move(availability)},
          {"consent", v.consent}};
}

Result<VolunteerRegistration> volunteer_from_json(const nlohmann::json& j) {
  const auto field = [](const std::string& name, const std::string& what) {
    return make_error("field_invalid", "The field '" + name + "' " + what + ".", name);
  };
  if (!j.is_object()) return make_error("field_invalid", "The body must be a JSON object.", "");
  const auto text = [&](const char* name) -> std::string {
    return j.contains(name) && j[name].is_string() ? j[name].get<std::string>() : std::string();
  };
  VolunteerRegistration v;
  if (!j.contains("consent") || j["consent"] != true)
    return make_error("consent_missing", "A registration is only taken with the volunteer's consent.",
                      "consent");
  v.consent = true;
  v.id = text("id");
  if (!is_uuid(v.id)) return field("id", "must be a UUID");
  auto created = parse_rfc3339(text("created_at"));
  if (!created) return field("created_at", "must be an RFC 3339 time");
  v.created_at = created.value();
  v.language = text("language");
  if (v.language.size() < 2 || v.language.size() > 8) return field("language", "must be a language code");
  auto name = check_first_name(text("first_name"));
  if (!name) return field("first_name", "must be a first name of 1 to 50 letters");
  v.first_name = name.value();
  const auto& contact = j.contains("contact") ? j["contact"] : nlohmann::json();
  const bool phone = contact.is_object() && contact.contains("phone") && contact["phone"].is_string();
  const bool email = contact.is_object() && contact.contains("email") && contact["email"].is_string();
  if (phone == email)
    return field("contact", "must hold a phone number or an e-mail address, one of the two");
  auto checked = phone ? check_phone(contact["phone"].get<std::string>())
                       : check_email(contact["email"].get<std::string>());
  if (!checked)
    return field(phone ? "contact.phone" : "contact.email", "is not one a person can be reached at");
  (phone ? v.phone : v.email) = checked.value();
  if (!j.contains("interests") || !j["interests"].is_array() || j["interests"].empty() ||
      j["interests"].size() > 12)
    return field("interests", "must list 1 to 12 interests");
  for (const auto& i : j["interests"]) {
    if (!i.is_string() || i.get<std::string>().empty() || i.get<std::string>().size() > 32)
      return field("interests", "must list interest ids");
    v.interests.push_back(i.get<std::string>());
  }
  if (!j.contains("availability") || !j["availability"].is_array() || j["availability"].empty())
    return field("availability", "must list mornings, afternoons, evenings or weekends");
  for (const auto& a : j["availability"]) {
    bool known = false;
    for (const auto each :
         {Availability::mornings, Availability::afternoons, Availability::evenings, Availability::weekends})
      if (a.is_string() && a.get<std::string>() == availability_name(each)) {
        v.availability.push_back(each);
        known = true;
      }
    if (!known) return field("availability", "must list mornings, afternoons, evenings or weekends");
  }
  return v;
}

}  // namespace wk
