#pragma once
// The app's own bench log (WIJKKIOSK_BENCH_LOG, kiosk/app/bench_log.hpp), read after the kiosk stopped:
// frame times, the button's press and release, and the heap each time the welcome screen came back. All
// times are CLOCK_MONOTONIC microseconds, the driver's clock (tree_watch.hpp mono_us).
#include <cstdint>
#include <string>
#include <vector>

namespace wk::bench {

struct Window {
  std::int64_t from_us = 0, to_us = 0;
};

struct AppLog {
  struct Frame {
    std::int64_t start_us = 0, end_us = 0;
    std::string screen;
  };
  struct Heap {
    std::int64_t at_us = 0;
    double in_use_bytes = 0;
  };
  std::vector<Frame> frames;
  std::vector<std::int64_t> presses, releases;
  std::vector<Heap> heaps;

  // p99 (ms) of the frames that started within `within_us` after a release inside one of the windows.
  double frame_p99_after_releases(const std::vector<Window>& windows, std::int64_t within_us) const;
  // p99 (ms) of the frames that started inside one of the windows.
  double frame_p99_within(const std::vector<Window>& windows) const;
  // For each tap sent at t: the app's press event after t -> the end of the first `screen` frame (p99, ms).
  double press_to_screen_p99(const std::vector<std::int64_t>& taps, const std::string& screen) const;
  // The heap in use at the last welcome screen at or before t (0: none).
  double heap_at(std::int64_t t_us) const;
};

// Throws when the file cannot be read or holds no frame.
AppLog read_app_log(const std::string& path);

}  // namespace wk::bench
