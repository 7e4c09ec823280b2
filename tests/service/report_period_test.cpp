// The period a report is asked for: from/to, or a day, a week (Monday to Sunday) or a calendar month
// around a day, with a clear error naming the parameter otherwise. Days are given, never today's date.
#include <gtest/gtest.h>

#include "service/report_period.hpp"

namespace wk::service::report {
namespace {

Period period(const std::string& kind, const std::string& day) {
  auto p = parse_period({}, {}, kind, day, "2026-11-30");
  EXPECT_TRUE(p) << to_string(p.error());
  return p ? p.value() : Period{};
}

TEST(ReportPeriod, WeeksRunMondayToSundayAndMonthsAreCalendarMonths) {
  EXPECT_EQ(period("week", "2026-11-26").from, "2026-11-23");  // a Thursday
  EXPECT_EQ(period("week", "2026-11-26").to, "2026-11-29");
  EXPECT_EQ(period("week", "2026-11-23").from, "2026-11-23");  // a Monday is its own week's first day
  EXPECT_EQ(period("week", "2026-11-29").from, "2026-11-23");  // a Sunday its last
  EXPECT_EQ(period("week", "2026-12-31").to, "2027-01-03");    // over New Year
  EXPECT_EQ(period("month", "2028-02-10").to, "2028-02-29");   // a leap year
  EXPECT_EQ(period("month", "2027-02-10").to, "2027-02-28");
  EXPECT_EQ(period("month", "2026-12-31").from, "2026-12-01");
  EXPECT_EQ(period("day", "2026-03-29").from, "2026-03-29");
  EXPECT_EQ(period("day", "2026-03-29").to, "2026-03-29");
  // Nothing asked: the week around the location's today.
  EXPECT_EQ(period("", "").from, "2026-11-30");
  EXPECT_EQ(period("", "").to, "2026-12-06");
}

TEST(ReportPeriod, FromAndToAreCheckedAndNamed) {
  auto ok = parse_period("2026-01-01", "2026-12-31", "month", "2020-01-01", "2026-11-30");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->from, "2026-01-01");
  EXPECT_EQ(ok->to, "2026-12-31");
  const struct {
    const char *from, *to, *kind, *day, *field;
  } bad[] = {{"2026-02-30", "2026-03-01", "", "", "from"},
             {"2026-03-01", "2026-02-28", "", "", "to"},
             {"2026-03-01", "", "", "", "to"},
             {"2025-01-01", "2026-12-31", "", "", "to"},
             {"", "", "year", "", "period"},
             {"", "", "day", "30-11-2026", "day"},
             {"2026-1-01", "2026-01-02", "", "", "from"}};
  for (const auto& b : bad) {
    auto p = parse_period(b.from, b.to, b.kind, b.day, "2026-11-30");
    ASSERT_FALSE(p) << b.from << " " << b.to << " " << b.kind << " " << b.day;
    EXPECT_EQ(p.error().code, "field_invalid");
    EXPECT_EQ(p.error().detail, b.field);
  }
}

TEST(ReportPeriod, ARealDayOnly) {
  EXPECT_TRUE(parse_period({}, {}, "day", "2028-02-29", "2026-11-30"));
  for (const char* day : {"2027-02-29", "2026-13-01", "2026-11-3a", "2026-11-301"})
    EXPECT_FALSE(parse_period({}, {}, "day", day, "2026-11-30")) << day;
}

}  // namespace
}  // namespace wk::service::report
