#pragma once
// The event-driven loop: a kiosk nobody touches draws nothing and sleeps in SDL_WaitEventTimeout, so idle
// CPU is ~0 %. It draws on input (and a few frames after, because ImGui registers a click on the frame
// where the button is released), when a worker thread wakes it, while an animation runs, and at the next
// timer deadline (a 1 Hz countdown asks for one frame a second, not sixty).
//
// Lock-down: no key or window-manager request ends the loop (SDL_QUIT, Alt+F4, Escape, Ctrl+Q,
// Ctrl+Alt+Backspace are only ever input). It ends on SIGTERM/SIGINT or EventLoop_RequestQuit().
// Needs Window_Init() first; everything but Wake/RequestQuit runs on the loop's (main) thread.
#include <SDL.h>
#include <imgui.h>

#include <cstdint>
#include <functional>

namespace wk::platform {

struct EventLoopCallbacks {
  std::function<void()> frame;                             // required: builds one ImGui frame (between
                                                           //   ImGui::NewFrame and ImGui::Render)
  std::function<void()> on_wake;                           // after EventLoop_Wake(), before the frame
  std::function<void()> before_new_frame;                  // before each frame, outside it: fonts may change
  std::function<void(const SDL_Event&)> on_event;          // every SDL event before ImGui sees it
  std::function<void(std::uint64_t frames)> on_presented;  // after each present (1 = the first frame)
};

struct EventLoopOptions {
  int frames_after_input = 3;  // ImGui needs the release frame and one more to settle hover and layout
  int max_fps = 60;            // while animating or catching up with input (a tap's own frames: at once)
  ImVec4 clear_color{0.0f, 0.0f, 0.0f, 1.0f};
};

// Registers the wake event type and installs the SIGTERM/SIGINT handlers.
bool EventLoop_Init(EventLoopCallbacks callbacks, EventLoopOptions options = {});
// Runs until SIGTERM/SIGINT or EventLoop_RequestQuit(); draws the first frame at once.
void EventLoop_Run();
void EventLoop_Shutdown();  // restores the signal handlers

// Thread-safe: from workers (sync done, printer state changed) and from signal watcher. Coalesced: many
// wakes before the loop runs give one on_wake() call.
void EventLoop_Wake();
void EventLoop_RequestQuit();   // thread-safe; the staff panel's "exit"
bool EventLoop_QuitBySignal();  // the loop ended because of SIGTERM/SIGINT

// The loop's clock: milliseconds since SDL_Init (SDL_GetTicks64).
std::uint64_t EventLoop_NowMs();
// Draw continuously (at max_fps) until this time; later calls extend, never shorten.
void EventLoop_AnimateUntil(std::uint64_t deadline_ms);
// Draw one frame at this time. Cleared before every frame: frame() asks again each time it needs it, and
// the earliest request of a frame wins (a countdown asks for the next whole second).
void EventLoop_RedrawAt(std::uint64_t deadline_ms);
void EventLoop_RequestFrames(int count);  // draw at least `count` more frames (e.g. hover to settle)
// The state changed in this frame (a tap gave a ticket): this frame, which shows the old state, is not
// rendered, and the next is drawn at once rather than at the animation pace, so the resident sees the
// change one frame's work after the tap's release, not two works and an interval later.
void EventLoop_ShowChangeNow();

// A person's input (keys, mouse, touch): what earns frames_after_input frames.
bool EventLoop_IsInput(Uint32 sdl_event_type);

std::uint64_t EventLoop_FramesDrawn();    // presented
std::uint64_t EventLoop_FramesDropped();  // built but not rendered: a press already released, a state
                                          //   already left, or a frame built while a tap came in
std::uint64_t EventLoop_Wakeups();        // times the loop woke from waiting: idle means this stays put too

}  // namespace wk::platform
