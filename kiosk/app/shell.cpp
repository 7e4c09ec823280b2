#include "app/shell.hpp"
#include "app/text_shaper.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>

#include "app/bench_log.hpp"
#include "app/trial_mark.hpp"
#include "platform/display_lost.hpp"
#include "platform/sd_notify.hpp"
#include "platform/window.hpp"

namespace wk::app {
namespace {

platform::WindowOptions window_options(const ShellParams& p) {
  platform::WindowOptions wo;
  wo.title = p.title;
  wo.width = p.width;
  wo.height = p.height;
  wo.fullscreen = p.fullscreen;
  wo.hide_cursor = !p.desk;
  wo.dpi_override = static_cast<float>(p.dpi_override);
  if (const char* size = std::getenv(p.size_variable); size && *size) {
    wo.fullscreen = false;
    if (std::sscanf(size, "%dx%d", &wo.width, &wo.height) != 2) wo.width = p.width, wo.height = p.height;
  }
  if (const char* full = std::getenv("KIOSK_FULLSCREEN"); full && std::string(full) == "1" && !p.desk)
    wo.fullscreen = true;
  return wo;
}

ui::Theme current_theme() {
  static const PlatformShaper shaper{platform::FontOptions{}.arabic_font};
  const platform::FontSet& fs = platform::Fonts_Current();
  ui::Theme theme;
  theme.shaper = &shaper;
  theme.normal = fs.normal;
  theme.large = fs.large;
  theme.huge = fs.huge;
  theme.px_per_mm = fs.px_per_mm;
  return theme;
}

}  // namespace

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

long rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string key;
  long value = 0;
  while (status >> key) {
    if (key == "VmRSS:") {
      status >> value;
      return value;
    }
    status.ignore(1 << 12, '\n');
  }
  return 0;
}

int run_shell(const ShellParams& p, const RoleHooks& hooks) {
  if (auto r = platform::Window_Init(window_options(p)); !r) {
    std::fprintf(stderr, "wijkkiosk: the screen could not be opened: %s\n", to_string(r.error()).c_str());
    return 1;
  }
  platform::DisplayLost_Init("wijkkiosk", p.on_display_lost);
  if (p.desk) {
    SDL_SetWindowResizable(platform::Window_Sdl(), SDL_TRUE);          // the layout scales with the window
    ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;  // Tab, arrows, Enter: keyboard first
    ImGui::StyleColorsLight();
    ImGui::GetStyle().FrameRounding = 4.0f;
  }
  if (auto fonts = platform::Fonts_Build(p.fonts, platform::mm_to_px(1.0f)); !fonts) {
    std::fprintf(stderr, "wijkkiosk: %s\n", to_string(fonts.error()).c_str());
    platform::Window_Shutdown();
    return 1;
  }
  ui::UiTree tree;
  TrialMark trial(p.data_dir, p.started, std::chrono::seconds(p.good_after_s), p.works);
  platform::EventLoopCallbacks cb;
  cb.on_event = hooks.on_event;
  cb.before_new_frame = hooks.between_frames;
  // The benchmark's log (bench/kiosk), only when asked for: the callbacks stay as they are otherwise.
  const std::unique_ptr<BenchLog> bench = BenchLog::from_environment();
  if (bench) {
    cb.on_event = [&bench, inner = cb.on_event](const SDL_Event& e) {
      bench->event(e);
      if (inner) inner(e);
    };
    cb.before_new_frame = [&bench, inner = cb.before_new_frame] {
      bench->frame_started();
      if (inner) inner();
    };
  }
  cb.on_wake = [&] {
    if (hooks.on_wake) hooks.on_wake();
    platform::EventLoop_RequestFrames(1);
  };
  cb.frame = [&] {
    if (hooks.before_frame) hooks.before_frame();
    int wx = 0, wy = 0;
    SDL_GetWindowPosition(platform::Window_Sdl(), &wx, &wy);
    tree.begin_frame(hooks.screen(), static_cast<float>(wx), static_cast<float>(wy));
    if (hooks.draw(current_theme(), tree)) {
      platform::EventLoop_ShowChangeNow();   // the resident's tap waits on the next frame: draw it at once
      platform::EventLoop_RequestFrames(2);  // and one more, for ImGui to settle the new screen's layout
    }
    if (!hooks.redraw_in_ms) return;
    if (const auto in = hooks.redraw_in_ms())
      platform::EventLoop_RedrawAt(platform::EventLoop_NowMs() +
                                   static_cast<std::uint64_t>(std::max<std::int64_t>(*in, 1)));
  };
  cb.on_presented = [&](std::uint64_t frames) {
    if (bench) bench->frame_presented(frames, tree.screen());
    // Written once the frame is on the glass, so a test that reads the tree sees what a person sees.
    if (!p.ui_tree_path.empty() && !tree.write_if_changed(p.ui_tree_path))
      std::fprintf(stderr, "wijkkiosk: the UI tree could not be written to %s\n", p.ui_tree_path.c_str());
    if (frames == 1) {
      platform::SdNotify_Send("READY=1");  // systemd (Type=notify): up once the first frame is on the glass
      if (hooks.on_first_frame) hooks.on_first_frame();
    }
    // On trial: one frame when the look is due, none otherwise (the idle app stays asleep).
    trial.after_frame(TrialMark::Clock::now());
    if (const auto in = trial.due_in(TrialMark::Clock::now()))
      platform::EventLoop_RedrawAt(platform::EventLoop_NowMs() +
                                   static_cast<std::uint64_t>(std::max<std::int64_t>(in->count(), 1)));
  };
  if (hooks.on_window) hooks.on_window();
  platform::EventLoopOptions lo;
  lo.clear_color = p.clear_color;
  platform::EventLoop_Init(cb, lo);
  // However the loop ends (a stop, or an error thrown out of a hook), the role stops its workers and the
  // window, fonts and signal watcher go, so nothing is left for std::terminate at exit.
  auto finish = [&] {
    platform::SdNotify_Send("STOPPING=1");
    platform::EventLoop_Shutdown();
    if (hooks.on_stop) hooks.on_stop();
    platform::Fonts_Shutdown();
    platform::Window_Shutdown();
  };
  try {
    // What workers posted before the loop could be woken is taken now, not at the next post.
    if (hooks.on_wake) hooks.on_wake();
    platform::EventLoop_Run();
  } catch (...) {
    finish();
    throw;
  }
  const bool by_signal = platform::EventLoop_QuitBySignal();
  finish();
  std::fprintf(stderr, "wijkkiosk: %s stopped (%s)\n", p.role.c_str(), by_signal ? "signal" : "asked");
  return 0;
}

}  // namespace wk::app
