#pragma once
// The end of a location's day. The queue is one day long: a ticket still waiting or called when its
// location's local day ends will never be called, so it is closed as "expired" (a state of its own,
// counted apart from served and no-show). There is no timer: the first request that touches the location
// after its midnight closes the earlier days, so a service that sleeps through midnight (or is down)
// still closes them, and a restart closes nothing twice (closing is idempotent).
#include <map>
#include <mutex>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "store/service_db.hpp"

namespace wk::service {

class DayEnd {
 public:
  explicit DayEnd(store::ServiceDb& db) : db_(db) {}
  // The location's local day at `now` ("2026-11-24"), with every earlier day closed. The database is
  // asked once per location per day, not on every request.
  Result<std::string> today(const std::string& location, const TzRule& tz, UnixMs now);

 private:
  store::ServiceDb& db_;
  std::mutex mu_;
  std::map<std::string, std::string> closed_before_;  // location -> the day whose predecessors are closed
};

}  // namespace wk::service
