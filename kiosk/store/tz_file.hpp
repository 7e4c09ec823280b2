#pragma once
// Reads a location's time-zone rule from the system tz database: the POSIX TZ footer of a TZif (v2+)
// file, which describes the current rules (e.g. Europe/Amsterdam -> "CET-1CEST,M3.5.0,M10.5.0/3").
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace wk::store {

Result<TzRule> load_tz_rule(const std::string& tz_name,
                            const std::string& zoneinfo_dir = "/usr/share/zoneinfo");

}  // namespace wk::store
