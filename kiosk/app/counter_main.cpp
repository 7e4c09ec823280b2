// The counter's GUI shell: wires the window, the loop and the CounterWorker to core's counter state
// machine. Each frame: apply what the worker posted, draw the state, feed clicks and F-keys to core, hand
// core's effects to the worker.
#include "app/counter_main.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <vector>

#include "app/assets.hpp"
#include "app/counter_worker.hpp"
#include "app/kiosk_runtime.hpp"
#include "platform/display_lost.hpp"
#include "platform/event_loop.hpp"
#include "platform/fonts.hpp"
#include "platform/window.hpp"
#include "ui/counter_screens.hpp"
#include "ui/ui_tree.hpp"

namespace wk::app {
namespace {

// Events from the worker thread wait here for the UI thread.
struct Inbox {
  std::mutex mu;
  std::vector<counter::Event> events;
  std::map<std::string, std::string> topic_names;
  std::vector<std::string> languages;
  void post(counter::Event e) {
    {
      std::lock_guard lock(mu);
      events.push_back(std::move(e));
    }
    platform::EventLoop_Wake();
  }
};

// F1-F5 are the desk's hands-on-keyboard shortcuts (see the labels on the buttons).
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
  auto device = load_device_config(opt.config_path);
  if (!device) {
    std::fprintf(stderr, "wijkkiosk: %s\n", to_string(device.error()).c_str());
    return 1;
  }
  const DeviceConfig& d = device.value();
  const Catalogues texts = load_all_catalogues();
  std::string lang = "nl";  // the location's default language once its config is known
  Inbox inbox;
  counter::CounterState state = counter::initial_counter(d.location, d.desk);
  // The desk's topics as this desk last had them; topics the location no longer has drop out once its
  // config is known (TopicsKnown).
  std::error_code made;
  std::filesystem::create_directories(d.data_dir, made);
  const std::string desk_topics_file = d.data_dir + "/desk-topics.json";
  for (auto& t : load_desk_topics(desk_topics_file)) state.my_topics.insert(std::move(t));
  net::ClientOptions client;
  client.base_url = d.service_url;
  client.ca_file = d.ca_file;
  CounterWorker worker({.client = client,
                        .refresh_ms = 5000,
                        .desk_topics_file = desk_topics_file,
                        .post = [&](counter::Event e) { inbox.post(std::move(e)); },
                        .on_config =
                            [&](const LocationConfig& c) {
                              std::lock_guard lock(inbox.mu);
                              inbox.languages = c.languages;
                              const std::string l = c.languages.empty() ? "nl" : c.languages.front();
                              for (const auto& t : c.topics) inbox.topic_names[t.id] = c.topic_name(t.id, l);
                            }});
  auto dispatch = [&](const counter::Event& e) {
    auto u = counter::update(std::move(state), e);
    state = std::move(u.state);
    for (auto& fx : u.effects) worker.run(std::move(fx));
  };

  platform::WindowOptions wo;
  wo.title = "wijkkiosk — " + fill(texts.tr(lang, "Desk {n}"), {{"n", std::to_string(d.desk)}});
  wo.fullscreen = false;
  wo.width = 1280;
  wo.height = 800;
  if (const char* size = std::getenv("COUNTER_WINDOW");
      size && std::sscanf(size, "%dx%d", &wo.width, &wo.height) != 2)
    wo.width = 1280, wo.height = 800;
  wo.hide_cursor = false;  // a desk PC with a mouse
  wo.dpi_override = static_cast<float>(d.dpi_override);
  if (auto r = platform::Window_Init(wo); !r) {
    std::fprintf(stderr, "wijkkiosk: the window could not be opened: %s\n", to_string(r.error()).c_str());
    return 1;
  }
  // Nothing of the counter's is kept on the machine: its worker's thread simply ends with the process.
  platform::DisplayLost_Init("wijkkiosk", {});
  SDL_SetWindowResizable(platform::Window_Sdl(), SDL_TRUE);          // the layout scales with the window
  ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;  // Tab, arrows, Enter: keyboard first
  ImGui::StyleColorsLight();
  ImGui::GetStyle().FrameRounding = 4.0f;
  platform::FontOptions fo;
  fo.normal_mm = 4.5f;
  fo.large_mm = 7.0f;
  fo.huge_mm = 18.0f;
  auto fonts = platform::Fonts_Build(fo, platform::mm_to_px(1.0f));
  if (!fonts) {
    std::fprintf(stderr, "wijkkiosk: %s\n", to_string(fonts.error()).c_str());
    platform::Window_Shutdown();
    return 1;
  }
  ui::UiTree tree;
  ui::CounterInput input;
  std::map<std::string, std::string> topic_names;
  std::vector<counter::Event> keys;

  platform::EventLoopCallbacks cb;
  cb.on_event = [&](const SDL_Event& e) {
    if (auto k = key_event(e)) keys.push_back(*k);
  };
  cb.on_wake = [&] {
    std::vector<counter::Event> got;
    {
      std::lock_guard lock(inbox.mu);
      got.swap(inbox.events);
      topic_names = inbox.topic_names;
      if (!inbox.languages.empty()) lang = inbox.languages.front();
    }
    for (const auto& e : got) dispatch(e);
    platform::EventLoop_RequestFrames(1);
  };
  cb.frame = [&] {
    for (const auto& k : keys) dispatch(k);
    keys.clear();
    const platform::FontSet& fs = platform::Fonts_Current();
    ui::CounterView view;
    view.state = &state;
    view.text = &texts;
    view.lang = lang;
    view.topic_names = topic_names;
    view.theme.normal = fs.normal;
    view.theme.large = fs.large;
    view.theme.huge = fs.huge;
    view.theme.px_per_mm = fs.px_per_mm;
    int wx = 0, wy = 0;
    SDL_GetWindowPosition(platform::Window_Sdl(), &wx, &wy);
    tree.begin_frame(state.phase == counter::Phase::LoggedIn ? "counter" : "counter-login",
                     static_cast<float>(wx), static_cast<float>(wy));
    const auto events = ui::draw_counter(view, input, tree);
    for (const auto& e : events) dispatch(e);
    if (!events.empty()) platform::EventLoop_RequestFrames(2);
  };
  cb.on_presented = [&](std::uint64_t) {
    if (!opt.ui_tree_path.empty() && !tree.write_if_changed(opt.ui_tree_path))
      std::fprintf(stderr, "wijkkiosk: the UI tree could not be written to %s\n", opt.ui_tree_path.c_str());
  };
  platform::EventLoopOptions lo;
  lo.clear_color = ImVec4(0.96f, 0.96f, 0.94f, 1.0f);
  platform::EventLoop_Init(cb, lo);
  platform::EventLoop_Run();
  platform::EventLoop_Shutdown();
  platform::Fonts_Shutdown();
  platform::Window_Shutdown();
  std::fprintf(stderr, "wijkkiosk: counter stopped\n");
  return 0;
}

}  // namespace wk::app
