#include "service/fleet_codes.hpp"

#include <optional>
#include <utility>

#include "core/ticket.hpp"

namespace wk::service {
namespace {

// The slot s of n a kiosk's last heartbeat reported; nullopt before one that says.
std::optional<std::pair<int, int>> slot_of(const nlohmann::json& device) {
  if (device.value("role", "") != "kiosk" || !device.value("revoked_at", nlohmann::json()).is_null())
    return std::nullopt;
  const auto& hb = device["heartbeat"];
  if (!hb.is_object() || !hb.contains("slot") || !hb.contains("slots") || !hb["slot"].is_number_integer() ||
      !hb["slots"].is_number_integer())
    return std::nullopt;
  return std::pair(hb["slot"].get<int>(), hb["slots"].get<int>());
}

}  // namespace

void add_code_checks(nlohmann::json& devices,
                     const std::map<std::string, store::CodeCollisions>& collisions) {
  for (auto& d : devices) {
    const auto mine = slot_of(d);
    nlohmann::json with = nlohmann::json::array();
    // A fleet is tens of devices: every pair of one location is looked at.
    for (const auto& other : devices) {
      if (!mine || other["id"] == d["id"] || other["location"] != d["location"]) continue;
      const auto theirs = slot_of(other);
      if (theirs && slots_overlap(mine->first, mine->second, theirs->first, theirs->second))
        with.push_back(other["id"]);
    }
    d["slot_conflict"] = mine ? nlohmann::json(!with.empty()) : nlohmann::json();
    d["slot_conflict_with"] = with;
    const auto found = collisions.find(d["id"].get<std::string>());
    d["code_collisions"] = found == collisions.end() ? 0 : found->second.tickets;
    d["last_code_collision_day"] =
        found == collisions.end() ? nlohmann::json() : nlohmann::json(found->second.last_day);
  }
}

}  // namespace wk::service
