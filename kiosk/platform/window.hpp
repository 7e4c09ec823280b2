#pragma once
// The SDL window, its SDL_Renderer and the ImGui context with Debian's compiled-in SDL2 platform backend.
// A kiosk runs fullscreen-desktop and borderless at the display's native size; the demo runs windowed at a
// kiosk's logical size (e.g. 1080x1920) scaled down to fit the screen, and ImGui still lays out in the
// logical size. Sizes are meant in millimetres: mm_to_px() turns them into logical pixels from the DPI.
#include <imgui.h>

#include <cstdint>
#include <string>

#include "core/result.hpp"

struct SDL_Window;
struct SDL_Renderer;

namespace wk::platform {

struct WindowOptions {
  std::string title = "wijkkiosk";
  bool fullscreen = true;  // borderless fullscreen-desktop at the display's native size
  int width = 1080;        // windowed only: the logical size ImGui lays out in;
  int height = 1920;       //   the window itself is scaled down to fit the display's usable area
  int display = 0;
  // SDL's software renderer: no libGL/LLVM in memory, ~30 MB, fast start. Sets the hints in code
  // (SDL_RENDER_DRIVER=software, SDL_FRAMEBUFFER_ACCELERATION=0); the environment still wins.
  bool software = true;
  bool vsync = true;          // only for accelerated renderers; the loop caps the frame rate itself
  bool hide_cursor = true;    // touch screens: no pointer, and ImGui may not bring it back
  float dpi_override = 0.0f;  // > 0: use this DPI instead of what the display reports (from the config)
};

// SDL_Init, window, renderer, ImGui context (IniFilename = nullptr), ImGui_ImplSDL2 and RenderSdl.
// Also sets SDL_HINT_NO_SIGNAL_HANDLERS: SIGTERM belongs to the event loop, not to SDL.
Result<void> Window_Init(const WindowOptions& options);
void Window_Shutdown();  // in reverse; safe to call after a failed Window_Init

SDL_Window* Window_Sdl();
SDL_Renderer* Window_Renderer();
ImVec2 Window_LogicalSize();  // what ImGui lays out in (io.DisplaySize)

float Window_Dpi();              // dots per inch of the logical pixels
const char* Window_DpiSource();  // "override", "display", or "fallback" (the display said nothing sane)
float mm_to_px(float mm);        // millimetres on the glass to logical pixels
float px_to_mm(float px);

// The pointer as the events handled so far left it (window coordinates). ImGui 1.86's backend reads SDL's
// current state instead, which already holds every queued event: a batch of taps would land where the
// last one did.
struct WindowPointer {
  bool seen = false;  // no pointer event yet: the backend's own reading stands
  float x = 0, y = 0;
  bool down = false;     // the left button (or a finger, as SDL turns touches into mouse events) is down
  bool pressed = false;  // it went down since the last frame, even if it is up again already
};

// One frame's platform half: ImGui_ImplSDL2_NewFrame, the pointer from the events, and the mapping of a
// scaled window (mouse position, DisplaySize, DisplayFramebufferScale) to the logical size. Call before
// ImGui::NewFrame().
void Window_NewFrame(const WindowPointer& pointer);
// Clears, draws ImGui's draw data with RenderSdl and presents.
void Window_Render(ImDrawData* draw_data, ImVec4 clear_color);

double Window_MsSinceInit();  // milliseconds since just before SDL_Init, for start-up measurements

}  // namespace wk::platform
