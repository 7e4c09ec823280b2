#pragma once
// Internal to service/: a Report and a Signal as the API's JSON.
#include <nlohmann/json.hpp>

#include "service/report.hpp"

namespace wk::service::report {

// Monday first in `arrivals` ([weekday][hour]); every suppressed figure is the string "< 5".
nlohmann::json to_json(const Report& report);
nlohmann::json signal_json(const Signal& signal);

}  // namespace wk::service::report
