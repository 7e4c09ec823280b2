#include "platform/display_lost.hpp"

#include <X11/Xlib.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <string>
#include <thread>

namespace wk::platform {
namespace {

struct DisplayLostState {
  std::string app;
  std::function<void()> stop;
};
DisplayLostState g_lost;
std::atomic<bool> g_happened{false};

int on_io_error(Display*) {
  // Once only: a second thread that meets the dead connection waits here for the first to end the app
  // (returning would let Xlib call exit()).
  if (g_happened.exchange(true))
    for (;;) ::pause();
  std::fprintf(stderr,
               "%s: the connection to the display was lost (the X server or the compositor ended); "
               "stopping\n",
               g_lost.app.c_str());
  // The stop runs on a thread of its own and gets 10 s: should a worker wait for this (blocked) thread,
  // the app still ends, and says so.
  std::atomic<bool> stopped{false};
  std::thread([&stopped] {
    if (g_lost.stop) g_lost.stop();
    stopped = true;
  }).detach();
  for (int i = 0; i < 1000 && !stopped; ++i) ::usleep(10 * 1000);
  if (stopped)
    std::fprintf(stderr, "%s: stopped (display lost)\n", g_lost.app.c_str());
  else
    std::fprintf(stderr, "%s: the workers did not stop within 10 s; ending all the same (display lost)\n",
                 g_lost.app.c_str());
  std::fflush(stderr);
  // Xlib does not allow this handler to return; _exit skips the static destructors that end in terminate.
  _exit(kExitDisplayLost);
}

}  // namespace

bool DisplayLost_Happened() {
  return g_happened.load();
}

void DisplayLost_Init(const char* app, std::function<void()> stop) {
  g_lost = DisplayLostState{app, std::move(stop)};
  // Process-wide in Xlib, so it covers SDL's own connection too.
  XSetIOErrorHandler(on_io_error);
}

}  // namespace wk::platform
