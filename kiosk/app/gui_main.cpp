// The GUI shell of the kiosk role: wires the SDL window, the event loop, fonts and textures to core through
// the KioskRuntime. Each frame: tell core the time, draw its state, hand it the taps.
#include "app/gui_main.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <string>

#include "app/assets.hpp"
#include "app/counter_main.hpp"
#include "app/display_main.hpp"
#include "app/kiosk_runtime.hpp"
#include "core/script.hpp"
#include "platform/display_lost.hpp"
#include "platform/event_loop.hpp"
#include "platform/fonts.hpp"
#include "platform/image_file.hpp"
#include "platform/render_sdl.hpp"
#include "platform/window.hpp"
#include "print/qr.hpp"
#include "ui/kiosk_screens.hpp"
#include "ui/ui_tree.hpp"

namespace wk::app {
namespace {

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

// The QR texture follows the ticket on screen: made when a ticket appears, freed when it goes.
struct QrTexture {
  std::string ticket_id;
  ImTextureID texture = nullptr;
  float side_px = 0;

  void update(const KioskState& s, const std::string& service_url) {
    const std::string want = s.session.ticket ? s.session.ticket->id : std::string();
    if (want == ticket_id) return;
    if (texture) platform::RenderSdl_DestroyTexture(texture);
    texture = nullptr;
    ticket_id = want;
    if (want.empty()) return;
    const auto code = print::qr_encode(status_url(service_url, s.session.ticket->public_token));
    if (code.empty()) return;
    // Whole pixels per module keep the modules sharp; enough of them for >= 40 mm on the glass.
    const int total_modules = code.width + 8;
    const int module_px = std::max(2, static_cast<int>(platform::mm_to_px(ui::kQrMinMm) / total_modules + 1));
    const auto rgba = print::qr_rgba(code, module_px);
    const int side = print::qr_pixel_size(code, module_px);
    texture = platform::RenderSdl_CreateTexture(rgba.data(), side, side, platform::TextureFilter::Nearest);
    side_px = static_cast<float>(side);
  }
  void release() {
    if (texture) platform::RenderSdl_DestroyTexture(texture);
    texture = nullptr;
    ticket_id.clear();
  }
};

// Loads the pictograms of the config's topics that `out` does not hold yet (a new config may add some).
void load_pictograms(const LocationConfig& config, std::map<std::string, ImTextureID>& out) {
  for (const auto& t : config.topics) {
    if (t.pictogram.empty() || out.count(t.pictogram)) continue;
    const std::string path = pictograms_dir() + "/" + t.pictogram + ".png";
    auto img = platform::image_load_png(path);
    if (!img) {
      std::fprintf(stderr, "wijkkiosk: no pictogram '%s' (%s); the tile shows text only\n",
                   t.pictogram.c_str(), img.error().detail.c_str());
      out[t.pictogram] = nullptr;  // remembered: not tried (and logged) again on every wake
      continue;
    }
    out[t.pictogram] = platform::RenderSdl_CreateTexture(img->pixels.data(), img->width, img->height);
  }
}

const char* printer_words(PrinterState s) {
  switch (s) {
    case PrinterState::Ok:
      return "ready";
    case PrinterState::PaperLow:
      return "paper almost out";
    case PrinterState::PaperOut:
      return "out of paper";
    case PrinterState::CoverOpen:
      return "cover open";
    case PrinterState::Offline:
      return "not answering";
    case PrinterState::None:
      return "none configured";
  }
  return "none configured";
}

std::string clock_text(const KioskState& s, std::optional<UnixMs> t) {
  if (!t) return "-";
  const CivilTime c = to_local(s.tz, *t);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", c.year, c.month, c.day, c.hour, c.minute,
                c.second);
  return buf;
}

// What the staff panel shows, in words: read from the sync worker and the outbox when the panel is open.
ui::StaffInfo staff_info(KioskRuntime& rt, const Catalogues& texts) {
  const std::string& lang = session_language(rt.state);
  auto tr = [&](const char* msgid) { return texts.tr(lang, msgid); };
  ui::StaffInfo info;
  info.rows.push_back({tr("Version"), WIJKKIOSK_VERSION});
  info.rows.push_back({tr("Location"), rt.state.config.name + " (" + rt.device.location + ")"});
  if (rt.sync) {
    const net::SyncStatus st = rt.sync->status();
    std::string service;
    if (st.reachable)
      service = fill(tr("reachable since {t}"), {{"t", clock_text(rt.state, st.reachable_since)}});
    else if (st.unreachable_since)
      service = fill(tr("not reachable since {t}"), {{"t", clock_text(rt.state, st.unreachable_since)}}) +
                (st.last_error.empty() ? "" : ": " + st.last_error);
    else
      service = tr("not contacted yet");
    info.rows.push_back({tr("Service"), service});
    info.rows.push_back({tr("Last sync"), clock_text(rt.state, st.last_sync_at)});
  }
  if (auto stats = rt.outbox->stats()) {
    info.rows.push_back(
        {tr("Waiting to send"),
         std::to_string(stats->pending) +
             (stats->oldest_pending_created_at
                  ? " (" +
                        fill(tr("oldest from {t}"),
                             {{"t", clock_text(rt.state, stats->oldest_pending_created_at)}}) +
                        ")"
                  : std::string())});
    info.rows.push_back({tr("Sent"), std::to_string(stats->sent)});
    info.rows.push_back({tr("Parked for IT"), std::to_string(stats->parked)});
  }
  info.rows.push_back(
      {tr("Printer"), rt.state.has_printer ? tr(printer_words(rt.state.printer)) : tr("none configured")});
  return info;
}

// The kiosk's fonts for its location: sizes in mm; Arabic glyphs only when a language is written in Arabic
// script; in the huge font the codes and the welcome title in each language.
platform::FontOptions kiosk_fonts(const KioskRuntime& rt) {
  platform::FontOptions fo;
  fo.normal_mm = 7.0f;
  fo.large_mm = 11.0f;
  fo.huge_mm = 50.0f;
  const auto& langs = rt.state.config.languages;
  fo.arabic_script = any_written_in(langs, Script::arabic);
  for (const auto& l : langs) fo.huge_text += rt.texts.tr(l, "Welcome");
  return fo;
}

// Milliseconds from main() to now: the phases of start-up, for the log.
double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

int kiosk_main(const GuiOptions& opt) {
  auto opened = open_kiosk_runtime(opt.config_path, {.on_sync_change = [] { platform::EventLoop_Wake(); },
                                                     .start_sync = true,
                                                     .quit = [] { platform::EventLoop_RequestQuit(); },
                                                     .wake = [] { platform::EventLoop_Wake(); },
                                                     .start_printer = true,
                                                     .listen_for_reprints = true,
                                                     .start_workers = false,
                                                     .clock = opt.clock,
                                                     .build_time = std::nullopt});
  if (!opened) {
    std::fprintf(stderr, "wijkkiosk: %s\n", opened.error().message.c_str());
    if (!opened.error().detail.empty())
      std::fprintf(stderr, "wijkkiosk: (%s)\n", opened.error().detail.c_str());
    return 1;
  }
  KioskRuntime& rt = *opened.value();
  const double runtime_ms = ms_since(opt.started);

  platform::WindowOptions wo;
  wo.title = "wijkkiosk";
  const char* fullscreen = std::getenv("KIOSK_FULLSCREEN");
  const char* windowed = std::getenv("KIOSK_WINDOWED");  // "1080x1920": the demo's scaled window
  wo.fullscreen = !(windowed && *windowed) || (fullscreen && std::string(fullscreen) == "1");
  if (windowed && std::sscanf(windowed, "%dx%d", &wo.width, &wo.height) != 2)
    wo.width = 1080, wo.height = 1920;
  wo.dpi_override = static_cast<float>(rt.device.dpi_override);
  if (auto r = platform::Window_Init(wo); !r) {
    std::fprintf(stderr, "wijkkiosk: the screen could not be opened: %s\n", to_string(r.error()).c_str());
    return 1;
  }
  // The outbox holds residents' tickets: on a lost display the workers stop and it is closed cleanly.
  platform::DisplayLost_Init("wijkkiosk", [&rt] {
    stop_workers(rt);
    rt.outbox.reset();
  });
  const double window_ms = ms_since(opt.started);
  auto fonts = platform::Fonts_Build(kiosk_fonts(rt), platform::mm_to_px(1.0f));
  if (!fonts) {
    std::fprintf(stderr, "wijkkiosk: %s\n", to_string(fonts.error()).c_str());
    platform::Window_Shutdown();
    return 1;
  }
  const double fonts_ms = ms_since(opt.started);
  const Catalogues& texts = rt.texts;
  std::map<std::string, ImTextureID> pictograms;
  load_pictograms(rt.state.config, pictograms);
  const double pictograms_ms = ms_since(opt.started);
  ui::UiTree tree;
  QrTexture qr;

  platform::EventLoopCallbacks cb;
  cb.frame = [&] {
    dispatch(rt, ev::Tick{});
    const UnixMs now = kiosk_time(rt);
    qr.update(rt.state, rt.device.service_url);
    const platform::FontSet& fs = platform::Fonts_Current();
    ui::KioskView view;
    view.state = &rt.state;
    view.now = now;
    view.text = &texts;
    view.theme.normal = fs.normal;
    view.theme.large = fs.large;
    view.theme.huge = fs.huge;
    view.theme.px_per_mm = fs.px_per_mm;
    view.pictograms = pictograms;
    view.qr = qr.texture;
    view.qr_side_px = qr.side_px;
    if (rt.state.session.screen == Screen::StaffPanel) view.staff = staff_info(rt, texts);
    if (const std::string notice = print_notice(rt.state); !notice.empty())
      view.notice = texts.tr(session_language(rt.state), notice);
    int wx = 0, wy = 0;
    SDL_GetWindowPosition(platform::Window_Sdl(), &wx, &wy);
    tree.begin_frame(screen_name(rt.state.session.screen), static_cast<float>(wx), static_cast<float>(wy));
    const auto events = ui::draw_kiosk(view, tree);
    for (const auto& e : events) dispatch(rt, e);
    if (!events.empty()) platform::EventLoop_RequestFrames(2);  // show the new state at once
    // Wake again when core next needs the time (a countdown second, a timeout, the opening hours).
    const UnixMs at = kiosk_time(rt);
    const UnixMs wait = next_tick(rt.state, at) - at;
    platform::EventLoop_RedrawAt(platform::EventLoop_NowMs() +
                                 static_cast<std::uint64_t>(std::max<UnixMs>(wait, 1)));
  };
  int drawn_generation = rt.config_generation;  // the config the pictograms and fonts were made for
  cb.on_wake = [&] {
    drain_inbox(rt);
    if (rt.config_generation != drawn_generation) {
      drawn_generation = rt.config_generation;
      load_pictograms(rt.state.config, pictograms);
      // A new config may bring a language that needs other glyphs; between frames is where fonts may change.
      if (auto rebuilt = platform::Fonts_Build(kiosk_fonts(rt), platform::mm_to_px(1.0f)); !rebuilt)
        std::fprintf(stderr, "wijkkiosk: fonts for the new config: %s\n", to_string(rebuilt.error()).c_str());
    }
    platform::EventLoop_RequestFrames(1);
  };
  cb.on_presented = [&](std::uint64_t frames) {
    // Written once the frame is on the glass, so a test that reads the tree sees what a person sees.
    if (!tree.write_if_changed(opt.ui_tree_path))
      std::fprintf(stderr, "wijkkiosk: the UI tree could not be written to %s\n", opt.ui_tree_path.c_str());
    if (frames != 1) return;
    // The resident's screen first; the network and the printer a moment later (see RuntimeOptions).
    start_workers(rt);
    std::fprintf(
        stderr,
        "wijkkiosk: first frame after %.0f ms (runtime %.0f, window %.0f, fonts %.0f, pictograms %.0f ms "
        "after start), RSS %ld KiB\n",
        ms_since(opt.started), runtime_ms, window_ms, fonts_ms, pictograms_ms, rss_kib());
  };
  platform::EventLoopOptions lo;
  lo.clear_color = ImGui::ColorConvertU32ToFloat4(ui::Theme{}.background);
  platform::EventLoop_Init(cb, lo);
  platform::EventLoop_Run();
  const bool by_signal = platform::EventLoop_QuitBySignal();
  platform::EventLoop_Shutdown();
  qr.release();
  for (auto& [name, tex] : pictograms) platform::RenderSdl_DestroyTexture(tex);
  stop_workers(rt);
  platform::Fonts_Shutdown();
  platform::Window_Shutdown();
  std::fprintf(stderr, "wijkkiosk: stopped (%s)\n", by_signal ? "signal" : "staff panel");
  return 0;
}

}  // namespace

int gui_main(const GuiOptions& opt) {
  GuiOptions o = opt;
  if (!o.clock) o.clock = wall_clock();
  if (o.ui_tree_path.empty())
    if (const char* env = std::getenv("WIJKKIOSK_UI_TREE")) o.ui_tree_path = env;
  if (o.role == "kiosk") return kiosk_main(o);
  if (o.role == "counter") return counter_main(o);
  if (o.role == "display") return display_main(o);
  std::fprintf(stderr, "wijkkiosk: the role must be kiosk, counter or display, not %s\n", o.role.c_str());
  return 2;
}

}  // namespace wk::app
