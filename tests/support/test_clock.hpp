#pragma once
// The clock a test hands to the programs it starts (`--test-clock FILE`, see app/clock_source.hpp): the
// test writes the file, the programs read it at every reading of the time, and now() here reads it the
// same way, so the test and the programs agree on "now" to the millisecond when frozen.
#include <string>

#include "core/clock.hpp"

namespace wk::test {

class TestClockFile {
 public:
  // Starts as the real time ("offset 0").
  explicit TestClockFile(std::string path);

  void freeze_at(UnixMs t);  // time stands still at t until the next call
  void run_from(UnixMs t);   // time runs on at the real pace from t
  UnixMs now() const;
  const std::string& path() const { return path_; }

 private:
  void write(const std::string& line);
  std::string path_;
  bool frozen_ = false;
  UnixMs value_ = 0;  // the instant when frozen, else the offset from the real time
};

UnixMs real_time_ms();

// An ordinary weekday, whatever day the test runs: the first Tuesday, 09:00 UTC (10:00 or 11:00 in
// Amsterdam, far from midnight and from a change of the clocks), that is at least two days away.
UnixMs an_ordinary_weekday();

}  // namespace wk::test
