// The waiting-room display's shell: the CallsListener feeds core's Board, the screen draws it, and the
// Announcer plays one announcement at a time (chime, then the spoken call) on its own thread, so the
// synthesis and the playing never stall a frame.
#include "app/display_main.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "app/assets.hpp"
#include "app/kiosk_config.hpp"
#include "app/kiosk_runtime.hpp"
#include "net/calls_listener.hpp"
#include "platform/audio.hpp"
#include "platform/display_lost.hpp"
#include "platform/event_loop.hpp"
#include "platform/fonts.hpp"
#include "platform/speech.hpp"
#include "platform/window.hpp"
#include "store/tz_file.hpp"
#include "ui/display_screens.hpp"
#include "ui/ui_tree.hpp"

namespace wk::app {
namespace {

using namespace std::chrono_literals;

// Plays announcements one by one; `done` is called (on its thread) when the speakers are quiet again.
class Announcer {
 public:
  Announcer(bool speak, std::function<void()> done) : speak_(speak), done_(std::move(done)) {
    thread_ = std::thread([this] { loop(); });
  }
  ~Announcer() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  void play(std::string text, std::string voice) {
    {
      std::lock_guard lock(mu_);
      job_ = Job{std::move(text), std::move(voice)};
    }
    cv_.notify_all();
  }

 private:
  struct Job {
    std::string text, voice;
  };
  void loop() {
    const bool sound = static_cast<bool>(platform::Audio_Init(22050));
    if (!sound) std::fprintf(stderr, "wijkkiosk: no sound output; calls are shown without chime or voice\n");
    const platform::Pcm chime = platform::make_chime(22050);
    for (;;) {
      Job job;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [this] { return stop_ || job_.has_value(); });
        if (stop_) break;
        job = std::move(*job_);
        job_.reset();
      }
      if (sound) {
        platform::Pcm clip = chime;
        if (speak_) {
          append(clip, platform::silence(clip.rate, 0.15));
          if (auto voice = platform::Speech_Synthesize(job.text, job.voice))
            append(clip, voice.value());
          else
            std::fprintf(stderr, "wijkkiosk: %s\n", to_string(voice.error()).c_str());
        }
        if (platform::Audio_Play(clip)) {
          const auto until = std::chrono::steady_clock::now() +
                             std::chrono::milliseconds(static_cast<long>(clip.seconds() * 1000) + 3000);
          while (platform::Audio_Busy() && std::chrono::steady_clock::now() < until && !stop_)
            std::this_thread::sleep_for(30ms);
        }
        std::this_thread::sleep_for(400ms);  // a breath between two calls
      }
      done_();
    }
    platform::Audio_Shutdown();
    platform::Speech_Shutdown();
  }
  bool speak_;
  std::function<void()> done_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::optional<Job> job_;
  bool stop_ = false;
  std::thread thread_;
};

struct Inbox {
  std::mutex mu;
  std::vector<display::CallBatch> batches;
  std::optional<bool> online;
  std::optional<LocationConfig> config;
  bool announced = false;
};

}  // namespace

int display_main(const GuiOptions& opt) {
  auto device = load_device_config(opt.config_path);
  if (!device) {
    std::fprintf(stderr, "wijkkiosk: %s\n", to_string(device.error()).c_str());
    return 1;
  }
  const DeviceConfig& d = device.value();
  auto token = net::read_token_file(d.token_file);
  if (!token) {
    std::fprintf(stderr, "wijkkiosk: %s\n", to_string(token.error()).c_str());
    return 1;
  }
  const Catalogues texts = load_all_catalogues();
  // Until the service sends the location's config: the one kept from before, or the file the device
  // names, or core's defaults.
  const auto start_config = load_location_config(d);
  const LocationConfig first = start_config ? start_config.value() : LocationConfig{};
  std::string lang = first.languages.empty() ? "nl" : first.languages.front();
  TzRule tz;
  if (auto t = store::load_tz_rule(first.timezone)) tz = t.value();
  display::Board board;
  board.online = true;
  Inbox inbox;
  auto post = [&](auto&& fn) {
    {
      std::lock_guard lock(inbox.mu);
      fn();
    }
    platform::EventLoop_Wake();
  };

  platform::WindowOptions wo;
  wo.title = "wijkkiosk display";
  const char* windowed = std::getenv("KIOSK_WINDOWED");  // "1920x1080": the demo's window
  wo.fullscreen = !(windowed && *windowed);
  wo.width = 1920;
  wo.height = 1080;
  if (windowed && *windowed && std::sscanf(windowed, "%dx%d", &wo.width, &wo.height) != 2)
    wo.width = 1920, wo.height = 1080;
  wo.dpi_override = static_cast<float>(d.dpi_override);
  if (auto r = platform::Window_Init(wo); !r) {
    std::fprintf(stderr, "wijkkiosk: the screen could not be opened: %s\n", to_string(r.error()).c_str());
    return 1;
  }
  platform::FontOptions fo;
  fo.normal_mm = 9.0f;
  fo.large_mm = 16.0f;
  fo.huge_mm = 55.0f;
  // The huge font also writes "balie 2" in the location's language, which is only known once the config
  // arrives: every printable ASCII character and the word in each catalogue's language.
  for (char ch = 0x20; ch < 0x7F; ++ch) fo.huge_text += ch;
  for (const auto& l : texts.languages()) fo.huge_text += texts.tr(l, "Desk");
  auto fonts = platform::Fonts_Build(fo, platform::mm_to_px(1.0f));
  if (!fonts) {
    std::fprintf(stderr, "wijkkiosk: %s\n", to_string(fonts.error()).c_str());
    platform::Window_Shutdown();
    return 1;
  }

  auto announcer = std::make_unique<Announcer>(d.speak, [&] { post([&] { inbox.announced = true; }); });
  net::CallsListener listener(
      {.client = {.base_url = d.service_url, .ca_file = d.ca_file, .token = token.value()},
       .on_batch = [&](const display::CallBatch& b) { post([&] { inbox.batches.push_back(b); }); },
       .on_online = [&](bool on) { post([&] { inbox.online = on; }); },
       .on_config = [&](const LocationConfig& c) { post([&] { inbox.config = c; }); }});
  listener.start();
  platform::DisplayLost_Init("wijkkiosk", [&listener] { listener.stop(); });
  ui::UiTree tree;

  platform::EventLoopCallbacks cb;
  cb.on_wake = [&] {
    Inbox got;
    {
      std::lock_guard lock(inbox.mu);
      got.batches.swap(inbox.batches);
      got.online = inbox.online;
      got.config = std::move(inbox.config);
      got.announced = inbox.announced;
      inbox.online.reset();
      inbox.config.reset();
      inbox.announced = false;
    }
    const UnixMs now = opt.clock();
    for (const auto& b : got.batches) display::apply_calls(board, b, now);
    if (got.online) board.online = *got.online;
    if (got.announced) display::announcement_finished(board);
    if (got.config) {
      if (!got.config->languages.empty()) lang = got.config->languages.front();
      if (auto t = store::load_tz_rule(got.config->timezone)) tz = t.value();
    }
    if (auto a = display::start_next_announcement(board, now))
      announcer->play(display::spoken_text(a->code, a->desk, lang, a->issued_time),
                      display::speech_voice(lang));
    platform::EventLoop_RequestFrames(1);
  };
  cb.frame = [&] {
    const platform::FontSet& fs = platform::Fonts_Current();
    ui::DisplayView view;
    view.board = &board;
    view.text = &texts;
    view.lang = lang;
    const UnixMs now = opt.clock();
    const CivilTime local = to_local(tz, now);
    char clock[8];
    std::snprintf(clock, sizeof clock, "%02d:%02d", local.hour % 100, local.minute % 100);
    view.clock = clock;
    view.theme.normal = fs.normal;
    view.theme.large = fs.large;
    view.theme.huge = fs.huge;
    view.theme.px_per_mm = fs.px_per_mm;
    tree.begin_frame("display", 0, 0);
    ui::draw_display(view, tree);
    // The clock shows minutes: draw again at the next whole minute, and not in between.
    const UnixMs to_minute = 60000 - now % 60000;
    platform::EventLoop_RedrawAt(platform::EventLoop_NowMs() + static_cast<std::uint64_t>(to_minute) + 5);
  };
  cb.on_presented = [&](std::uint64_t) {
    if (!opt.ui_tree_path.empty() && !tree.write_if_changed(opt.ui_tree_path))
      std::fprintf(stderr, "wijkkiosk: the UI tree could not be written to %s\n", opt.ui_tree_path.c_str());
  };
  platform::EventLoopOptions lo;
  lo.clear_color = ImGui::ColorConvertU32ToFloat4(ui::Theme{}.background);
  platform::EventLoop_Init(cb, lo);
  platform::EventLoop_Run();
  platform::EventLoop_Shutdown();
  listener.stop();
  announcer.reset();  // its audio device closes before SDL quits
  platform::Fonts_Shutdown();
  platform::Window_Shutdown();
  std::fprintf(stderr, "wijkkiosk: display stopped\n");
  return 0;
}

}  // namespace wk::app
