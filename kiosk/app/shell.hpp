#pragma once
// The one shell every role's window runs in (in the spirit of hello_imgui's RunnerParams): the window and
// its size (one rule for the environment's override), the DPI, the fonts in millimetres, the UI tree for
// tests and read-aloud, the lost display, and the idle loop that draws only when something changed. A
// role hands it what is its own: how to draw its state, what its inbox brought, when it must be drawn
// again without an event.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "app/gui_main.hpp"
#include "platform/event_loop.hpp"
#include "platform/fonts.hpp"
#include "ui/theme.hpp"
#include "ui/ui_tree.hpp"

namespace wk::app {

struct ShellParams {
  std::string role;  // for the log
  std::string title;
  int width = 1280, height = 800;  // the window's size when it is not fullscreen
  // "WxH" in this variable gives a window of that size (the demo's, a test's); without it the role's own
  // choice holds. KIOSK_FULLSCREEN=1 makes it fullscreen all the same, except on a desk.
  const char* size_variable = "KIOSK_WINDOWED";
  bool fullscreen = true;
  bool desk = false;  // a desk PC: a mouse pointer, a resizable window, keyboard navigation, a light style
  double dpi_override = 0;
  platform::FontOptions fonts;
  ImVec4 clear_color{0, 0, 0, 1};
  std::string ui_tree_path;
  // When the display goes away: stop what must end cleanly (the outbox holds residents' tickets).
  std::function<void()> on_display_lost;
  // A release on trial (app/trial_mark.hpp): data_dir/update/good is written once the first frame is on
  // the glass, the app has run good_after_s since `started`, and `works` (unset: nothing more) says so.
  std::string data_dir;
  int good_after_s = 120;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  std::function<bool()> works;
};

struct RoleHooks {
  std::function<void()> on_wake;                   // take the inbox and apply it (main thread)
  std::function<void(const SDL_Event&)> on_event;  // keys a role maps itself
  std::function<void()> before_frame;              // tell the model the time, before it is drawn
  // Between two frames, where the fonts may be rebuilt (a script or bigger text the screen now needs).
  std::function<void()> between_frames;
  std::function<std::string()> screen;  // the name of what is drawn, for the UI tree
  // Draws the state; true when the person's input changed it (the new state is shown at once).
  std::function<bool(const ui::Theme&, ui::UiTree&)> draw;
  // When the screen must be drawn again with nothing happening (a countdown, the clock), in ms from now.
  std::function<std::optional<std::int64_t>()> redraw_in_ms;
  std::function<void()> on_window;       // the window and fonts are there: textures, sound (main thread)
  std::function<void()> on_first_frame;  // the workers start here: the screen first
  std::function<void()> on_stop;         // after the loop, while the window is still there (textures)
};

// Opens the window, runs the loop until SIGTERM/SIGINT or a quit, and closes everything. Returns the exit
// status: 0 after a stop, 1 when the screen or the fonts could not be made.
int run_shell(const ShellParams& params, const RoleHooks& hooks);

// What the shell's pieces cost at start-up, for the log's "first frame" line.
double ms_since(std::chrono::steady_clock::time_point t0);
long rss_kib();

}  // namespace wk::app
