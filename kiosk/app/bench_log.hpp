#pragma once
// An opt-in log for the kiosk's benchmark (bench/kiosk): with WIJKKIOSK_BENCH_LOG=FILE in the environment
// the shell appends what only the app itself can tell, on CLOCK_MONOTONIC in microseconds (the clock the
// benchmark driver reads too):
//   frame <n> <start_us> <end_us> <screen>       every presented frame, from before the font rebuild to the
//                                                present (what a person waits for)
//   press <us> / release <us>                    the left button as SDL hands it to the loop
//   heap <us> <in_use_bytes> <arena_bytes> <rss_kib>   each time the screen becomes the welcome screen
// Without the variable there is no log and the shell's callbacks are not wrapped: no cost, no frame and no
// wakeup of its own. The file is flushed at each welcome screen, so what is there at rest is complete.
#include <SDL.h>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

namespace wk::app {

class BenchLog {
 public:
  // Nothing unless WIJKKIOSK_BENCH_LOG names a file that can be opened for appending.
  static std::unique_ptr<BenchLog> from_environment();
  ~BenchLog();
  BenchLog(const BenchLog&) = delete;
  BenchLog& operator=(const BenchLog&) = delete;

  void event(const SDL_Event& event);
  void frame_started();
  void frame_presented(std::uint64_t frames, const std::string& screen);

 private:
  explicit BenchLog(std::FILE* file) : file_(file) {}
  std::FILE* file_;
  std::int64_t frame_start_us_ = 0;
  bool on_welcome_ = false;
};

}  // namespace wk::app
