// The waiting-room display: the calls listener (net/) feeds core's display model, the screen draws it, and
// the announcer (platform/) plays what the model asks, one call at a time.
#include "app/display_main.hpp"

#include <memory>
#include <utility>
#include <vector>

#include "app/assets.hpp"
#include "app/role_start.hpp"
#include "app/shell.hpp"
#include "core/display.hpp"
#include "net/calls_listener.hpp"
#include "platform/announcer.hpp"
#include "ui/display_screens.hpp"
#include "worker/inbox.hpp"

namespace wk::app {

int display_main(const GuiOptions& opt) {
  auto start = role_start(opt.config_path);
  if (!start) return start_failed(start.error());
  const Catalogues texts = load_all_catalogues();
  display::DisplayState state;
  worker::Inbox<display::Event> inbox([] { platform::EventLoop_Wake(); });
  // Made once the window is there: SDL's audio starts after its video, on one thread at a time.
  std::unique_ptr<platform::Announcer> announcer;
  std::vector<display::fx::Announce> unsaid;  // asked before the announcer was there
  auto dispatch = [&](const display::Event& e) {
    auto u = display::update(std::move(state), e, {opt.clock()});
    state = std::move(u.state);
    for (const auto& fx : u.effects)
      if (const auto* a = std::get_if<display::fx::Announce>(&fx)) {
        if (announcer)
          announcer->play(a->text, a->voice);
        else
          unsaid.push_back(*a);
      }
  };
  dispatch(display::ev::ConfigKnown{start->location, tz_of(start->location)});
  net::CallsListener::Options lo;
  lo.client = start->client;
  lo.on_batch = [&](const display::CallBatch& b) { inbox.post(display::ev::CallsArrived{b}); };
  lo.on_online = [&](bool on) { inbox.post(display::ev::OnlineChanged{on}); };
  lo.on_config = [&](const LocationConfig& c) { inbox.post(display::ev::ConfigKnown{c, tz_of(c)}); };
  net::CallsListener listener(std::move(lo));
  listener.start();

  ShellParams p = role_window(start->device, opt, "display", "wijkkiosk display", 1920, 1080);
  // The huge font also writes "balie 2" in any language the location may choose.
  p.fonts = font_sizes(9, 16, 55, printable_ascii() + in_every_language(texts, "Desk"));
  p.on_display_lost = [&listener] { listener.stop(); };
  RoleHooks hooks;
  hooks.on_wake = [&] {
    for (auto& e : inbox.take()) dispatch(e);
  };
  hooks.on_window = [&] {
    announcer = std::make_unique<platform::Announcer>(platform::AnnouncerOptions{
        start->device.speak, [&] { inbox.post(display::ev::AnnouncementDone{}); }});
    for (const auto& a : std::exchange(unsaid, {})) announcer->play(a.text, a.voice);
  };
  hooks.screen = [] { return std::string("display"); };
  hooks.draw = [&](const ui::Theme& theme, ui::UiTree& tree) {
    ui::draw_display({&state, &texts, display::clock_text(state, opt.clock()), theme}, tree);
    return false;
  };
  hooks.redraw_in_ms = [&]() -> std::optional<std::int64_t> {
    const UnixMs now = opt.clock();
    return display::next_redraw(now) - now;
  };
  hooks.on_stop = [&] {
    listener.stop();
    announcer.reset();  // its audio device closes before SDL quits
  };
  return run_shell(p, hooks);
}

}  // namespace wk::app
