#include "service/report_period.hpp"

namespace wk::service::report {
namespace {

Error bad(const char* field, const std::string& message) {
  Error e = make_error("field_invalid", message);
  e.detail = field;
  return e;
}

}  // namespace

Result<Period> parse_period(const std::string& from, const std::string& to, const std::string& kind,
                            const std::string& day, const std::string& today) {
  if (!from.empty() || !to.empty()) {
    if (!valid_day(from)) return bad("from", "The parameter 'from' must be a day such as 2026-11-02.");
    if (!valid_day(to)) return bad("to", "The parameter 'to' must be a day such as 2026-11-29.");
    if (to < from) return bad("to", "The parameter 'to' must not lie before 'from'.");
    if (add_days(from, kMaxPeriodDays - 1) < to)
      return bad("to", "A report covers at most " + std::to_string(kMaxPeriodDays) + " days.");
    return Period{from, to};
  }
  const std::string around = day.empty() ? today : day;
  if (!valid_day(around)) return bad("day", "The parameter 'day' must be a day such as 2026-11-30.");
  if (kind != "" && kind != "day" && kind != "week" && kind != "month")
    return bad("period", "The parameter 'period' must be day, week or month.");
  return period_for(kind.empty() ? "week" : kind, around);
}

}  // namespace wk::service::report
