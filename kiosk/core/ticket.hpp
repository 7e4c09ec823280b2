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

struct Numbering {
  int slot = 1, slots = 1;
  std::string day;                  // the local day the counts belong to
  std::map<char, int> last_number;  // per topic letter, the last number issued that day

  // Picks up where a previous run left off (numbers read back from the ledger).
  static Numbering restore(int slot, int slots, std::string day, std::map<char, int> last_number);
  int next(const std::string& today, char letter);
};

std::string uuid_v4(const std::uint8_t* random16);
std::string base64url(const std::uint8_t* data, std::size_t n);
std::string format_code(char letter, int number);

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
