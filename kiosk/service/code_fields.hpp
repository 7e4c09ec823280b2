#pragma once
// Two residents may hold one code on one day (a kiosk that lost its numbering, two kiosks on one slot):
// every answer that shows a code also says whether it is shared and the ticket's local issue time, which
// is printed on the ticket, so display, counter and status page call the two apart ("S-012 · 09:14").
#include <string>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "service/location_cache.hpp"

namespace wk::service {

// "09:14": the issue time at the location, as printed on the ticket; empty when the location is unknown.
std::string issued_time(LocationCache& locations, const std::string& location, UnixMs created_at);

// Adds "code_shared" (bool) and "issued_time" ("09:14") to a ticket's JSON.
void add_code_fields(nlohmann::json& ticket, bool code_shared, const std::string& issued_time);

}  // namespace wk::service
