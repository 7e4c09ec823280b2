#include "platform/window.hpp"

#include <SDL.h>
#include <backends/imgui_impl_sdl.h>

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "platform/render_sdl.hpp"
#include "platform/window_manager.hpp"

namespace wk::platform {
namespace {

// Xvfb and some panels report no size or a made-up one; outside this range the DPI is not believed.
constexpr float kMinSaneDpi = 50.0f;
constexpr float kMaxSaneDpi = 600.0f;
constexpr float kFallbackDpi = 96.0f;
constexpr float kMmPerInch = 25.4f;

struct WindowState {
  WindowOptions options;
  SDL_Window* window = nullptr;
  SDL_Renderer* renderer = nullptr;
  bool sdl_up = false;
  bool imgui_up = false;
  bool platform_up = false;
  bool render_up = false;
  ImVec2 logical{0.0f, 0.0f};
  float dpi = kFallbackDpi;
  const char* dpi_source = "fallback";
  std::chrono::steady_clock::time_point started{};
};

WindowState g_window;

Error sdl_error(const char* what) {
  return make_error("display", "The screen could not be opened.", std::string(what) + ": " + SDL_GetError());
}

void choose_dpi(const WindowOptions& options) {
  if (options.dpi_override > 0.0f) {
    g_window.dpi = options.dpi_override;
    g_window.dpi_source = "override";
    return;
  }
  float diagonal = 0.0f, horizontal = 0.0f, vertical = 0.0f;
  if (SDL_GetDisplayDPI(options.display, &diagonal, &horizontal, &vertical) == 0) {
    const float dpi = (horizontal + vertical) / 2.0f;
    if (dpi >= kMinSaneDpi && dpi <= kMaxSaneDpi) {
      g_window.dpi = dpi;
      g_window.dpi_source = "display";
      return;
    }
  }
  g_window.dpi = kFallbackDpi;
  g_window.dpi_source = "fallback";
}

void set_hints(const WindowOptions& options) {
  // SDL would turn SIGINT/SIGTERM into SDL_QUIT, which the lock-down ignores: the loop owns the signals.
  SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
  // Focus moving elsewhere (a second screen, a popup) must not iconify the kiosk.
  SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
  // A resident's first tap must count even when the window manager has not focused the window yet.
  SDL_SetHint(SDL_HINT_MOUSE_FOCUS_CLICKTHROUGH, "1");
  if (options.software) {
    // Without FRAMEBUFFER_ACCELERATION=0 the "software" renderer still loads libGL and LLVM (~90 MB).
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  }
}

Result<void> create_window(const WindowOptions& options, int display) {
  Uint32 flags = SDL_WINDOW_SHOWN;
  int x = static_cast<int>(SDL_WINDOWPOS_UNDEFINED_DISPLAY(display));
  int y = x;
  int w = options.width, h = options.height;
  if (options.fullscreen) {
    SDL_Rect bounds;
    if (SDL_GetDisplayBounds(display, &bounds) != 0) return sdl_error("SDL_GetDisplayBounds");
    // Borderless over the whole display. Fullscreen-desktop is asked of a window manager only when there
    // is one: on X11 SDL waits up to 100 ms for one to confirm it, so a kiosk on a bare X server (no
    // window manager, as it usually runs) would sit out all of it before its first frame, and asking
    // later swallows taps while it waits. Without a window manager the borderless window is the screen.
    flags |= SDL_WINDOW_BORDERLESS;
    const char* driver = SDL_GetCurrentVideoDriver();
    if (driver == nullptr || std::string(driver) != "x11" || WindowManager_Present())
      flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    x = bounds.x;
    y = bounds.y;
    w = bounds.w;
    h = bounds.h;
  } else {
    // The demo shows a portrait kiosk on a landscape laptop: keep the aspect, shrink to the usable area.
    SDL_Rect usable;
    if (SDL_GetDisplayUsableBounds(display, &usable) != 0) return sdl_error("SDL_GetDisplayUsableBounds");
    const float fit = std::min({1.0f, static_cast<float>(usable.w) / static_cast<float>(w),
                                static_cast<float>(usable.h) / static_cast<float>(h)});
    w = std::max(1, static_cast<int>(std::floor(static_cast<float>(w) * fit)));
    h = std::max(1, static_cast<int>(std::floor(static_cast<float>(h) * fit)));
    x = static_cast<int>(SDL_WINDOWPOS_CENTERED_DISPLAY(display));
    y = x;
  }
  g_window.window = SDL_CreateWindow(options.title.c_str(), x, y, w, h, flags);
  if (g_window.window == nullptr) return sdl_error("SDL_CreateWindow");

  Uint32 renderer_flags = SDL_RENDERER_SOFTWARE;
  if (!options.software) {
    renderer_flags =
        SDL_RENDERER_ACCELERATED | (options.vsync ? Uint32{SDL_RENDERER_PRESENTVSYNC} : Uint32{0});
  }
  g_window.renderer = SDL_CreateRenderer(g_window.window, -1, renderer_flags);
  if (g_window.renderer == nullptr && !options.software) {
    // No usable GPU driver: the software renderer always works, so a kiosk still comes up.
    g_window.renderer = SDL_CreateRenderer(g_window.window, -1, SDL_RENDERER_SOFTWARE);
  }
  if (g_window.renderer == nullptr) return sdl_error("SDL_CreateRenderer");
  return Ok{};
}

Result<void> init_all(const WindowOptions& options) {
  g_window.options = options;
  g_window.started = std::chrono::steady_clock::now();
  set_hints(options);
  if (SDL_Init(SDL_INIT_VIDEO) != 0) return sdl_error("SDL_Init");
  g_window.sdl_up = true;

  const int display = std::clamp(options.display, 0, std::max(0, SDL_GetNumVideoDisplays() - 1));
  g_window.options.display = display;
  if (auto made = create_window(g_window.options, display); !made) return made;
  if (options.hide_cursor) SDL_ShowCursor(SDL_DISABLE);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  g_window.imgui_up = true;
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // a kiosk keeps no window layout, and must not write into its working dir
  io.LogFilename = nullptr;
  // ImGui's SDL backend would show the cursor again every frame: it may not touch it on a touch screen.
  if (options.hide_cursor) io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;

  if (!ImGui_ImplSDL2_InitForSDLRenderer(g_window.window))
    return sdl_error("ImGui_ImplSDL2_InitForSDLRenderer");
  g_window.platform_up = true;
  if (!RenderSdl_Init(g_window.renderer)) return sdl_error("RenderSdl_Init");
  g_window.render_up = true;

  choose_dpi(g_window.options);
  int w = 0, h = 0;
  SDL_GetWindowSize(g_window.window, &w, &h);
  g_window.logical = options.fullscreen
                         ? ImVec2(static_cast<float>(w), static_cast<float>(h))
                         : ImVec2(static_cast<float>(options.width), static_cast<float>(options.height));
  io.DisplaySize = g_window.logical;
  return Ok{};
}

}  // namespace

Result<void> Window_Init(const WindowOptions& options) {
  if (g_window.sdl_up) return make_error("display", "The window is already open.", "Window_Init twice");
  g_window = WindowState{};
  auto result = init_all(options);
  if (!result) Window_Shutdown();  // leaves nothing half made, so a later attempt starts clean
  return result;
}

void Window_Shutdown() {
  if (g_window.render_up) RenderSdl_Shutdown();
  if (g_window.platform_up) ImGui_ImplSDL2_Shutdown();
  if (g_window.imgui_up) ImGui::DestroyContext();
  if (g_window.renderer != nullptr) SDL_DestroyRenderer(g_window.renderer);
  if (g_window.window != nullptr) SDL_DestroyWindow(g_window.window);
  if (g_window.sdl_up) SDL_Quit();
  g_window = WindowState{};
}

SDL_Window* Window_Sdl() {
  return g_window.window;
}
SDL_Renderer* Window_Renderer() {
  return g_window.renderer;
}
ImVec2 Window_LogicalSize() {
  return g_window.logical;
}
float Window_Dpi() {
  return g_window.dpi;
}
const char* Window_DpiSource() {
  return g_window.dpi_source;
}
float mm_to_px(float mm) {
  return mm * g_window.dpi / kMmPerInch;
}
float px_to_mm(float px) {
  return px * kMmPerInch / g_window.dpi;
}

void Window_NewFrame(const WindowPointer& pointer) {
  ImGui_ImplSDL2_NewFrame();
  if (pointer.seen) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(pointer.x, pointer.y);
    io.MouseDown[0] = pointer.down || pointer.pressed;
  }
  int ww = 0, wh = 0, ow = 0, oh = 0;
  SDL_GetWindowSize(g_window.window, &ww, &wh);
  SDL_GetRendererOutputSize(g_window.renderer, &ow, &oh);
  if (ww <= 0 || wh <= 0 || ow <= 0 || oh <= 0) return;  // minimised: leave the backend's values
  if (g_window.options.fullscreen) g_window.logical = ImVec2(static_cast<float>(ww), static_cast<float>(wh));
  const ImVec2 logical = g_window.logical;
  ImGuiIO& io = ImGui::GetIO();
  // The backend reports the pointer in window coordinates; ImGui works in the logical size.
  if (io.MousePos.x > -FLT_MAX / 2 && io.MousePos.y > -FLT_MAX / 2) {
    io.MousePos = ImVec2(io.MousePos.x * logical.x / static_cast<float>(ww),
                         io.MousePos.y * logical.y / static_cast<float>(wh));
  }
  io.DisplaySize = logical;
  io.DisplayFramebufferScale = ImVec2(static_cast<float>(ow) / logical.x, static_cast<float>(oh) / logical.y);
}

void Window_Render(ImDrawData* draw_data, ImVec4 clear_color) {
  SDL_Renderer* r = g_window.renderer;
  if (r == nullptr) return;
  auto channel = [](float v) { return static_cast<Uint8>(std::clamp(v, 0.0f, 1.0f) * 255.0f + 0.5f); };
  SDL_SetRenderDrawColor(r, channel(clear_color.x), channel(clear_color.y), channel(clear_color.z),
                         channel(clear_color.w));
  SDL_RenderClear(r);
  RenderSdl_RenderDrawData(draw_data);
  SDL_RenderPresent(r);
}

double Window_MsSinceInit() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - g_window.started)
      .count();
}

}  // namespace wk::platform
