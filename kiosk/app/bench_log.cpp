#include "app/bench_log.hpp"

#include <malloc.h>

#include <chrono>
#include <cstdlib>

#include "app/shell.hpp"

namespace wk::app {
namespace {

std::int64_t now_us() {
  // steady_clock is CLOCK_MONOTONIC on Linux: the driver's clock_gettime(CLOCK_MONOTONIC) reads the same.
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

std::unique_ptr<BenchLog> BenchLog::from_environment() {
  const char* path = std::getenv("WIJKKIOSK_BENCH_LOG");
  if (path == nullptr || *path == '\0') return nullptr;
  std::FILE* file = std::fopen(path, "a");
  if (file == nullptr) {
    std::fprintf(stderr, "wijkkiosk: the bench log %s could not be opened\n", path);
    return nullptr;
  }
  return std::unique_ptr<BenchLog>(new BenchLog(file));
}

BenchLog::~BenchLog() {
  std::fclose(file_);
}

void BenchLog::event(const SDL_Event& event) {
  if ((event.type == SDL_MOUSEBUTTONDOWN || event.type == SDL_MOUSEBUTTONUP) &&
      event.button.button == SDL_BUTTON_LEFT)
    std::fprintf(file_, "%s %lld\n", event.type == SDL_MOUSEBUTTONDOWN ? "press" : "release",
                 static_cast<long long>(now_us()));
}

void BenchLog::frame_started() {
  frame_start_us_ = now_us();
}

void BenchLog::frame_presented(std::uint64_t frames, const std::string& screen) {
  const std::int64_t end = now_us();
  std::fprintf(file_, "frame %llu %lld %lld %s\n", static_cast<unsigned long long>(frames),
               static_cast<long long>(frame_start_us_), static_cast<long long>(end), screen.c_str());
  const bool welcome = screen == "welcome";
  if (welcome && !on_welcome_) {
    // All arenas (glibc 2.36): what the heap holds for the app, and what it took from the system for it.
    const struct mallinfo2 m = mallinfo2();
    std::fprintf(file_, "heap %lld %zu %zu %ld\n", static_cast<long long>(end), m.uordblks + m.hblkhd,
                 m.arena + m.hblkhd, rss_kib());
    std::fflush(file_);
  }
  on_welcome_ = welcome;
}

}  // namespace wk::app
