#include "app/clock_source.hpp"

#include <chrono>
#include <charconv>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>

namespace wk::app {
namespace {

struct TestClockReading {
  bool frozen = false;
  UnixMs value = 0;  // the instant when frozen, else the offset from the wall clock
};

Result<TestClockReading> read_test_clock(const std::string& path) {
  std::ifstream in(path);
  if (!in) return make_error("test_clock", "The test clock file " + path + " cannot be read.");
  std::string word, arg;
  in >> word >> arg;
  TestClockReading r;
  if (word == "frozen") {
    auto t = parse_rfc3339(arg);
    if (!t) return make_error("test_clock", "The test clock file " + path + " has a bad time.", arg);
    r.frozen = true;
    r.value = t.value();
    return r;
  }
  if (word == "offset") {
    const auto [end, ec] = std::from_chars(arg.data(), arg.data() + arg.size(), r.value);
    if (ec == std::errc() && end == arg.data() + arg.size() && !arg.empty()) return r;
  }
  return make_error("test_clock",
                    "The test clock file " + path + " must say 'frozen <RFC 3339 time>' or 'offset <ms>'.",
                    word + " " + arg);
}

}  // namespace

UnixMs wall_clock_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

Clock wall_clock() {
  return wall_clock_ms;
}

Result<Clock> test_clock(const std::string& path) {
  auto first = read_test_clock(path);
  if (!first) return first.error();
  struct Shared {
    std::mutex mu;
    TestClockReading last;
  };
  auto shared = std::make_shared<Shared>();
  shared->last = first.value();
  return Clock([path, shared] {
    auto r = read_test_clock(path);
    std::lock_guard lock(shared->mu);
    if (r) shared->last = r.value();
    return shared->last.frozen ? shared->last.value : wall_clock_ms() + shared->last.value;
  });
}

std::string test_clock_warning(const std::string& program, const std::string& path) {
  return program + ": WARNING: running on a TEST CLOCK read from " + path +
         ", not the real time. This is for tests only; never start a production " + program +
         " with --test-clock.";
}

}  // namespace wk::app
