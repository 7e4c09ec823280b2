// The kiosk's own work inside a tap or a frame: the ticket screen's QR texture, a printed ticket's ESC/POS
// bytes, and the Arabic shaping of the topics screen. Each case first checks that the work really happened
// (a texture made, Arabic printed as images, letters joined); otherwise it skips with the reason.
#include <SDL.h>
#include <benchmark/benchmark.h>
#include <imgui.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "app/text_shaper.hpp"
#include "core/ticket.hpp"
#include "core/ticket_layout.hpp"
#include "inputs.hpp"
#include "platform/fonts.hpp"
#include "platform/render_sdl.hpp"
#include "platform/text_shaping.hpp"
#include "platform/window.hpp"
#include "print/escpos.hpp"
#include "print/qr.hpp"
#include "print/text_raster.hpp"
#include "ui/kiosk_screens.hpp"

namespace wk::bench::micro {
namespace {

const std::string kServiceUrl = "https://wijkkiosk.gemeente.example.nl";

Ticket demo_ticket(const std::string& language) {
  Ticket t;
  t.id = "6f1c2a8e-4b7d-4c3a-9e51-0d2f8a7b3c64";
  t.code = "S-012";
  t.topic = "schulden";
  t.language = language;
  t.created_at = 1795510800000;                 // 2026-11-24 10:00 in Amsterdam
  t.public_token = "Xy3kQ9vB2mN7pL4sR8tW1zA6";  // 24 characters, as drawn from 144 random bits
  t.local_day = "2026-11-24";
  t.number = 12;
  return t;
}

// The screen's software renderer, as the kiosk runs on it without a GPU: SDL's software renderer over a
// 1080x1920 surface, with the project's ImGui renderer on top (what window.cpp sets up on the glass).
struct Screen {
  SDL_Surface* surface = nullptr;
  SDL_Renderer* renderer = nullptr;
  std::string error;

  Screen() {
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
      error = std::string("SDL_Init: ") + SDL_GetError();
      return;
    }
    surface = SDL_CreateRGBSurfaceWithFormat(0, 1080, 1920, 32, SDL_PIXELFORMAT_ARGB8888);
    renderer = surface ? SDL_CreateSoftwareRenderer(surface) : nullptr;
    if (!renderer) {
      error = std::string("software renderer: ") + SDL_GetError();
      return;
    }
    ImGui::CreateContext();
    if (!platform::RenderSdl_Init(renderer)) error = "RenderSdl_Init failed";
  }
};

// QrTexture::update (app/kiosk_view.cpp) for a new ticket: encode its status URL, draw the modules at
// whole pixels for ui::kQrMinMm on the glass (at platform/window's fallback 96 dpi: no display here),
// upload the texture; and free the last one, as the next ticket does.
void QrTexture(benchmark::State& state) {
  static const Screen screen;
  if (!screen.error.empty()) return state.SkipWithError(screen.error.c_str());
  const std::string url = status_url(kServiceUrl, demo_ticket("nl").public_token);
  auto make = [&] {
    const auto code = print::qr_encode(url);
    if (code.empty()) return ImTextureID{};
    const int total_modules = code.width + 8;
    const int module_px = std::max(2, static_cast<int>(platform::mm_to_px(ui::kQrMinMm) / total_modules + 1));
    const auto rgba = print::qr_rgba(code, module_px);
    const int side = print::qr_pixel_size(code, module_px);
    return platform::RenderSdl_CreateTexture(rgba.data(), side, side, platform::TextureFilter::Nearest);
  };
  ImTextureID first = make();
  if (!first) return state.SkipWithError("no QR texture was made");
  platform::RenderSdl_DestroyTexture(first);
  for (auto _ : state) {
    ImTextureID texture = make();
    benchmark::DoNotOptimize(texture);
    platform::RenderSdl_DestroyTexture(texture);
  }
}
BENCHMARK(QrTexture)->Name("qr_texture")->Unit(benchmark::kMillisecond)->UseRealTime();

// How many raster images (GS v 0) the bytes hold: lines in a script the code page lacks.
std::size_t raster_images(const print::Bytes& bytes) {
  const std::vector<std::uint8_t> gs_v_0{0x1D, 0x76, 0x30, 0x00};
  std::size_t n = 0;
  for (auto at = bytes.begin();
       (at = std::search(at, bytes.end(), gs_v_0.begin(), gs_v_0.end())) != bytes.end(); ++at)
    ++n;
  return n;
}

// A ticket from the kiosk's dispatch (layout_ticket, kiosk_effects.cpp) to the printer's bytes
// (encode_ticket with the rasteriser the TicketPrinter keeps, its fonts loaded by the first ticket).
// Dutch prints as text; Arabic and Tigrinya lines are drawn as images by the real fonts. The printer is
// the demo kiosk's Epson TM-T20 on 80 mm paper, which prints the QR itself (GS ( k).
void Escpos(benchmark::State& state, const std::string& language) {
  const auto& in = inputs();
  if (!in) return state.SkipWithError(to_string(in.error()).c_str());
  auto profile = print::profile_for("epson-tm-t20", 80);  // the demo kiosk's printer (deploy/demo.sh)
  if (!profile) return state.SkipWithError(to_string(profile.error()).c_str());
  static const print::TextRasterizer raster = print::lazy_font_rasterizer();
  const Ticket ticket = demo_ticket(language);
  auto print_one = [&] {
    const TicketLayout layout = layout_ticket(ticket, in->config, in->tz, in->texts, kServiceUrl);
    return print::encode_ticket(layout, profile.value(), raster);
  };
  const print::Bytes first = print_one();
  const std::size_t images = raster_images(first);
  if (language == "nl" ? images != 0 : images < 2)  // the QR is GS ( k; the topic and help lines in ar/ti
    return state.SkipWithError(("the " + language + " ticket holds " + std::to_string(images) +
                                " raster images: its fonts are missing or the layout changed")
                                   .c_str());
  for (auto _ : state) {
    auto bytes = print_one();
    benchmark::DoNotOptimize(bytes.data());
  }
  state.counters["bytes"] = static_cast<double>(first.size());
}
BENCHMARK_CAPTURE(Escpos, nl, std::string("nl"))
    ->Name("escpos/nl")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(Escpos, ar, std::string("ar"))
    ->Name("escpos/ar")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(Escpos, ti, std::string("ti"))
    ->Name("escpos/ti")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// Every line the topics screen draws in Arabic (kiosk_screens.cpp topics(), bottom_bar(), aids_bar()): the
// heading, each topic's name and line (Dutch where the config gives no Arabic), the volunteer door, back,
// start over and the aids. The screen shapes them line by line after wrapping; whole strings hold the
// same letters.
struct ScreenText {
  std::vector<std::string> lines;
  std::vector<bool> arabic;  // in Arabic, so shaping must change it
};

ScreenText topics_screen_arabic(const Inputs& in) {
  ScreenText s;
  auto add = [&](std::string line, bool arabic) {
    s.lines.push_back(std::move(line));
    s.arabic.push_back(arabic);
  };
  for (const char* msgid :
       {"What is your question about?", "Do something for someone else", "Sign up as a volunteer", "Back",
        "Start over", "Bigger text", "Softer", "Louder", "Read aloud"})
    add(in.texts.tr("ar", msgid), true);
  for (const Topic& t : in.config.topics) {
    add(in.config.text_in(t.names, "ar"), t.names.count("ar") > 0);
    add(in.config.text_in(t.lines, "ar"), t.lines.count("ar") > 0);
  }
  return s;
}

const char* unshaped(const ScreenText& logical, const std::vector<std::string>& shown) {
  for (std::size_t i = 0; i < logical.lines.size(); ++i)
    if (logical.arabic[i] && (shown[i] == logical.lines[i] || shown[i].empty()))
      return "an Arabic line of the topics screen came back unshaped";
  return nullptr;
}

// The first frame of the topics screen in Arabic: each line ordered by FriBidi and shaped by HarfBuzz
// over Noto Sans Arabic (the font opened beforehand, as PlatformShaper does on the first Arabic line).
void ShapingUncached(benchmark::State& state) {
  const auto& in = inputs();
  if (!in) return state.SkipWithError(to_string(in.error()).c_str());
  if (auto font = platform::Shaping_Init(platform::FontOptions{}.arabic_font); !font)
    return state.SkipWithError(to_string(font.error()).c_str());
  const auto lines = topics_screen_arabic(in.value());
  std::vector<std::string> shown;
  for (const auto& l : lines.lines) shown.push_back(platform::Shaping_VisualLine(l));
  if (const char* why = unshaped(lines, shown)) return state.SkipWithError(why);
  for (auto _ : state)
    for (const auto& l : lines.lines) {
      auto visual = platform::Shaping_VisualLine(l);
      benchmark::DoNotOptimize(visual.data());
    }
  state.counters["lines"] = static_cast<double>(lines.lines.size());
}
BENCHMARK(ShapingUncached)->Name("shaping/topics_ar/uncached")->Unit(benchmark::kMillisecond)->UseRealTime();

// Every later frame of that screen: the app's PlatformShaper answers from the lines it keeps.
void ShapingCached(benchmark::State& state) {
  const auto& in = inputs();
  if (!in) return state.SkipWithError(to_string(in.error()).c_str());
  const app::PlatformShaper shaper{platform::FontOptions{}.arabic_font};
  const auto lines = topics_screen_arabic(in.value());
  std::vector<std::string> shown;
  for (const auto& l : lines.lines) shown.push_back(shaper.visual(l));
  if (const char* why = unshaped(lines, shown)) return state.SkipWithError(why);
  for (auto _ : state)
    for (const auto& l : lines.lines) {
      auto visual = shaper.visual(l);
      benchmark::DoNotOptimize(visual.data());
    }
}
BENCHMARK(ShapingCached)->Name("shaping/topics_ar/cached")->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace wk::bench::micro
