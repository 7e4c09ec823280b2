#include "service/report_period.hpp"

#include <cstdio>

#include "core/clock.hpp"

namespace wk::service::report {
namespace {

// Days since 1970-01-01 of a valid "YYYY-MM-DD".
std::int64_t day_number(const std::string& day) {
  int y = 0, m = 0, d = 0;
  std::sscanf(day.c_str(), "%4d-%2d-%2d", &y, &m, &d);
  return unix_from_civil(y, m, d) / 86400;
}

std::string day_text(std::int64_t number) {
  const CivilTime c = civil_from_unix(number * 86400);
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", c.year, c.month, c.day);
  return out;
}

Error bad(const char* field, const std::string& message) {
  Error e = make_error("field_invalid", message);
  e.detail = field;
  return e;
}

}  // namespace

bool valid_day(const std::string& day) {
  if (day.size() != 10 || day[4] != '-' || day[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (day[static_cast<std::size_t>(i)] < '0' || day[static_cast<std::size_t>(i)] > '9') return false;
  // 2026-02-30 is not a day: it must come back from the day count as it went in.
  return day >= "1970-01-01" && day_text(day_number(day)) == day;
}

std::string add_days(const std::string& day, int days) {
  return day_text(day_number(day) + days);
}

Result<Period> parse_period(const std::string& from, const std::string& to, const std::string& kind,
                            const std::string& day, const std::string& today) {
  if (!from.empty() || !to.empty()) {
    if (!valid_day(from)) return bad("from", "The parameter 'from' must be a day such as 2026-11-02.");
    if (!valid_day(to)) return bad("to", "The parameter 'to' must be a day such as 2026-11-29.");
    if (to < from) return bad("to", "The parameter 'to' must not lie before 'from'.");
    if (day_number(to) - day_number(from) >= kMaxPeriodDays)
      return bad("to", "A report covers at most " + std::to_string(kMaxPeriodDays) + " days.");
    return Period{from, to};
  }
  const std::string around = day.empty() ? today : day;
  if (!valid_day(around)) return bad("day", "The parameter 'day' must be a day such as 2026-11-30.");
  if (kind == "day") return Period{around, around};
  if (kind.empty() || kind == "week") {
    const int weekday = civil_from_unix(day_number(around) * 86400).weekday;  // 0 = Sunday
    const int since_monday = (weekday + 6) % 7;
    return Period{add_days(around, -since_monday), add_days(around, 6 - since_monday)};
  }
  if (kind == "month") {
    const std::string first = around.substr(0, 8) + "01";
    std::string last = first;
    while (add_days(last, 1).substr(0, 7) == first.substr(0, 7)) last = add_days(last, 1);
    return Period{first, last};
  }
  return bad("period", "The parameter 'period' must be day, week or month.");
}

}  // namespace wk::service::report
