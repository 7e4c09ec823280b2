#include "headless_imgui.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace wk::uitest {
namespace {

const std::string kSource = WIJKKIOSK_SOURCE_DIR;
const char* const kRegular = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
const char* const kBold = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";

// The scripts the catalogues are written in (Latin, Turkish, Cyrillic) and the punctuation they use.
constexpr ImWchar kTextRanges[] = {0x0020, 0x017F, 0x0400, 0x045F, 0x0490, 0x0491, 0x2010, 0x205E, 0};
// Arabic and Ge'ez, merged in as the kiosk does, so their texts take the room they take on the glass.
constexpr ImWchar kArabicRanges[] = {0x0600, 0x06FF, 0xFB50, 0xFDFF, 0xFE70, 0xFEFF, 0};
constexpr ImWchar kEthiopicRanges[] = {0x1200, 0x139F, 0};
const char* const kArabic = "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf";
const char* const kArabicBold = "/usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf";
const char* const kEthiopic = "/usr/share/fonts/truetype/noto/NotoSansEthiopic-Regular.ttf";
const char* const kEthiopicBold = "/usr/share/fonts/truetype/noto/NotoSansEthiopic-Bold.ttf";

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

ImFont* add_font(const char* ttf, float px, const ImWchar* ranges) {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  ImFontConfig config;
  config.OversampleH = 1;
  config.OversampleV = 1;
  config.SizePixels = px;
  if (std::filesystem::exists(ttf)) return atlas->AddFontFromFileTTF(ttf, px, &config, ranges);
  return atlas->AddFontDefault(&config);  // ProggyClean: ASCII only, but it lays out all the same
}

void merge_font(const char* ttf, float px, const ImWchar* ranges) {
  if (!std::filesystem::exists(ttf)) return;
  ImFontConfig config;
  config.OversampleH = 1;
  config.OversampleV = 1;
  config.MergeMode = true;
  ImGui::GetIO().Fonts->AddFontFromFileTTF(ttf, px, &config, ranges);
}

}  // namespace

HeadlessImGui::HeadlessImGui(const Glass& glass) : glass_(glass) {
  IMGUI_CHECKVERSION();
  context_ = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  io.DisplaySize = ImVec2(glass.width, glass.height);
  io.DeltaTime = 1.0f / 60.0f;
  io.Fonts->Flags |= ImFontAtlasFlags_NoMouseCursors;
  ImFontGlyphRangesBuilder huge;
  huge.AddRanges(io.Fonts->GetGlyphRangesDefault());
  huge.AddText(glass.huge_text.c_str());
  huge.BuildRanges(&huge_ranges_);
  auto px = [&](float mm) { return std::max(6.0f, mm * glass.px_per_mm); };
  theme_.px_per_mm = glass.px_per_mm;
  theme_.normal = add_font(kRegular, px(glass.normal_mm), kTextRanges);
  merge_font(kArabic, px(glass.normal_mm), kArabicRanges);
  merge_font(kEthiopic, px(glass.normal_mm), kEthiopicRanges);
  theme_.large = add_font(kBold, px(glass.large_mm), kTextRanges);
  merge_font(kArabicBold, px(glass.large_mm), kArabicRanges);
  merge_font(kEthiopicBold, px(glass.large_mm), kEthiopicRanges);
  theme_.huge = add_font(kBold, px(glass.huge_mm), huge_ranges_.Data);
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // builds the atlas; NewFrame asserts it is built
  io.FontDefault = theme_.normal;
}

HeadlessImGui::~HeadlessImGui() {
  ImGui::DestroyContext(context_);
}

void HeadlessImGui::frame(ui::UiTree& tree, const std::string& screen, const std::function<void()>& draw) {
  ImGui::SetCurrentContext(context_);
  ImGui::NewFrame();
  tree.begin_frame(screen, 0, 0);
  draw();
  ImGui::Render();
}

void HeadlessImGui::mouse(float x, float y, bool down) {
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(x, y);
  io.MouseDown[0] = down;
}

const ui::UiNode* find(const ui::UiTree& tree, const std::string& id) {
  for (const auto& n : tree.nodes())
    if (n.id == id) return &n;
  return nullptr;
}

std::vector<ui::UiNode> with_prefix(const ui::UiTree& tree, const std::string& prefix) {
  std::vector<ui::UiNode> out;
  for (const auto& n : tree.nodes())
    if (n.id.rfind(prefix, 0) == 0) out.push_back(n);
  return out;
}

const Catalogues& catalogues() {
  static const Catalogues all = [] {
    Catalogues c;
    for (const auto& entry : std::filesystem::directory_iterator(kSource + "/assets/i18n")) {
      if (entry.path().extension() != ".po") continue;
      const std::string path = entry.path().string();
      auto parsed = Catalogue::parse(read_text(path), path);
      if (!parsed) throw std::runtime_error(to_string(parsed.error()));
      c.add(entry.path().stem().string(), std::move(parsed.value()));
    }
    if (c.languages().empty()) throw std::runtime_error("no catalogues under " + kSource + "/assets/i18n");
    return c;
  }();
  return all;
}

LocationConfig demo_location() {
  const std::string path = kSource + "/assets/locations/demo.toml";
  auto parsed = location_config_from_toml(read_text(path), path);
  if (!parsed) throw std::runtime_error(to_string(parsed.error()));
  LocationConfig config = std::move(parsed.value());
  for (const auto& language : catalogues().languages())
    if (std::find(config.languages.begin(), config.languages.end(), language) == config.languages.end())
      config.languages.push_back(language);
  return config;
}

TzRule amsterdam() {
  auto r = parse_tz_rule("CET-1CEST,M3.5.0,M10.5.0/3");
  if (!r) throw std::runtime_error(to_string(r.error()));
  return r.value();
}

UnixMs utc(int y, int mo, int d, int h, int mi) {
  return unix_from_civil(y, mo, d, h, mi, 0) * 1000;
}

std::string expected_text(const std::string& language, const std::string& msgid) {
  const Catalogue* own = catalogues().get(language);
  if (own && own->has(msgid)) return own->tr(msgid);
  ADD_FAILURE() << language << ".po does not translate \"" << msgid << "\"";
  return catalogues().tr(language, msgid);
}

}  // namespace wk::uitest
