#pragma once
// Ticket issuing. A ticket's code ("S-012") must be unique at its location for the local day even when
// several kiosks of that location are offline at once. Each kiosk therefore has a slot s of n (from its
// config) and only ever issues numbers s, s+n, s+2n, ...: the kiosks interleave and can never collide,
// and no block runs out. Numbering restarts when the local day (in the location's time zone) changes.
#include <array>
#include <cstdint>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/result.hpp"

namespace wk {

// Random bytes drawn by the shell (from the OS) and handed in: 16 for the UUID, 18 for the public token.
struct Entropy {
  std::array<std::uint8_t, 34> bytes{};
};

struct Ticket {
  std::string id;            // UUIDv4, the idempotency key
  std::string code;          // "S-012"
  std::string topic;         // topic id
  std::string language;      // the resident's language
  UnixMs created_at = 0;     // UTC
  std::string public_token;  // 144 random bits, base64url (24 chars)
  std::string local_day;     // "2026-11-24", the numbering day
  int number = 0;

  bool operator==(const Ticket&) const = default;
};

// Where a location's day stands (GET /v1/numbering): per code letter the highest number a ticket holds.
struct DayNumbering {
  std::string day;  // "2026-11-24"
  std::map<char, int> highest;
  bool operator==(const DayNumbering&) const = default;
};
nlohmann::json day_numbering_to_json(const DayNumbering& n);
Result<DayNumbering> day_numbering_from_json(const nlohmann::json& j);

struct Numbering {
  int slot = 1, slots = 1;
  std::string day;                  // the local day the counts belong to
  std::map<char, int> last_number;  // per topic letter, the last number issued that day

  // Picks up where a previous run left off (numbers read back from the ledger).
  static Numbering restore(int slot, int slots, std::string day, std::map<char, int> last_number);
  int next(const std::string& today, char letter);
  // Where the service says `day`'s numbering stands: per letter the highest number any kiosk's ticket
  // holds. For this kiosk's day it numbers on above it, still in its own class (s, s+n, ...), so a kiosk
  // that lost its ledger never hands out a code the service holds; never backwards. Another day: no change.
  void learn(const DayNumbering& service);
};

// Whether kiosks on slot s1 of n1 and s2 of n2 can hand out the same number: some x = s1 (mod n1) is
// also s2 (mod n2) exactly when s1 = s2 modulo gcd(n1, n2). Two kiosks on one slot of the same n always
// can; 1 of 2 and 2 of 4 never.
bool slots_overlap(int s1, int n1, int s2, int n2);

std::string uuid_v4(const std::uint8_t* random16);
// "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx" in lower-case hex: the form every id of the API takes.
bool is_uuid(const std::string& s);
std::string base64url(const std::uint8_t* data, std::size_t n);
std::string format_code(char letter, int number);
// A ticket joined from home: "S-W03", numbered by the service. No kiosk makes a code with a letter after
// the dash, so the two kinds never collide, whatever the kiosks' slots and however long they were offline.
std::string remote_code(char letter, int number);
// A code as residents and staff read it: "S-012", or "S-012 · 09:14" (the issue time printed on the
// ticket) when another ticket of the day holds the same code, so the two are called apart.
std::string code_label(const std::string& code, bool shared, const std::string& issued_time);
// A code as a voice should say it: the letter, then the number as a number ("S-012" -> "S 12", which a
// Dutch voice says "S twaalf", not "S nul één twee"); a label's issue time follows after a comma. Text
// that is not a code comes back as it was.
std::string spoken_code(const std::string& label);

Ticket issue_ticket(Numbering& numbering, const Topic& topic, const std::string& language, UnixMs now,
                    const TzRule& tz, const Entropy& entropy);

// The API body of POST /v1/tickets, and its validation on the receiving side (422 naming the field).
nlohmann::json ticket_to_json(const Ticket& t);
Result<Ticket> ticket_from_json(const nlohmann::json& j);

}  // namespace wk

namespace wk {
// The address of a ticket's live status page, what its QR code holds: https://<service>/t/<public_token>.
std::string status_url(const std::string& service_url, const std::string& public_token);
}  // namespace wk
