// The period a report is asked for: from/to, or a day, a week (Monday to Sunday) or a calendar month
// around a day, with a clear error naming the parameter otherwise. The calendar's facts are checked on
// fixed days; "today" is the location's day at the clock the test hands in, never the machine's date.
#include <gtest/gtest.h>

#include "service/report_period.hpp"
#include "service/service_test_helpers.hpp"
#include "support/test_clock.hpp"

namespace wk::service::report {
namespace {

// The location's today: a Tuesday (an_ordinary_weekday), whatever day the test runs.
std::string today() {
  return test::amsterdam_day(test::an_ordinary_weekday());
}

Period period(const std::string& kind, const std::string& day) {
  auto p = parse_period({}, {}, kind, day, today());
  EXPECT_TRUE(p) << to_string(p.error());
  return p ? p.value() : Period{};
}

TEST(ReportPeriod, WeeksRunMondayToSundayAndMonthsAreCalendarMonths) {
  EXPECT_EQ(period("week", "2027-11-25").from, "2027-11-22");  // a Thursday
  EXPECT_EQ(period("week", "2027-11-25").to, "2027-11-28");
  EXPECT_EQ(period("week", "2027-11-22").from, "2027-11-22");  // a Monday is its own week's first day
  EXPECT_EQ(period("week", "2027-11-28").from, "2027-11-22");  // a Sunday its last
  EXPECT_EQ(period("week", "2027-12-30").to, "2028-01-02");    // over New Year
  EXPECT_EQ(period("month", "2028-02-10").to, "2028-02-29");   // a leap year
  EXPECT_EQ(period("month", "2027-02-10").to, "2027-02-28");
  EXPECT_EQ(period("month", "2027-12-31").from, "2027-12-01");
  EXPECT_EQ(period("day", "2027-03-28").from, "2027-03-28");  // the day the clocks go forward
  EXPECT_EQ(period("day", "2027-03-28").to, "2027-03-28");
  // Nothing asked: the week around the location's today, a Tuesday, from its Monday to its Sunday.
  EXPECT_EQ(period("", "").from, add_days(today(), -1));
  EXPECT_EQ(period("", "").to, add_days(today(), 5));
}

TEST(ReportPeriod, FromAndToAreCheckedAndNamed) {
  auto ok = parse_period("2027-01-01", "2027-12-31", "month", "2020-01-01", today());
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->from, "2027-01-01");
  EXPECT_EQ(ok->to, "2027-12-31");
  const struct {
    const char *from, *to, *kind, *day, *field;
  } bad[] = {{"2027-02-30", "2027-03-01", "", "", "from"},
             {"2027-03-01", "2027-02-28", "", "", "to"},
             {"2027-03-01", "", "", "", "to"},
             {"2026-01-01", "2027-12-31", "", "", "to"},
             {"", "", "year", "", "period"},
             {"", "", "day", "28-03-2027", "day"},
             {"2027-1-01", "2027-01-02", "", "", "from"}};
  for (const auto& b : bad) {
    auto p = parse_period(b.from, b.to, b.kind, b.day, today());
    ASSERT_FALSE(p) << b.from << " " << b.to << " " << b.kind << " " << b.day;
    EXPECT_EQ(p.error().code, "field_invalid");
    EXPECT_EQ(p.error().detail, b.field);
  }
}

TEST(ReportPeriod, ARealDayOnly) {
  EXPECT_TRUE(parse_period({}, {}, "day", "2028-02-29", today()));
  for (const char* day : {"2027-02-29", "2027-13-01", "2027-11-3a", "2027-11-301"})
    EXPECT_FALSE(parse_period({}, {}, "day", day, today())) << day;
}

}  // namespace
}  // namespace wk::service::report
