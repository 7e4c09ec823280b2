// The kiosk at the door: the KioskRuntime (outbox, sync, printer, reprints, PIN) drives core's kiosk
// model; each frame tells core the time, draws its state and hands it the resident's taps.
#include "app/kiosk_main.hpp"

#include <cstdio>
#include <map>
#include <optional>

#include "app/kiosk_view.hpp"
#include "app/role_start.hpp"
#include "app/shell.hpp"
#include "app/text_shaper.hpp"
#include "platform/reader.hpp"
#include "platform/speech.hpp"
#include "platform/window.hpp"
#include "ui/spoken_text.hpp"

namespace wk::app {
namespace {

// Every worker, reprints taken, the workers started after the first frame, woken through the event loop.
RuntimeOptions gui_runtime_options(Clock clock, Clock monotonic) {
  RuntimeOptions o;
  o.on_sync_change = [] { platform::EventLoop_Wake(); };
  o.quit = [] { platform::EventLoop_RequestQuit(); };
  o.wake = [] { platform::EventLoop_Wake(); };
  o.listen_for_reprints = true;
  o.start_workers = false;
  o.clock = std::move(clock);
  o.monotonic = std::move(monotonic);
  return o;
}

// What the kiosk's fonts depend on (kiosk_fonts). At namespace scope: GCC 12 does not emit the string
// comparison a defaulted == of a local class needs.
struct FontsFor {
  std::string language;
  std::string welcome_title;  // its language (welcome_title_language)
  bool large_print;
  int generation;
  bool operator==(const FontsFor&) const = default;
};

}  // namespace

int kiosk_main(const GuiOptions& opt) {
  auto opened = open_kiosk_runtime(opt.config_path, gui_runtime_options(opt.clock, opt.monotonic));
  if (!opened) return start_failed(opened.error());
  KioskRuntime& rt = *opened.value();
  const double runtime_ms = ms_since(opt.started);
  std::map<std::string, ImTextureID> pictograms;
  QrTexture qr;
  int drawn_generation = rt.config_generation;  // the config the pictograms and fonts were made for
  bool volunteer_pictograms = false;  // the second door's and the interests': from the first topics screen on

  // Read-aloud: the screen's text from the tree the last frame drew (the one the resident tapped the
  // speaker on), spoken on the reader's own thread; its end comes back as an event through the inbox.
  const ui::UiTree* drawn_tree = nullptr;
  // Which languages have a voice is asked of espeak after the first frame: starting espeak costs time and
  // memory the resident's first screen must not wait for. The speaker shows from the next frame on.
  bool voices_known = false;
  platform::Reader reader({[&rt](platform::ReadEnd end) {
    if (end != platform::ReadEnd::replaced) rt.inbox.post(ev::ReadingEnded{});
  }});
  rt.io.read_screen = [&](const std::string& language, int volume) {
    const std::string text = drawn_tree ? ui::spoken_text(*drawn_tree) : std::string();
    reader.read(text, platform::Speech_VoiceFor(language), volume);
  };
  rt.io.stop_reading = [&] { reader.stop(); };
  rt.io.set_volume = [&](int volume) { reader.set_volume(volume); };

  const PlatformShaper shaper{platform::FontOptions{}.arabic_font};  // for the fonts' glyph lists

  ShellParams p = role_window(rt.device, opt, "kiosk", "wijkkiosk", 1080, 1920);
  p.fonts = kiosk_fonts(rt, shaper);
  // The outbox holds residents' tickets: on a lost display the workers stop and it is closed cleanly.
  p.on_display_lost = [&rt] { close_runtime(rt); };
  // A release on trial is good only if it can keep residents' tickets: its outbox must read.
  p.works = [&rt] { return rt.outbox && rt.outbox->stats().ok(); };
  RoleHooks hooks;
  hooks.on_wake = [&] {
    drain_inbox(rt);
    if (rt.config_generation == drawn_generation) return;
    drawn_generation = rt.config_generation;
    load_pictograms(rt.state.config, pictograms, volunteer_pictograms);
    // A new config may bring a language that needs other glyphs: between_frames builds them.
  };
  hooks.screen = [&] {
    const Session& ses = rt.state.session;
    std::string name = screen_name(ses.screen);
    if (ses.screen == Screen::Volunteer && ses.volunteer)
      name += std::string("-") + volunteer::step_name(ses.volunteer->step);
    if (ses.screen == Screen::Callback && ses.callback)
      name += std::string("-") + callback::step_name(ses.callback->step);
    return name;
  };
  hooks.on_window = [&] { load_pictograms(rt.state.config, pictograms, volunteer_pictograms); };
  // Bigger text (and, later, a script) the screen now needs: rebuilt between frames, a no-op otherwise.
  // Worked out again only when what decides them changed: the language, the welcome title's, bigger text,
  // the config.
  std::optional<FontsFor> fonts_for;
  platform::FontOptions wanted_fonts;
  hooks.between_frames = [&] {
    const FontsFor now{session_language(rt.state), welcome_title_language(rt.state),
                       rt.state.session.aids.large_print, rt.config_generation};
    if (fonts_for != now) {
      wanted_fonts = kiosk_fonts(rt, shaper);
      fonts_for = now;
    }
    if (auto rebuilt = platform::Fonts_Build(wanted_fonts, platform::mm_to_px(1.0f)); !rebuilt)
      std::fprintf(stderr, "wijkkiosk: fonts: %s\n", to_string(rebuilt.error()).c_str());
  };
  hooks.before_frame = [&] { dispatch(rt, ev::Tick{}); };
  hooks.draw = [&](const ui::Theme& theme, ui::UiTree& tree) {
    const Screen screen = rt.state.session.screen;
    if (!volunteer_pictograms && (screen == Screen::Topics || screen == Screen::Volunteer)) {
      volunteer_pictograms = true;
      load_pictograms(rt.state.config, pictograms, true);
    }
    qr.update(rt.state, rt.device.service_url);
    ui::KioskView view{&rt.state,  kiosk_time(rt), &rt.texts, theme, pictograms,
                       qr.texture, qr.side_px,     {},        {}};
    if (rt.state.session.screen == Screen::StaffPanel) view.staff = staff_info(rt, rt.texts);
    view.can_read_aloud = voices_known && platform::Speech_HasVoice(session_language(rt.state));
    drawn_tree = &tree;
    if (const std::string notice = print_notice(rt.state); !notice.empty())
      view.notice = rt.texts.tr(session_language(rt.state), notice);
    const auto events = ui::draw_kiosk(view, tree);
    for (const auto& e : events) dispatch(rt, e);
    return !events.empty();
  };
  // Wake again when core next needs the time (a countdown second, a timeout, the opening hours).
  hooks.redraw_in_ms = [&]() -> std::optional<std::int64_t> {
    const UnixMs at = kiosk_time(rt);
    return next_tick(rt.state, at) - at;
  };
  hooks.on_first_frame = [&] {
    std::fprintf(
        stderr,
        "wijkkiosk: first frame after %.0f ms (runtime %.0f ms after start), RSS %ld KiB, font atlas "
        "%dx%d\n",
        ms_since(opt.started), runtime_ms, rss_kib(), platform::Fonts_Current().atlas_width,
        platform::Fonts_Current().atlas_height);
    // The resident's screen first; the network and the printer a moment later (see RuntimeOptions).
    start_workers(rt);
    for (const auto& language : rt.state.config.languages) platform::Speech_HasVoice(language);
    voices_known = true;
    platform::EventLoop_RequestFrames(1);
    std::fprintf(stderr, "wijkkiosk: voices known, RSS %ld KiB\n", rss_kib());
  };
  hooks.on_stop = [&] {
    reader.stop();
    rt.io.read_screen = nullptr;  // the reader and the tree go with this function
    qr.release();
    release_pictograms(pictograms);
    stop_workers(rt);
  };
  return run_shell(p, hooks);
}

}  // namespace wk::app
