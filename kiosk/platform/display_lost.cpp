#include "platform/display_lost.hpp"

#include <X11/Xlib.h>
#include <unistd.h>

#include <cstdio>
#include <string>

namespace wk::platform {
namespace {

struct DisplayLostState {
  std::string app;
  std::function<void()> stop;
};
DisplayLostState g_lost;

int on_io_error(Display*) {
  std::fprintf(stderr,
               "%s: the connection to the display was lost (the X server or the compositor ended); "
               "stopping\n",
               g_lost.app.c_str());
  if (g_lost.stop) g_lost.stop();
  std::fprintf(stderr, "%s: stopped (display lost)\n", g_lost.app.c_str());
  std::fflush(stderr);
  // Xlib does not allow this handler to return; _exit skips the static destructors that end in terminate.
  _exit(kExitDisplayLost);
}

}  // namespace

void DisplayLost_Init(const char* app, std::function<void()> stop) {
  g_lost = DisplayLostState{app, std::move(stop)};
  // Process-wide in Xlib, so it covers SDL's own connection too.
  XSetIOErrorHandler(on_io_error);
}

}  // namespace wk::platform
