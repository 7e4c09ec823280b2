#pragma once
// The set dates at which the day-sensitive behaviour is checked (core and service alike), in
// Europe/Amsterdam: an ordinary weekday, local midnight, both changes of the clocks, New Year and a leap
// day. Each is a pair of instants, `before` and `after`, and the local day each belongs to. Header-only
// and pure, so the core tests (which link nothing else) and the service tests share one list.
#include <ostream>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace wk::test {

struct SetDate {
  std::string name;
  UnixMs before = 0, after = 0;
  std::string day_before, day_after;  // equal when no local midnight lies between the two
  bool day_changes() const { return day_before != day_after; }
};

inline UnixMs utc_ms(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) {
  return unix_from_civil(y, mo, d, h, mi, s) * 1000;
}

inline const std::vector<SetDate>& set_dates() {
  static const std::vector<SetDate> kDates = {
      {"OrdinaryTuesdayMorning", utc_ms(2027, 11, 23, 9), utc_ms(2027, 11, 23, 10), "2027-11-23",
       "2027-11-23"},
      {"MidnightOfAnOrdinaryDay", utc_ms(2027, 11, 23, 22, 59, 59), utc_ms(2027, 11, 23, 23), "2027-11-23",
       "2027-11-24"},
      // Last Sunday of March: 02:00 CET becomes 03:00 CEST; 01:59:59 local is followed by 03:00:00.
      {"SummerTimeStarts", utc_ms(2027, 3, 28, 0, 59, 59), utc_ms(2027, 3, 28, 1), "2027-03-28",
       "2027-03-28"},
      // ... a 23-hour day, whose midnight comes at 22:00 UTC.
      {"MidnightAfterTheShortDay", utc_ms(2027, 3, 28, 21, 59, 59), utc_ms(2027, 3, 28, 22), "2027-03-28",
       "2027-03-29"},
      // Last Sunday of October: 02:30 local happens twice, first in CEST, then an hour later in CET.
      {"SummerTimeEndsTheHourTwice", utc_ms(2027, 10, 31, 0, 30), utc_ms(2027, 10, 31, 1, 30), "2027-10-31",
       "2027-10-31"},
      // ... a 25-hour day, whose midnight comes at 23:00 UTC.
      {"MidnightAfterTheLongDay", utc_ms(2027, 10, 31, 22, 59, 59), utc_ms(2027, 10, 31, 23), "2027-10-31",
       "2027-11-01"},
      {"NewYear", utc_ms(2027, 12, 31, 22, 59, 59), utc_ms(2027, 12, 31, 23), "2027-12-31", "2028-01-01"},
      {"IntoTheLeapDay", utc_ms(2028, 2, 28, 22, 59, 59), utc_ms(2028, 2, 28, 23), "2028-02-28",
       "2028-02-29"},
      {"OutOfTheLeapDay", utc_ms(2028, 2, 29, 22, 59, 59), utc_ms(2028, 2, 29, 23), "2028-02-29",
       "2028-03-01"},
  };
  return kDates;
}

// For gtest's parameter names and messages.
inline std::string set_date_name(const SetDate& d) {
  return d.name;
}
inline void PrintTo(const SetDate& d, std::ostream* os) {
  *os << d.name;
}

}  // namespace wk::test
