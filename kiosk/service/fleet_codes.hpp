#pragma once
// IT's fleet view of ticket codes: kiosks of one location whose numbering slots can hand out the same
// number, and each kiosk's tickets whose code another ticket of its day holds too.
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "store/service_db.hpp"

namespace wk::service {

// Adds to each device of GET /v1/fleet's list (as built there, with its "heartbeat"):
//   "slot_conflict": true when another kiosk of its location (not revoked) reported a slot whose numbers
//                    meet its own; null when it never reported its slot;
//   "slot_conflict_with": the ids of those kiosks;
//   "code_collisions": its tickets that share their code with another ticket of the day;
//   "last_code_collision_day": the latest day with one, or null.
void add_code_checks(nlohmann::json& devices, const std::map<std::string, store::CodeCollisions>& collisions);

}  // namespace wk::service
