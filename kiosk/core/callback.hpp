#pragma once
// "Bel mij terug" (call me back): a resident who cannot wait leaves a topic, a phone number and a part of
// the day, with consent, and the team calls them. The request travels like a volunteer's registration:
// exactly once, sealed at rest on the kiosk and at the service, the number seen only by the staff member
// who takes the call. The rules of what may be sent live here, shared by kiosk, join page and service.
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace wk {

// When the resident would like the call: the API's words "morning", "afternoon", "any".
enum class PartOfDay { morning, afternoon, any };
const char* part_of_day_name(PartOfDay p);
Result<PartOfDay> part_of_day_from_name(std::string_view name);

struct CallbackRequest {
  std::string id;  // the idempotency key, like a ticket's
  UnixMs created_at = 0;
  std::string language;
  std::string topic;  // a topic id of the location
  std::string phone;  // E.164, checked by check_phone (core/volunteer.hpp)
  PartOfDay part_of_day = PartOfDay::any;
  bool consent = false;  // never sent without it

  bool operator==(const CallbackRequest&) const = default;
};

// The wire form of POST /v1/callbacks, and its reading: every field checked, errors naming the field; no
// consent is its own error ("consent_missing").
nlohmann::json callback_to_json(const CallbackRequest& c);
Result<CallbackRequest> callback_from_json(const nlohmann::json& j);

namespace callback {
// "B-3F9A2C": what the resident can quote to the team, from the request's id.
std::string reference_of(const std::string& id);
}  // namespace callback

}  // namespace wk
