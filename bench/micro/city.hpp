// The city whose year the report cases read (report_cases.cpp) and seed_city.cpp writes: N locations of
// the demo config, Monday to Friday of 2026. Shared so the two agree on ids and on the year.
#pragma once

#include <cstdio>
#include <string>

namespace wk::bench::city {

inline constexpr const char* kYearFrom = "2026-01-01";
inline constexpr const char* kYearTo = "2026-12-31";
inline constexpr const char* kTimezone = "Europe/Amsterdam";
inline constexpr int kWeekdaysIn2026 = 261;

// "wijk-00", "wijk-01", ...: the first one is the location whose year report is timed.
inline std::string location_id(int i) {
  char id[16];
  std::snprintf(id, sizeof id, "wijk-%02d", i);
  return id;
}

}  // namespace wk::bench::city
