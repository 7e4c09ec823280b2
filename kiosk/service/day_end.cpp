#include "service/day_end.hpp"

namespace wk::service {

Result<std::string> DayEnd::today(const std::string& location, const TzRule& tz, UnixMs now) {
  std::string day = local_day(tz, now);
  {
    std::lock_guard lock(mu_);
    if (auto it = closed_before_.find(location); it != closed_before_.end() && it->second == day) return day;
  }
  // Outside the lock: two requests of a new day may both close it, and the second finds nothing left.
  auto closed = db_.close_days_before(location, day, now);
  if (!closed) return closed.error();
  std::lock_guard lock(mu_);
  closed_before_[location] = day;
  return day;
}

}  // namespace wk::service
