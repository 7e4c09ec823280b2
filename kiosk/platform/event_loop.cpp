#include "platform/event_loop.hpp"

#include "platform/display_lost.hpp"

#include <backends/imgui_impl_sdl.h>

#include <algorithm>
#include <atomic>
#include <climits>
#include <cstdlib>
#include <string_view>
#include <utility>

#include "platform/quit_signal.hpp"
#include "platform/sd_notify.hpp"
#include "platform/window.hpp"

namespace wk::platform {
namespace {

constexpr Sint32 kCodeWake = 0;
constexpr Sint32 kCodeQuit = 1;
constexpr int kMaxUnpacedFrames = 4;  // per tap: press, release, the changed state, and one to spare

struct EventLoopState {
  EventLoopCallbacks callbacks;
  EventLoopOptions options;
  bool initialised = false;
  int frames_pending = 0;
  std::uint64_t animate_until = 0;
  std::uint64_t redraw_at = 0;  // 0: no timer
  std::uint64_t last_frame_ms = 0;
  std::uint64_t frames = 0;
  std::uint64_t wakeups = 0;
  bool woken = false;  // a wake event arrived in this batch of events
  // Frames still to draw before further events are taken, after a tap ended: one shows the press, one the
  // release. ImGui 1.86 has no input queue, so two taps before those frames would count as one, at the
  // second one's place (a quick PIN or name lost a digit or a letter on a busy kiosk).
  int tap_frames = 0;
  // A frame that shows what just changed (the ticket after a tap) is drawn at once, not paced: pacing is
  // for animation, and the resident's tap waits on this frame. Bounded per tap, so a state that changes on
  // every frame cannot spin the loop: after kMaxUnpacedFrames since the last tap, pacing applies again
  // until the next one.
  bool show_now = false;
  int unpaced_since_input = 0;
  // Frames nobody would see are built (ImGui needs their pass) but not rendered, which in software costs
  // ~20-40 ms at 1080x1920 (docs/performance.md), all of it before the tap's result shows:
  // - the press frame of a tap whose release is already in (the release frame follows at once);
  // - the frame whose own pass changed the state: it shows the screen the resident just left. Never two
  //   of these in a row, so a state that changes on every frame still reaches the glass;
  // - a frame built while a tap came in (a touch's press lands a moment after its motion woke the loop):
  //   the tap's own frames follow at once. Never two in a row either, so taps in a stream still show.
  bool dropped_for_change = false;
  bool dropped_for_input = false;
  std::uint64_t frames_dropped = 0;
  WindowPointer pointer;          // what ImGui is told of the pointer at the next frame
  std::uint64_t watchdog_ms = 0;  // systemd's watchdog: say WATCHDOG=1 this often (0: none)
  std::uint64_t watchdog_at = 0;  // when next
  bool quit_by_signal = false;
  // Fault injection for the watchdog's proof (issue 19): with WIJKKIOSK_FAULT_HANG_ON_TAP=1 in the
  // environment, the frame that shows the first tap never returns, as a render stuck in a driver would.
  bool hang_on_tap = false;
};

EventLoopState g_loop;
// Read by other threads: the registered event type (0 = none yet), the coalescing flag and the quit flag.
std::atomic<Uint32> g_wake_type{0};
std::atomic<bool> g_wake_pending{false};
std::atomic<bool> g_quit_requested{false};

bool push_user_event(Sint32 code) {
  const Uint32 type = g_wake_type.load();
  if (type == 0) return false;
  SDL_Event event{};
  event.type = type;
  event.user.code = code;
  // With the display gone, SDL's wake-up of the waiting loop would write to the dead X connection and
  // run into the display-lost handler again, from a worker (see display_lost.hpp).
  if (DisplayLost_Happened()) return false;
  return SDL_PushEvent(&event) == 1;
}

bool quit_wanted() {
  return g_quit_requested.load() || QuitSignal_Received();
}

void want_frames(int count) {
  g_loop.frames_pending = std::max(g_loop.frames_pending, count);
}

void handle(const SDL_Event& event) {
  if (event.type == g_wake_type.load()) {
    g_loop.woken = true;
    return;
  }
  if (g_loop.callbacks.on_event) g_loop.callbacks.on_event(event);
  if (event.type == SDL_KEYDOWN) g_loop.unpaced_since_input = 0;  // a key (the desk's Enter) is a tap too
  // Lock-down: a window manager's close request (Alt+F4) and SDL_QUIT are not obeyed, nor seen by ImGui.
  if (event.type == SDL_QUIT) return;
  if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_CLOSE) return;
  ImGui_ImplSDL2_ProcessEvent(&event);
  WindowPointer& p = g_loop.pointer;
  if (event.type == SDL_MOUSEMOTION) {
    p = {true, static_cast<float>(event.motion.x), static_cast<float>(event.motion.y), p.down, p.pressed};
  } else if ((event.type == SDL_MOUSEBUTTONDOWN || event.type == SDL_MOUSEBUTTONUP) &&
             event.button.button == SDL_BUTTON_LEFT) {
    const bool down = event.type == SDL_MOUSEBUTTONDOWN;
    p = {true, static_cast<float>(event.button.x), static_cast<float>(event.button.y), down,
         p.pressed || down};
    if (!down) {
      g_loop.unpaced_since_input = 0;  // a new tap earns its frames at once
      g_loop.tap_frames = 2;
      want_frames(2);
    }
  }
  if (EventLoop_IsInput(event.type)) {
    want_frames(g_loop.options.frames_after_input);
  } else if (event.type == SDL_WINDOWEVENT || event.type == SDL_RENDER_TARGETS_RESET ||
             event.type == SDL_RENDER_DEVICE_RESET) {
    want_frames(1);  // exposed, resized, focus changed: show the current state once
  }
}

std::uint64_t frame_interval_ms() {
  return 1000u / static_cast<std::uint64_t>(std::max(1, g_loop.options.max_fps));
}

bool frame_due(std::uint64_t now) {
  return g_loop.frames_pending > 0 || now < g_loop.animate_until ||
         (g_loop.redraw_at != 0 && g_loop.redraw_at <= now);
}

// The frames a tap is waiting on: its press, its release, and the one showing what it changed. The first
// frame too: nothing was on the glass before it.
bool unpaced_frame_due() {
  return g_loop.frames == 0 ||
         ((g_loop.tap_frames > 0 || g_loop.show_now) && g_loop.unpaced_since_input < kMaxUnpacedFrames);
}

bool may_draw(std::uint64_t now) {
  return frame_due(now) && (unpaced_frame_due() || now >= g_loop.last_frame_ms + frame_interval_ms());
}

// How long to sleep for the frames: -1 for "until an event", 0 for "draw now".
int wait_for_frames_ms(std::uint64_t now) {
  std::uint64_t until = 0;
  if (frame_due(now)) {
    if (unpaced_frame_due()) return 0;
    until = g_loop.last_frame_ms + frame_interval_ms();
  } else if (g_loop.redraw_at != 0) {
    until = g_loop.redraw_at;
  } else {
    return -1;
  }
  if (until <= now) return 0;
  return static_cast<int>(std::min<std::uint64_t>(until - now, INT_MAX));
}

// ... and for systemd's watchdog too.
int wait_timeout_ms(std::uint64_t now) {
  const int wait = wait_for_frames_ms(now);
  if (g_loop.watchdog_ms == 0) return wait;
  const int to_watchdog = static_cast<int>(g_loop.watchdog_at > now ? g_loop.watchdog_at - now : 0);
  return wait < 0 ? to_watchdog : std::min(wait, to_watchdog);
}

// Said from the loop itself, so only a loop that goes round keeps systemd from restarting the app.
void feed_watchdog(std::uint64_t now) {
  if (g_loop.watchdog_ms == 0 || now < g_loop.watchdog_at) return;
  SdNotify_Send("WATCHDOG=1");
  g_loop.watchdog_at = now + g_loop.watchdog_ms;
}

// A press or release waiting in SDL's queue or on the display connection (read now, from the loop's own
// thread, which SDL_PumpEvents needs).
bool tap_waiting() {
  SDL_PumpEvents();
  return SDL_HasEvents(SDL_MOUSEBUTTONDOWN, SDL_MOUSEBUTTONUP) == SDL_TRUE ||
         SDL_HasEvents(SDL_FINGERDOWN, SDL_FINGERUP) == SDL_TRUE;
}

void draw_frame(std::uint64_t now) {
  if (g_loop.hang_on_tap && g_loop.tap_frames > 0)
    for (;;) SDL_Delay(60 * 1000);  // hung: the loop never comes back to feed the watchdog
  if (g_loop.redraw_at != 0 && g_loop.redraw_at <= now) g_loop.redraw_at = 0;  // this frame serves it
  if (g_loop.frames_pending > 0) --g_loop.frames_pending;
  if (unpaced_frame_due() && now < g_loop.last_frame_ms + frame_interval_ms()) ++g_loop.unpaced_since_input;
  g_loop.show_now = false;  // frame() asks again when this frame changes the state once more
  if (g_loop.callbacks.before_new_frame) g_loop.callbacks.before_new_frame();
  const bool press_already_released = g_loop.frames > 0 && g_loop.pointer.pressed && !g_loop.pointer.down;
  Window_NewFrame(g_loop.pointer);
  g_loop.pointer.pressed = false;
  ImGui::NewFrame();
  g_loop.callbacks.frame();
  ImGui::Render();
  const bool left_in_its_pass = g_loop.show_now && g_loop.frames > 0 && !g_loop.dropped_for_change;
  const bool tap_came_in = g_loop.frames > 0 && !g_loop.dropped_for_input && tap_waiting();
  if (press_already_released || left_in_its_pass || tap_came_in) {
    g_loop.dropped_for_change = left_in_its_pass;
    g_loop.dropped_for_input = tap_came_in;
    ++g_loop.frames_dropped;
    if (g_loop.tap_frames > 0) --g_loop.tap_frames;
    return;
  }
  g_loop.dropped_for_change = false;
  g_loop.dropped_for_input = false;
  Window_Render(ImGui::GetDrawData(), g_loop.options.clear_color);
  g_loop.last_frame_ms = EventLoop_NowMs();
  ++g_loop.frames;
  if (g_loop.tap_frames > 0) --g_loop.tap_frames;
  if (g_loop.callbacks.on_presented) g_loop.callbacks.on_presented(g_loop.frames);
}

}  // namespace

bool EventLoop_Init(EventLoopCallbacks callbacks, EventLoopOptions options) {
  if (g_loop.initialised || !callbacks.frame || SDL_WasInit(SDL_INIT_VIDEO) == 0) return false;
  const Uint32 type = SDL_RegisterEvents(1);
  if (type == static_cast<Uint32>(-1)) return false;
  g_loop = EventLoopState{};
  g_loop.watchdog_ms = SdNotify_WatchdogIntervalMs();
  const char* hang = std::getenv("WIJKKIOSK_FAULT_HANG_ON_TAP");
  g_loop.hang_on_tap = hang != nullptr && std::string_view(hang) == "1";
  g_loop.callbacks = std::move(callbacks);
  g_loop.options = options;
  g_wake_pending.store(false);
  g_quit_requested.store(false);
  g_wake_type.store(type);
  // The watcher thread turns a signal into an event, so a sleeping loop notices it at once.
  if (!QuitSignal_Install([] { push_user_event(kCodeQuit); })) {
    g_wake_type.store(0);
    return false;
  }
  g_loop.initialised = true;
  return true;
}

void EventLoop_Run() {
  if (!g_loop.initialised) return;
  want_frames(g_loop.options.frames_after_input);  // the first frame, and the frames ImGui needs to settle
  while (!quit_wanted()) {
    const int timeout = wait_timeout_ms(EventLoop_NowMs());
    SDL_Event event;
    int got = 0;
    if (g_loop.tap_frames > 0 && frame_due(EventLoop_NowMs())) {
      // Events stay queued until the frame that shows the tap; the wait is at most one frame interval
      // (none while the tap's frames are drawn at once).
      if (timeout > 0) {
        SDL_Delay(static_cast<Uint32>(timeout));
        ++g_loop.wakeups;
      }
    } else if (timeout == 0) {
      got = SDL_PollEvent(&event);
    } else {
      got = timeout < 0 ? SDL_WaitEvent(&event) : SDL_WaitEventTimeout(&event, timeout);
      ++g_loop.wakeups;
    }
    g_loop.woken = false;
    if (got != 0) {
      handle(event);
      while (g_loop.tap_frames == 0 && SDL_PollEvent(&event) != 0) handle(event);
    }
    if (quit_wanted()) break;
    if (g_loop.woken) {
      // Cleared before the callback: a wake that arrives while it runs gets its own event.
      g_wake_pending.store(false);
      if (g_loop.callbacks.on_wake) g_loop.callbacks.on_wake();
      want_frames(1);
    }
    const std::uint64_t now = EventLoop_NowMs();
    if (may_draw(now)) draw_frame(now);
    feed_watchdog(EventLoop_NowMs());
  }
  g_loop.quit_by_signal = QuitSignal_Received();
  g_quit_requested.store(false);
}

void EventLoop_Shutdown() {
  if (!g_loop.initialised) return;
  QuitSignal_Uninstall();
  g_wake_type.store(0);
  g_loop.initialised = false;
  g_loop.callbacks = EventLoopCallbacks{};
}

void EventLoop_Wake() {
  // Many wakes before the loop runs need one event: the flag keeps SDL's queue from filling up.
  if (g_wake_pending.exchange(true)) return;
  if (!push_user_event(kCodeWake)) g_wake_pending.store(false);
}

void EventLoop_RequestQuit() {
  g_quit_requested.store(true);
  push_user_event(kCodeQuit);
}

bool EventLoop_QuitBySignal() {
  return g_loop.quit_by_signal;
}

std::uint64_t EventLoop_NowMs() {
  return SDL_GetTicks64();
}

void EventLoop_AnimateUntil(std::uint64_t deadline_ms) {
  g_loop.animate_until = std::max(g_loop.animate_until, deadline_ms);
}

void EventLoop_RedrawAt(std::uint64_t deadline_ms) {
  if (deadline_ms == 0) deadline_ms = 1;  // 0 means "no timer"
  if (g_loop.redraw_at == 0 || deadline_ms < g_loop.redraw_at) g_loop.redraw_at = deadline_ms;
}

void EventLoop_RequestFrames(int count) {
  want_frames(count);
}

void EventLoop_ShowChangeNow() {
  want_frames(1);
  g_loop.show_now = true;
}

std::uint64_t EventLoop_FramesDrawn() {
  return g_loop.frames;
}

std::uint64_t EventLoop_FramesDropped() {
  return g_loop.frames_dropped;
}
std::uint64_t EventLoop_Wakeups() {
  return g_loop.wakeups;
}

bool EventLoop_IsInput(Uint32 type) {
  switch (type) {
    case SDL_KEYDOWN:
    case SDL_KEYUP:
    case SDL_TEXTEDITING:
    case SDL_TEXTINPUT:
    case SDL_MOUSEMOTION:
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
    case SDL_MOUSEWHEEL:
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
    case SDL_FINGERMOTION:
    case SDL_MULTIGESTURE:
      return true;
    default:
      return false;
  }
}

}  // namespace wk::platform
