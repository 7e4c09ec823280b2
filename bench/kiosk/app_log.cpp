#include "app_log.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include "figures.hpp"

namespace wk::bench {
namespace {

double frame_ms(const AppLog::Frame& f) {
  return static_cast<double>(f.end_us - f.start_us) / 1000.0;
}

}  // namespace

AppLog read_app_log(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("bench: no bench log at " + path);
  AppLog log;
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    std::string kind;
    words >> kind;
    if (kind == "frame") {
      AppLog::Frame f;
      unsigned long long n = 0;
      words >> n >> f.start_us >> f.end_us >> f.screen;
      log.frames.push_back(f);
    } else if (kind == "press" || kind == "release") {
      std::int64_t t = 0;
      words >> t;
      (kind == "press" ? log.presses : log.releases).push_back(t);
    } else if (kind == "heap") {
      AppLog::Heap h;
      words >> h.at_us >> h.in_use_bytes;
      log.heaps.push_back(h);
    }
  }
  if (log.frames.empty()) throw std::runtime_error("bench: the bench log " + path + " holds no frame");
  return log;
}

double AppLog::frame_p99_after_releases(const std::vector<Window>& windows, std::int64_t within_us) const {
  std::vector<double> ms;
  for (const auto& f : frames) {
    // The latest release at or before this frame's start.
    const auto after = std::upper_bound(releases.begin(), releases.end(), f.start_us);
    if (after == releases.begin()) continue;
    const auto release = std::prev(after);
    if (f.start_us - *release > within_us) continue;
    const bool inside = std::any_of(windows.begin(), windows.end(), [&](const Window& w) {
      return *release >= w.from_us && *release <= w.to_us;
    });
    if (inside) ms.push_back(frame_ms(f));
  }
  if (ms.empty()) throw std::runtime_error("bench: no frame after a tap in the bench log");
  return percentile(ms, 0.99);
}

double AppLog::frame_p99_within(const std::vector<Window>& windows) const {
  std::vector<double> ms;
  for (const auto& f : frames)
    if (std::any_of(windows.begin(), windows.end(),
                    [&](const Window& w) { return f.start_us >= w.from_us && f.start_us <= w.to_us; }))
      ms.push_back(frame_ms(f));
  if (ms.empty()) throw std::runtime_error("bench: no frame in the windows asked for");
  return percentile(ms, 0.99);
}

double AppLog::press_to_screen_p99(const std::vector<std::int64_t>& taps, const std::string& screen) const {
  std::vector<double> ms;
  for (const std::int64_t t : taps) {
    const auto press = std::lower_bound(presses.begin(), presses.end(), t);
    if (press == presses.end()) continue;
    const auto from = std::lower_bound(frames.begin(), frames.end(), *press,
                                       [](const Frame& f, std::int64_t at) { return f.end_us < at; });
    const auto shown = std::find_if(from, frames.end(), [&](const Frame& f) { return f.screen == screen; });
    if (shown != frames.end()) ms.push_back(static_cast<double>(shown->end_us - *press) / 1000.0);
  }
  if (ms.size() != taps.size()) throw std::runtime_error("bench: taps missing from the bench log");
  return percentile(ms, 0.99);
}

double AppLog::heap_at(std::int64_t t_us) const {
  double bytes = 0;
  for (const auto& h : heaps)
    if (h.at_us <= t_us) bytes = h.in_use_bytes;
  return bytes;
}

}  // namespace wk::bench
