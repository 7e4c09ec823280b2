#pragma once
// Time as core sees it: plain UTC milliseconds handed in by the shell, and the location's time-zone rule
// as a POSIX TZ string (the footer of a TZif file, e.g. "CET-1CEST,M3.5.0,M10.5.0/3"), so core can tell
// the local day and hour without reading the tz database itself.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace wk {

using UnixMs = std::int64_t;

// A source of the current time, handed to whatever needs "now": the shell builds it from the wall clock
// (or, in tests, from a clock the test sets), so nothing below the shell reads the time of day itself.
using Clock = std::function<UnixMs()>;

struct CivilTime {
  int year = 1970, month = 1, day = 1;  // month and day 1-based
  int hour = 0, minute = 0, second = 0;
  int weekday = 4;  // 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday)
};

CivilTime civil_from_unix(std::int64_t unix_s);
std::int64_t unix_from_civil(int year, int month, int day, int hour = 0, int minute = 0, int second = 0);

std::string to_rfc3339(UnixMs ms);  // "2026-11-24T09:05:00.123Z"
Result<UnixMs> parse_rfc3339(std::string_view text);

// HTTP's Date header (RFC 9110 IMF-fixdate, always GMT): "Mon, 30 Nov 2026 06:36:15 GMT". Whole seconds.
std::string to_http_date(UnixMs ms);
Result<UnixMs> parse_http_date(std::string_view text);

// A parsed POSIX TZ rule: standard offset, and optionally a DST offset with its start and end rules.
struct TzRule {
  struct Transition {
    int month = 0, week = 0, weekday = 0;  // "Mm.w.d": week 5 means the last such weekday
    int time_s = 7200;                     // local time of the change, seconds after midnight
  };
  std::string text;
  int std_offset_s = 0;  // seconds east of UTC
  bool has_dst = false;
  int dst_offset_s = 0;
  Transition dst_start, dst_end;
};

Result<TzRule> parse_tz_rule(std::string_view posix_tz);
int utc_offset_s(const TzRule& tz, std::int64_t unix_s);
CivilTime to_local(const TzRule& tz, UnixMs ms);
std::string local_day(const TzRule& tz, UnixMs ms);   // "2026-03-29"
std::string local_hhmm(const TzRule& tz, UnixMs ms);  // "09:14", as a printed ticket shows its time

}  // namespace wk
