#include "core/clock.hpp"

#include <cstdio>

namespace wk {
namespace {

// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's days_from_civil algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}
int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// The local wall-clock moment (as seconds since the epoch, read as if UTC) of an "Mm.w.d/time" rule.
std::int64_t transition_local_s(int year, const TzRule::Transition& t) {
  const std::int64_t first = days_from_civil(year, static_cast<unsigned>(t.month), 1);
  const int first_wd = static_cast<int>(((first % 7) + 11) % 7);  // 1970-01-01 was a Thursday (4)
  int day = 1 + (t.weekday - first_wd + 7) % 7 + (t.week - 1) * 7;
  while (day > days_in_month(year, t.month)) day -= 7;  // week 5 means "the last"
  return (first + day - 1) * 86400 + t.time_s;
}

}  // namespace

CivilTime civil_from_unix(std::int64_t unix_s) {
  const std::int64_t z0 = floor_div(unix_s, 86400);
  const std::int64_t secs = unix_s - z0 * 86400;
  const std::int64_t z = z0 + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  CivilTime c;
  c.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  c.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  c.year = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (c.month <= 2));
  c.hour = static_cast<int>(secs / 3600);
  c.minute = static_cast<int>(secs % 3600 / 60);
  c.second = static_cast<int>(secs % 60);
  c.weekday = static_cast<int>(((z0 % 7) + 11) % 7);
  return c;
}

std::int64_t unix_from_civil(int year, int month, int day, int hour, int minute, int second) {
  return days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 +
         hour * 3600 + minute * 60 + second;
}

std::string to_rfc3339(UnixMs ms) {
  const std::int64_t s = floor_div(ms, 1000);
  const CivilTime c = civil_from_unix(s);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", c.year, c.month, c.day, c.hour,
                c.minute, c.second, static_cast<int>(ms - s * 1000));
  return buf;
}

namespace {
constexpr const char* kWeekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
}  // namespace

std::string to_http_date(UnixMs ms) {
  const CivilTime c = civil_from_unix(floor_div(ms, 1000));
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kWeekdays[c.weekday], c.day,
                kMonths[c.month - 1], c.year, c.hour, c.minute, c.second);
  return buf;
}

Result<UnixMs> parse_http_date(std::string_view t) {
  auto bad = [&] {
    return make_error("bad_time", "The time is not an HTTP date like 'Mon, 30 Nov 2026 06:36:15 GMT'.",
                      std::string(t));
  };
  // "Www, DD Mmm YYYY HH:MM:SS GMT": 29 characters, fixed positions.
  if (t.size() != 29 || t.substr(3, 2) != ", " || t[7] != ' ' || t[11] != ' ' || t[16] != ' ' ||
      t[19] != ':' || t[22] != ':' || t.substr(25) != " GMT")
    return bad();
  auto num = [&](std::size_t pos, std::size_t len, int& out) {
    out = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (t[i] < '0' || t[i] > '9') return false;
      out = out * 10 + (t[i] - '0');
    }
    return true;
  };
  int day = 0, year = 0, h = 0, mi = 0, s = 0, month = 0;
  for (int m = 0; m < 12; ++m)
    if (t.substr(8, 3) == kMonths[m]) month = m + 1;
  if (month == 0 || !num(5, 2, day) || !num(12, 4, year) || !num(17, 2, h) || !num(20, 2, mi) ||
      !num(23, 2, s))
    return bad();
  if (day < 1 || day > days_in_month(year, month) || h > 23 || mi > 59 || s > 60) return bad();
  return unix_from_civil(year, month, day, h, mi, s) * 1000;
}

Result<UnixMs> parse_rfc3339(std::string_view t) {
  auto bad = [&] {
    return make_error("bad_time", "The time is not in the form 2026-11-24T09:05:00Z.", std::string(t));
  };
  auto num = [&](std::size_t pos, std::size_t len, int& out) {
    if (pos + len > t.size()) return false;
    out = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (t[i] < '0' || t[i] > '9') return false;
      out = out * 10 + (t[i] - '0');
    }
    return true;
  };
  int y, mo, d, h, mi, s;
  if (t.size() < 20 || !num(0, 4, y) || t[4] != '-' || !num(5, 2, mo) || t[7] != '-' || !num(8, 2, d) ||
      (t[10] != 'T' && t[10] != 't') || !num(11, 2, h) || t[13] != ':' || !num(14, 2, mi) || t[16] != ':' ||
      !num(17, 2, s))
    return bad();
  if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || s > 60) return bad();
  std::size_t i = 19;
  int frac_ms = 0;
  if (i < t.size() && t[i] == '.') {
    int digits = 0;
    for (++i; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i, ++digits)
      if (digits < 3) frac_ms = frac_ms * 10 + (t[i] - '0');
    if (digits == 0) return bad();
    for (; digits < 3; ++digits) frac_ms *= 10;
  }
  int offset_s = 0;
  if (i < t.size() && (t[i] == 'Z' || t[i] == 'z')) {
    ++i;
  } else if (i < t.size() && (t[i] == '+' || t[i] == '-')) {
    int oh, om;
    if (!num(i + 1, 2, oh) || i + 3 >= t.size() || t[i + 3] != ':' || !num(i + 4, 2, om) || oh > 23 ||
        om > 59)
      return bad();
    offset_s = (oh * 3600 + om * 60) * (t[i] == '-' ? -1 : 1);
    i += 6;
  } else {
    return bad();
  }
  if (i != t.size()) return bad();
  return (unix_from_civil(y, mo, d, h, mi, s) - offset_s) * 1000 + frac_ms;
}

Result<TzRule> parse_tz_rule(std::string_view text) {
  TzRule rule;
  rule.text = std::string(text);
  std::size_t i = 0;
  auto bad = [&](const char* why) {
    return make_error("bad_timezone", "The time-zone rule cannot be read.", std::string(text) + ": " + why);
  };
  auto name = [&]() {
    if (i < text.size() && text[i] == '<') {
      const auto end = text.find('>', i);
      if (end == std::string_view::npos) return false;
      i = end + 1;
      return true;
    }
    const std::size_t start = i;
    while (i < text.size() && ((text[i] >= 'A' && text[i] <= 'Z') || (text[i] >= 'a' && text[i] <= 'z'))) ++i;
    return i - start >= 3;
  };
  auto number = [&](int& out) {
    const std::size_t start = i;
    out = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') out = out * 10 + (text[i++] - '0');
    return i > start;
  };
  // [+-]hh[:mm[:ss]], as seconds; POSIX offsets are west of UTC, so the caller flips the sign.
  auto hms = [&](int& out) {
    int sign = 1;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) sign = text[i++] == '-' ? -1 : 1;
    int h = 0, m = 0, s = 0;
    if (!number(h)) return false;
    if (i < text.size() && text[i] == ':') {
      ++i;
      if (!number(m)) return false;
      if (i < text.size() && text[i] == ':') {
        ++i;
        if (!number(s)) return false;
      }
    }
    out = sign * (h * 3600 + m * 60 + s);
    return true;
  };
  auto transition = [&](TzRule::Transition& tr) {
    if (i >= text.size() || text[i] != 'M') return false;  // only the Mm.w.d form is used by tzdata
    ++i;
    if (!number(tr.month) || i >= text.size() || text[i++] != '.' || !number(tr.week) || i >= text.size() ||
        text[i++] != '.' || !number(tr.weekday))
      return false;
    if (tr.month < 1 || tr.month > 12 || tr.week < 1 || tr.week > 5 || tr.weekday > 6) return false;
    tr.time_s = 7200;
    if (i < text.size() && text[i] == '/') {
      ++i;
      if (!hms(tr.time_s)) return false;
    }
    return true;
  };

  int std_west = 0;
  if (!name()) return bad("no standard zone name");
  if (!hms(std_west)) return bad("no standard offset");
  rule.std_offset_s = -std_west;
  if (i == text.size()) return rule;
  if (!name()) return bad("no daylight-saving zone name");
  rule.has_dst = true;
  rule.dst_offset_s = rule.std_offset_s + 3600;
  if (i < text.size() && text[i] != ',') {
    int dst_west = 0;
    if (!hms(dst_west)) return bad("bad daylight-saving offset");
    rule.dst_offset_s = -dst_west;
  }
  if (i >= text.size() || text[i++] != ',' || !transition(rule.dst_start)) return bad("bad start rule");
  if (i >= text.size() || text[i++] != ',' || !transition(rule.dst_end)) return bad("bad end rule");
  if (i != text.size()) return bad("trailing characters");
  return rule;
}

int utc_offset_s(const TzRule& tz, std::int64_t unix_s) {
  if (!tz.has_dst) return tz.std_offset_s;
  const int year = civil_from_unix(unix_s + tz.std_offset_s).year;
  // The start is given in standard local time, the end in daylight-saving local time.
  const std::int64_t start_utc = transition_local_s(year, tz.dst_start) - tz.std_offset_s;
  const std::int64_t end_utc = transition_local_s(year, tz.dst_end) - tz.dst_offset_s;
  const bool in_dst = start_utc < end_utc ? (unix_s >= start_utc && unix_s < end_utc)
                                          : (unix_s >= start_utc || unix_s < end_utc);  // southern hemisphere
  return in_dst ? tz.dst_offset_s : tz.std_offset_s;
}

CivilTime to_local(const TzRule& tz, UnixMs ms) {
  const std::int64_t s = floor_div(ms, 1000);
  return civil_from_unix(s + utc_offset_s(tz, s));
}

std::string local_day(const TzRule& tz, UnixMs ms) {
  const CivilTime c = to_local(tz, ms);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
  return buf;
}

std::string local_hhmm(const TzRule& tz, UnixMs ms) {
  const CivilTime c = to_local(tz, ms);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", c.hour, c.minute);
  return buf;
}

}  // namespace wk
