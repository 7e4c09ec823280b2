#include "app/clock_source.hpp"

#include <cctype>
#include <charconv>
#include <chrono>
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

Clock monotonic_clock() {
  return [] {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
  };
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

bool is_loopback_url(const std::string& url) {
  const std::string scheme = "https://";
  if (url.rfind(scheme, 0) != 0) return false;
  const std::string rest = url.substr(scheme.size());
  // The authority ends at the first '/', '?' or '#'; a user part before '@' is not the host.
  std::string authority = rest.substr(0, rest.find_first_of("/?#"));
  if (const auto at = authority.rfind('@'); at != std::string::npos) authority = authority.substr(at + 1);
  std::string host;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string::npos) return false;
    host = authority.substr(1, close - 1);
    const std::string after = authority.substr(close + 1);
    if (!after.empty() && after.front() != ':') return false;
  } else {
    host = authority.substr(0, authority.find(':'));
  }
  return is_loopback_host(host);
}

bool is_loopback_host(std::string host) {
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return host == "localhost" || host == "127.0.0.1" || host == "::1";
}

}  // namespace wk::app
