#include "core/ticket.hpp"

#include <algorithm>
#include <cstdio>
#include <numeric>

namespace wk {

Numbering Numbering::restore(int slot, int slots, std::string day, std::map<char, int> last_number) {
  Numbering n;
  n.slot = slot;
  n.slots = slots;
  n.day = std::move(day);
  n.last_number = std::move(last_number);
  return n;
}

int Numbering::next(const std::string& today, char letter) {
  if (today != day) {  // a new local day: every topic starts again
    day = today;
    last_number.clear();
  }
  auto it = last_number.find(letter);
  // This kiosk's numbers are slot, slot + slots, slot + 2 * slots, ...; a number read back from the
  // ledger is always one of them, so the next is simply `slots` further on.
  const int number = it == last_number.end() ? slot : it->second + slots;
  last_number[letter] = number;
  return number;
}

void Numbering::learn(const DayNumbering& service) {
  if (service.day != day || slots < 1) return;
  for (const auto& [letter, held] : service.highest) {
    if (held < slot) continue;                              // this kiosk's first number is above it already
    const int mine = slot + (held - slot) / slots * slots;  // its highest number at or below `held`
    auto [it, added] = last_number.emplace(letter, mine);
    if (!added) it->second = std::max(it->second, mine);
  }
}

bool slots_overlap(int s1, int n1, int s2, int n2) {
  if (n1 < 1 || n2 < 1) return false;
  const int g = std::gcd(n1, n2);
  return ((s1 - s2) % g + g) % g == 0;
}

std::string code_label(const std::string& code, bool shared, const std::string& issued_time) {
  if (!shared || issued_time.empty()) return code;
  return code + " \u00b7 " + issued_time;
}

std::string uuid_v4(const std::uint8_t* r) {
  std::uint8_t b[16];
  for (int i = 0; i < 16; ++i) b[i] = r[i];
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | 0x40);  // version 4
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s;
  s.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) s += '-';
    s += kHex[b[i] >> 4];
    s += kHex[b[i] & 0xF];
  }
  return s;
}

std::string base64url(const std::uint8_t* data, std::size_t n) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((n + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < n; i += 3) {
    const unsigned v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i < n) {  // no padding: the token goes into a URL
    const unsigned v = (data[i] << 16) | (i + 1 < n ? data[i + 1] << 8 : 0);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    if (i + 1 < n) out += kAlphabet[(v >> 6) & 63];
  }
  return out;
}

std::string format_code(char letter, int number) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%c-%03d", letter, number);
  return buf;
}

std::string remote_code(char letter, int number) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%c-W%02d", letter, number);
  return buf;
}

Ticket issue_ticket(Numbering& numbering, const Topic& topic, const std::string& language, UnixMs now,
                    const TzRule& tz, const Entropy& entropy) {
  Ticket t;
  t.id = uuid_v4(entropy.bytes.data());
  t.public_token = base64url(entropy.bytes.data() + 16, 18);
  t.topic = topic.id;
  t.language = language;
  t.created_at = now;
  t.local_day = local_day(tz, now);
  t.number = numbering.next(t.local_day, topic.letter);
  t.code = format_code(topic.letter, t.number);
  return t;
}

nlohmann::json ticket_to_json(const Ticket& t) {
  return {{"id", t.id},
          {"code", t.code},
          {"topic", t.topic},
          {"language", t.language},
          {"created_at", to_rfc3339(t.created_at)},
          {"public_token", t.public_token}};
}

namespace {

Error field_error(const std::string& field, const std::string& what) {
  return make_error("field_invalid", "The field '" + field + "' " + what + ".", field);
}

// A config id: letters, digits, '-' and '_' (no spaces, no control characters).
bool is_plain_id(const std::string& s) {
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
      return false;
  return true;
}

bool is_language_tag(const std::string& s) {
  if (s.front() == '-' || s.back() == '-') return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-')) return false;
  return true;
}

bool is_base64url(const std::string& s) {
  for (char c : s)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
      return false;
  return true;
}

}  // namespace

bool is_uuid(const std::string& s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

nlohmann::json day_numbering_to_json(const DayNumbering& n) {
  nlohmann::json highest = nlohmann::json::object();
  for (const auto& [letter, number] : n.highest) highest[std::string(1, letter)] = number;
  return {{"day", n.day}, {"highest", highest}};
}

Result<DayNumbering> day_numbering_from_json(const nlohmann::json& j) {
  if (!j.is_object()) return make_error("field_invalid", "The body must be a JSON object.", "");
  DayNumbering n;
  const bool day_ok = j.contains("day") && j["day"].is_string() && j["day"].get<std::string>().size() == 10;
  if (!day_ok) return field_error("day", "must be a local day such as 2026-11-24");
  n.day = j["day"].get<std::string>();
  if (!j.contains("highest") || !j["highest"].is_object())
    return field_error("highest", "must map code letters to numbers");
  for (const auto& [letter, number] : j["highest"].items()) {
    if (letter.size() != 1 || letter[0] < 'A' || letter[0] > 'Z' || !number.is_number_integer() ||
        number.get<std::int64_t>() < 0 || number.get<std::int64_t>() > 999999)
      return field_error("highest", "must map code letters (A to Z) to numbers of 0 to 999999");
    n.highest[letter[0]] = number.get<int>();
  }
  return n;
}

Result<Ticket> ticket_from_json(const nlohmann::json& j) {
  if (!j.is_object()) return make_error("field_invalid", "The body must be a JSON object.", "");
  for (const char* field : {"id", "code", "topic", "language", "created_at", "public_token"}) {
    if (!j.contains(field))
      return make_error("field_missing", std::string("The field '") + field + "' is missing.", field);
    if (!j[field].is_string()) return field_error(field, "must be a string");
  }
  Ticket t;
  t.id = j["id"].get<std::string>();
  t.code = j["code"].get<std::string>();
  t.topic = j["topic"].get<std::string>();
  t.language = j["language"].get<std::string>();
  t.public_token = j["public_token"].get<std::string>();
  if (!is_uuid(t.id)) return field_error("id", "must be a UUID");
  // UUIDs compare case-insensitively: one spelling, so "A1..." and "a1..." are the same ticket.
  for (char& ch : t.id)
    if (ch >= 'A' && ch <= 'F') ch = static_cast<char>(ch - 'A' + 'a');
  // "S-012": one capital letter, a dash, three to six digits.
  const std::string& c = t.code;
  bool code_ok = c.size() >= 5 && c.size() <= 8 && c[0] >= 'A' && c[0] <= 'Z' && c[1] == '-';
  for (std::size_t i = 2; code_ok && i < c.size(); ++i) code_ok = c[i] >= '0' && c[i] <= '9';
  if (!code_ok) return field_error("code", "must look like S-012");
  t.number = std::stoi(c.substr(2));
  if (t.topic.empty() || t.topic.size() > 64 || !is_plain_id(t.topic))
    return field_error("topic", "must be a topic id");
  // A language tag as "nl" or "pt-BR": letters and dashes, nothing a page or a log could be fooled by.
  if (t.language.size() < 2 || t.language.size() > 16 || !is_language_tag(t.language))
    return field_error("language", "must be a language code");
  // 22 base64url characters carry 132 bits; the API asks for at least 128.
  if (t.public_token.size() < 22 || t.public_token.size() > 128 || !is_base64url(t.public_token))
    return field_error("public_token", "must be at least 22 URL-safe characters (128 random bits)");
  auto created = parse_rfc3339(j["created_at"].get<std::string>());
  if (!created) return field_error("created_at", "must be an RFC 3339 time");
  t.created_at = created.value();
  return t;
}

}  // namespace wk

namespace wk {
std::string status_url(const std::string& service_url, const std::string& public_token) {
  std::string base = service_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/t/" + public_token;
}
std::string spoken_code(const std::string& label) {
  // "L-NNN" or "L-WNN" (joined from home), then optionally " · HH:MM" (code_label's shared form).
  const std::string code = label.substr(0, label.find(' '));
  const bool remote = code.size() >= 4 && code[2] == 'W';
  const std::size_t first_digit = remote ? 3 : 2;
  const bool is_code = code.size() >= first_digit + 1 && code[0] >= 'A' && code[0] <= 'Z' && code[1] == '-' &&
                       code.find_first_not_of("0123456789", first_digit) == std::string::npos;
  if (!is_code) return label;
  std::string digits = code.substr(first_digit);
  digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size() - 1));
  std::string out = std::string(1, code[0]) + (remote ? " W " : " ") + digits;
  const std::size_t time = label.find_last_of(' ');
  if (time != std::string::npos && time + 1 < label.size() && label.size() > code.size())
    out += ", " + label.substr(time + 1);
  return out;
}

}  // namespace wk
