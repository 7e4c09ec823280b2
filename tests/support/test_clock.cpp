#include "support/test_clock.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "support/temp_dir.hpp"

namespace wk::test {

UnixMs real_time_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

UnixMs an_ordinary_weekday() {
  constexpr UnixMs kDay = 86'400'000;
  const UnixMs start = (real_time_ms() / kDay + 2) * kDay;  // midnight UTC, two days or more ahead
  for (UnixMs day = start;; day += kDay)
    if (civil_from_unix(day / 1000).weekday == 2) return day + 9 * 3'600'000;
}

TestClockFile::TestClockFile(std::string path) : path_(std::move(path)) {
  write("offset 0");
}

void TestClockFile::write(const std::string& line) {
  // Written whole beside the file and renamed over it: a program never reads half a line.
  const std::string tmp = path_ + ".tmp." + std::to_string(::getpid());
  write_file(tmp, line + "\n");
  if (std::rename(tmp.c_str(), path_.c_str()) != 0)
    throw std::runtime_error("the test clock file " + path_ + " cannot be written");
}

void TestClockFile::freeze_at(UnixMs t) {
  frozen_ = true;
  value_ = t;
  write("frozen " + to_rfc3339(t));
}

void TestClockFile::run_from(UnixMs t) {
  frozen_ = false;
  value_ = t - real_time_ms();
  write("offset " + std::to_string(value_));
}

UnixMs TestClockFile::now() const {
  return frozen_ ? value_ : real_time_ms() + value_;
}

}  // namespace wk::test
