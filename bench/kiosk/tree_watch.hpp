#pragma once
// When a screen reaches the glass: the app writes its UI tree (temp file + rename) right after a frame is
// presented, so the moment inotify reports the rename is the moment a person could see that frame (to
// within the driver's wakeup). Everything is timed on CLOCK_MONOTONIC in microseconds, the clock of the
// app's bench log (kiosk/app/bench_log.hpp).
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace wk::bench {

std::int64_t mono_us();

// SIGINT/SIGTERM end the driver by an exception from its next wait, so every child it started (the kiosk,
// the service, Xvfb) is stopped on the way out rather than left running.
void stop_on_signals();
void throw_if_interrupted();

struct Rect {
  int x = 0, y = 0, w = 0, h = 0;
};

struct Tree {
  std::int64_t seen_us = 0;  // when the rename that brought it was seen
  nlohmann::json json;
  std::string screen() const;
  std::optional<Rect> find(const std::string& id) const;
  std::string label(const std::string& id) const;  // "" when there is no such element
  std::vector<std::string> ids_starting(const std::string& prefix) const;
};

class TreeWatch {
 public:
  explicit TreeWatch(std::string path);  // watches the folder: the file may not be there yet
  ~TreeWatch();
  TreeWatch(const TreeWatch&) = delete;
  TreeWatch& operator=(const TreeWatch&) = delete;

  int fd() const { return fd_; }
  // Takes what inotify has (waiting up to timeout_ms, 0: not at all); true when a new tree came.
  bool pump(int timeout_ms);
  // The newest tree (json null before the first).
  const Tree& latest() const { return latest_; }
  // Until the newest tree satisfies `holds` (checked first against the one there now); throws with
  // `what` after `timeout`.
  const Tree& wait_for(const std::function<bool(const Tree&)>& holds, const std::string& what,
                       std::chrono::milliseconds timeout = std::chrono::seconds(60));
  const Tree& wait_for_screen(const std::string& screen,
                              std::chrono::milliseconds timeout = std::chrono::seconds(60));
  // Until no new tree has come for `quiet` (the screen has settled).
  void settle(std::chrono::milliseconds quiet);

 private:
  bool read_tree(std::int64_t seen_us);
  std::string path_, name_;
  int fd_ = -1;
  Tree latest_;
};

}  // namespace wk::bench
