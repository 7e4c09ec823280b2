#pragma once
// What `wijkqueue report` writes: a location's report as a file (CSV, HTML or JSON), and the early
// signals of every location, read straight from the service's directory (the service may be running:
// SQLite lets a reader in beside it).
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "service/location_cache.hpp"
#include "service/report.hpp"
#include "store/service_db.hpp"

namespace wk::service {

// A location's report for the period asked as the API and the command line take it (report_period.hpp),
// "today" being the location's day at `now`. A period that is not one: an error with code field_invalid
// whose detail names the parameter; anything else is the store's.
Result<report::Report> report_for(store::ServiceDb& db, const LocationView& location, const std::string& from,
                                  const std::string& to, const std::string& kind, const std::string& day,
                                  UnixMs now);

struct ReportRequest {
  std::string dir, location;
  std::string from, to;         // both, or neither
  std::string period, day;      // else: day|week|month around day (default: the location's today)
  std::string format = "html";  // csv | html | json
  UnixMs now = 0;
};
Result<std::string> report_file(const ReportRequest& request);

// The flagged signals of every location for the week ending `day`, or when `day` is empty the week
// ending each location's own today at `now`; by location, then topic.
Result<std::vector<report::Signal>> current_signals(store::ServiceDb& db, LocationCache& locations,
                                                    const std::string& day, UnixMs now);

// `wijkqueue report signals`: one line per flagged signal (current_signals), or a line that says there
// is none.
Result<std::string> signals_text(const std::string& dir, const std::string& day, UnixMs now);

}  // namespace wk::service
