// The counter at a desk: core's counter model, its screens, and the counter worker (net/) that runs its
// calls to the service. F1-F5 are the desk's keys for the buttons.
#include "app/counter_main.hpp"

#include <filesystem>

#include "app/assets.hpp"
#include "app/role_start.hpp"
#include "app/shell.hpp"
#include "core/counter.hpp"
#include "net/counter_worker.hpp"
#include "ui/counter_screens.hpp"
#include "worker/inbox.hpp"

namespace wk::app {
namespace {

std::optional<counter::Event> key_event(const SDL_Event& e) {
  if (e.type != SDL_KEYDOWN || e.key.repeat) return std::nullopt;
  switch (e.key.keysym.scancode) {
    case SDL_SCANCODE_F1:
      return counter::ev::CallNext{};
    case SDL_SCANCODE_F2:
      return counter::ev::Recall{};
    case SDL_SCANCODE_F3:
      return counter::ev::Served{};
    case SDL_SCANCODE_F4:
      return counter::ev::NoShow{};
    case SDL_SCANCODE_F5:
      return counter::ev::Reprint{};
    default:
      return std::nullopt;
  }
}

}  // namespace

int counter_main(const GuiOptions& opt) {
  auto start = role_start(opt.config_path, Token::none);
  if (!start) return start_failed(start.error());
  const DeviceConfig& d = start->device;
  const Catalogues texts = load_all_catalogues();
  counter::CounterState state = counter::initial_counter(d.location, d.desk);
  // The desk's topics as this desk last had them; those the location no longer has drop out (ConfigKnown).
  std::error_code made;
  std::filesystem::create_directories(d.data_dir, made);
  const std::string desk_topics_file = d.data_dir + "/desk-topics.json";
  for (auto& t : net::load_desk_topics(desk_topics_file)) state.my_topics.insert(std::move(t));
  worker::Inbox<counter::Event> inbox([] { platform::EventLoop_Wake(); });
  net::CounterWorker worker({start->client, 5000, 700, desk_topics_file, inbox.poster()});
  auto dispatch = [&](const counter::Event& e) {
    auto u = counter::update(std::move(state), e, {opt.clock()});
    state = std::move(u.state);
    for (auto& fx : u.effects) worker.run(std::move(fx));
  };

  ShellParams p = role_window(
      d, opt, "counter", "wijkkiosk — " + fill(texts.tr("nl", "Desk {n}"), {{"n", std::to_string(d.desk)}}),
      1280, 800);
  p.size_variable = "COUNTER_WINDOW";
  p.fullscreen = false;
  p.desk = true;
  p.fonts = font_sizes(4.5f, 7.0f, 18.0f);
  p.clear_color = ImVec4(0.96f, 0.96f, 0.94f, 1.0f);
  // Nothing of the counter's is kept on the machine: its worker simply ends with the process (it may itself
  // be the thread that met the lost display, so it is not waited for).
  p.on_display_lost = [] {};
  ui::CounterInput input;
  RoleHooks hooks;
  hooks.on_event = [&](const SDL_Event& e) {
    if (auto k = key_event(e)) inbox.post(*k);
  };
  hooks.on_wake = [&] {
    for (auto& e : inbox.take()) dispatch(e);
  };
  hooks.screen = [&] {
    return std::string(state.phase == counter::Phase::LoggedIn ? "counter" : "counter-login");
  };
  hooks.draw = [&](const ui::Theme& theme, ui::UiTree& tree) {
    const auto events = ui::draw_counter({&state, &texts, theme}, input, tree);
    for (const auto& e : events) dispatch(e);
    return !events.empty();
  };
  hooks.on_stop = [&] { worker.stop(); };
  return run_shell(p, hooks);
}

}  // namespace wk::app
