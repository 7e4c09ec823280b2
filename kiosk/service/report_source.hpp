#pragma once
// Where reports get their rows: the store's anonymous rows of one location, turned into report::Visit
// and report::Registration with the location's time zone and named from its config.
#include <string>
#include <vector>

#include "core/result.hpp"
#include "service/location_cache.hpp"
#include "service/report.hpp"
#include "store/service_db.hpp"

namespace wk::service {

// The report of one location over `period` (valid days, from <= to), with its signals for the week
// ending period.to. Error "bad_period" for a period that is not.
Result<report::Report> location_report(store::ServiceDb& db, const LocationView& location,
                                       const report::Period& period);

// The flagged signals of every location for the week ending `last_day`, by location id then topic.
Result<std::vector<report::Signal>> all_signals(store::ServiceDb& db, LocationCache& locations,
                                                const std::string& last_day);

// The pure conversions, for tests and for callers that hold rows already.
report::Names names_of(const LocationView& location);
report::Visit visit_of(const store::ReportTicket& ticket, const TzRule& tz);

}  // namespace wk::service
