// Local days as reports count them: plain "YYYY-MM-DD" strings, compared as text (that order is the
// calendar's), stepped through days since 1970 so no time zone or clock change can shift a day.
#include <cctype>
#include <cstdio>
#include <string>

#include "core/clock.hpp"
#include "service/report.hpp"

namespace wk::service::report {

namespace {

constexpr std::int64_t kDayS = 86'400;

struct Ymd {
  int y = 0, m = 0, d = 0;
};

bool parse(const std::string& day, Ymd& out) {
  if (day.size() != 10 || day[4] != '-' || day[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (std::isdigit(static_cast<unsigned char>(day[i])) == 0) return false;
  out.y = std::stoi(day.substr(0, 4));
  out.m = std::stoi(day.substr(5, 2));
  out.d = std::stoi(day.substr(8, 2));
  return true;
}

std::int64_t days_since_epoch(const Ymd& d) {
  return unix_from_civil(d.y, d.m, d.d) / kDayS;
}

std::string format(std::int64_t days) {
  const CivilTime c = civil_from_unix(days * kDayS);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
  return buf;
}

}  // namespace

bool valid_day(const std::string& day) {
  Ymd d;
  if (!parse(day, d) || d.y < 1970 || d.m < 1 || d.m > 12 || d.d < 1 || d.d > 31) return false;
  // 2026-02-30 would come back as 2026-03-02: only a real date survives the round trip.
  return format(days_since_epoch(d)) == day;
}

std::string add_days(const std::string& day, int days) {
  Ymd d;
  parse(day, d);
  return format(days_since_epoch(d) + days);
}

int weekday_of(const std::string& day) {
  Ymd d;
  parse(day, d);
  const int sunday_first = civil_from_unix(days_since_epoch(d) * kDayS).weekday;
  return (sunday_first + 6) % 7;
}

Period period_for(const std::string& kind, const std::string& day) {
  if (!valid_day(day)) return {};
  if (kind == "day") return {day, day};
  if (kind == "week") {
    const std::string monday = add_days(day, -weekday_of(day));
    return {monday, add_days(monday, 6)};
  }
  if (kind == "month") {
    const std::string first = day.substr(0, 8) + "01";
    // The first of the next month, one day back: 28 to 31 days without a table.
    const std::string next = add_days(first, 31).substr(0, 8) + "01";
    return {first, add_days(next, -1)};
  }
  return {};
}

}  // namespace wk::service::report
