#pragma once
#include <chrono>
#include <string>

#include "core/clock.hpp"

namespace wk::app {

struct GuiOptions {
  std::string role;
  std::string config_path;
  std::string ui_tree_path;  // --ui-tree FILE, or $WIJKKIOSK_UI_TREE
  // When main() began: the start-up time in the log runs from here (the budget is 300 ms to the first frame).
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  Clock clock = nullptr;      // the process's clock (wall or --test-clock); unset: the wall clock
  Clock monotonic = nullptr;  // beside the wall clock, to see it jump by (app/kiosk_runtime.hpp)
};

// The SDL2 + Dear ImGui app for a role; returns the process exit code.
int gui_main(const GuiOptions& options);

}  // namespace wk::app
