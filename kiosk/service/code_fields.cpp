#include "service/code_fields.hpp"

namespace wk::service {

std::string issued_time(LocationCache& locations, const std::string& location, UnixMs created_at) {
  auto view = locations.get(location);
  if (!view || !view.value()) return {};
  return local_hhmm(view.value()->tz, created_at);
}

void add_code_fields(nlohmann::json& ticket, bool code_shared, const std::string& issued_time) {
  ticket["code_shared"] = code_shared;
  ticket["issued_time"] = issued_time;
}

}  // namespace wk::service
