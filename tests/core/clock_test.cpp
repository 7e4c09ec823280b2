#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "test_config.hpp"

namespace wk {
namespace {

using test::amsterdam;
using test::utc;

TEST(Clock, CivilRoundTripsOverCenturies) {
  for (std::int64_t s = -4'000'000'000LL; s < 8'000'000'000LL; s += 86'399 * 37) {
    const CivilTime c = civil_from_unix(s);
    EXPECT_EQ(unix_from_civil(c.year, c.month, c.day, c.hour, c.minute, c.second), s);
  }
  EXPECT_EQ(civil_from_unix(0).weekday, 4);                              // a Thursday
  EXPECT_EQ(civil_from_unix(unix_from_civil(2026, 11, 24)).weekday, 2);  // a Tuesday
}

TEST(Clock, Rfc3339) {
  EXPECT_EQ(to_rfc3339(utc(2026, 11, 24, 9, 5, 7) + 42), "2026-11-24T09:05:07.042Z");
  auto t = parse_rfc3339("2026-11-24T09:05:07.042Z");
  ASSERT_TRUE(t) << to_string(t.error());
  EXPECT_EQ(t.value(), utc(2026, 11, 24, 9, 5, 7) + 42);
  auto offset = parse_rfc3339("2026-11-24T10:05:07+01:00");
  ASSERT_TRUE(offset);
  EXPECT_EQ(offset.value(), utc(2026, 11, 24, 9, 5, 7));
  for (const char* bad : {"", "2026-11-24", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z",
                          "2026-11-24T09:05:07", "2026-11-24T09:05:07Zjunk", "2026-11-24T25:00:00Z"})
    EXPECT_FALSE(parse_rfc3339(bad)) << bad;
}

TEST(Clock, HttpDate) {
  EXPECT_EQ(to_http_date(utc(2026, 11, 30, 6, 36, 15) + 999), "Mon, 30 Nov 2026 06:36:15 GMT");
  EXPECT_EQ(to_http_date(utc(2028, 2, 29, 23, 59, 59)), "Tue, 29 Feb 2028 23:59:59 GMT");
  for (UnixMs t = utc(1999, 12, 31); t < utc(2031, 1, 1); t += 86'399'000LL * 13) {
    auto back = parse_http_date(to_http_date(t));
    ASSERT_TRUE(back) << to_http_date(t);
    EXPECT_EQ(back.value(), t / 1000 * 1000);
  }
  for (const char* bad :
       {"", "Mon, 30 Nov 2026 06:36:15 UTC", "Mon, 31 Nov 2026 06:36:15 GMT", "Mon, 30 Nox 2026 06:36:15 GMT",
        "Mon, 30 Nov 2026 24:36:15 GMT", "Monday, 30-Nov-26 06:36:15 GMT", "Mon, 30 Nov 2026 06:36:1x GMT"})
    EXPECT_FALSE(parse_http_date(bad)) << bad;
}

TEST(Clock, AmsterdamSwitchesToSummerTimeOnLastSundayOfMarch) {
  const TzRule tz = amsterdam();
  EXPECT_EQ(utc_offset_s(tz, utc(2026, 3, 29, 0, 59, 59) / 1000), 3600);
  EXPECT_EQ(utc_offset_s(tz, utc(2026, 3, 29, 1, 0, 0) / 1000), 7200);
  EXPECT_EQ(utc_offset_s(tz, utc(2026, 10, 25, 0, 59, 59) / 1000), 7200);
  EXPECT_EQ(utc_offset_s(tz, utc(2026, 10, 25, 1, 0, 0) / 1000), 3600);
  EXPECT_EQ(utc_offset_s(tz, utc(2027, 3, 28, 1, 0, 0) / 1000), 7200);  // 2027's last Sunday is the 28th
}

TEST(Clock, LocalDayChangesAtLocalMidnight) {
  const TzRule tz = amsterdam();
  EXPECT_EQ(local_day(tz, utc(2026, 11, 23, 22, 59, 59)), "2026-11-23");
  EXPECT_EQ(local_day(tz, utc(2026, 11, 23, 23, 0, 0)), "2026-11-24");  // winter: UTC+1
  EXPECT_EQ(local_day(tz, utc(2026, 7, 1, 21, 59, 59)), "2026-07-01");
  EXPECT_EQ(local_day(tz, utc(2026, 7, 1, 22, 0, 0)), "2026-07-02");  // summer: UTC+2
}

TEST(Clock, TzRuleErrors) {
  EXPECT_TRUE(parse_tz_rule("UTC0"));
  EXPECT_TRUE(parse_tz_rule("<+0330>-3:30"));
  EXPECT_TRUE(parse_tz_rule("AEST-10AEDT,M10.1.0,M4.1.0/3"));  // southern hemisphere
  for (const char* bad : {"", "CET", "CET-1CEST", "CET-1CEST,M3.5.0", "CET-1CEST,M13.5.0,M10.5.0/3", "C-1"})
    EXPECT_FALSE(parse_tz_rule(bad)) << bad;
}

TEST(Clock, SouthernHemisphereDst) {
  auto tz = parse_tz_rule("AEST-10AEDT,M10.1.0,M4.1.0/3");
  ASSERT_TRUE(tz);
  EXPECT_EQ(utc_offset_s(tz.value(), utc(2026, 1, 15) / 1000), 11 * 3600);
  EXPECT_EQ(utc_offset_s(tz.value(), utc(2026, 7, 15) / 1000), 10 * 3600);
}

}  // namespace
}  // namespace wk
