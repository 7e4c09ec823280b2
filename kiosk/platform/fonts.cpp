#include "platform/fonts.hpp"

#include <malloc.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>
#include <fstream>
#include <vector>

#include "platform/render_sdl.hpp"

namespace wk::platform {
namespace {

// Everything the kiosk's languages need beyond ASCII, and no more: every glyph costs atlas memory.
constexpr ImWchar kTextRanges[] = {
    0x0020, 0x00FF,  // Basic Latin, Latin-1 (Dutch é ë ï, French, German, Spanish, Portuguese)
    0x0100, 0x017F,  // Latin Extended-A (ĳ, Polish, Turkish ğ ı ş)
    0x0218, 0x021B,  // Romanian ș ț
    0x0400, 0x045F,  // Cyrillic as Ukrainian and Russian write it (і ї є)
    0x0490, 0x0491,  // Ukrainian ґ
    0x2010, 0x205E,  // dashes, quotes, ellipsis, bullet
    0x20AC, 0x20AC,  // €
    0,
};
// What FriBidi's Arabic shaping produces: base letters, Presentation Forms-A (Persian/Urdu letters) and -B
// (contextual forms, lam-alef ligatures).
// What HarfBuzz's Arabic shaping hands over for Arabic: base letters and marks, and the contextual forms
// of Presentation Forms-B (lam-alef included). Forms-A (U+FB50..U+FDFF: Persian and Urdu letters, rare
// ligatures) come only as the texts on screen need them, through always_text: they would cost hundreds of
// glyphs in two sizes for nothing.
constexpr ImWchar kArabicRanges[] = {
    0x0600, 0x06FF, 0xFB50, 0xFDFF, 0xFE70, 0xFEFF, 0,
};
constexpr ImWchar kArabicLoadedRanges[] = {
    0x0600, 0x06FF, 0xFE70, 0xFEFF, 0,
};
// Ge'ez (Ethiopic) as Tigrinya and Amharic write it: the syllables and the punctuation. The Supplement and
// Extended blocks (other languages of Ethiopia) are recognised for always_text but not loaded whole.
constexpr ImWchar kEthiopicRanges[] = {
    0x1200, 0x139F, 0x2D80, 0x2DDF, 0xAB00, 0xAB2F, 0,
};
constexpr ImWchar kEthiopicLoadedRanges[] = {
    0x1200, 0x135A, 0x1360, 0x1368, 0,
};
// The ticket code: capitals, digits and a dash (and a space), nothing else at that size by default; a
// colon and a middle dot for a code two residents share, shown with its issue time ("S-012 · 09:14").
constexpr ImWchar kCodeRanges[] = {
    0x0020, 0x0020, 0x002D, 0x002D, 0x0030, 0x003A, 0x0041, 0x005A, 0x00B7, 0x00B7, 0,
};

struct FontsState {
  FontOptions options;
  FontSet set;
  ImTextureID texture = nullptr;
  bool built = false;
  std::deque<std::vector<char>> files;  // TTF bytes the atlas reads while it builds; a deque never moves them
  // The atlas reads these while it builds: the huge font's, and per font of normal and large what it adds.
  // std::vector, not ImVector: ImGui 1.86's ImVector copies an empty one with memcpy(nullptr, ...), which
  // UBSan rightly refuses, and it has no move.
  std::vector<ImWchar> huge_ranges, text_ranges, arabic_ranges, ethiopic_ranges;
};

bool in_ranges(const ImWchar* ranges, unsigned c) {
  for (; ranges[0] != 0; ranges += 2) {
    if (c >= ranges[0] && c <= ranges[1]) return true;
  }
  return false;
}

// What the normal and large fonts hold: the text ranges plus always_text's other glyphs from the Latin
// font; from each script font its whole script when asked for, else only always_text's glyphs of it.
struct TextRanges {
  std::vector<ImWchar> text, arabic, ethiopic;
};

// The builder's ranges, ending in 0 as ImGui reads them.
std::vector<ImWchar> built_ranges(ImFontGlyphRangesBuilder& builder) {
  ImVector<ImWchar> ranges;
  builder.BuildRanges(&ranges);
  return std::vector<ImWchar>(ranges.begin(), ranges.end());
}

TextRanges text_ranges(const FontOptions& options) {
  ImFontGlyphRangesBuilder always;
  always.AddText(options.always_text.c_str());
  ImVector<ImWchar> always_ranges;
  always.BuildRanges(&always_ranges);
  ImFontGlyphRangesBuilder text, arabic, ethiopic;
  text.AddRanges(kTextRanges);
  if (options.arabic) arabic.AddRanges(kArabicLoadedRanges);
  if (options.ethiopic) ethiopic.AddRanges(kEthiopicLoadedRanges);
  for (const ImWchar* r = always_ranges.Data; r[0] != 0; r += 2) {
    for (unsigned c = r[0]; c <= r[1]; ++c) {
      const auto ch = static_cast<ImWchar>(c);
      if (in_ranges(kArabicRanges, c)) {
        arabic.AddChar(ch);
      } else if (in_ranges(kEthiopicRanges, c)) {
        ethiopic.AddChar(ch);
      } else {
        text.AddChar(ch);
      }
    }
  }
  return {built_ranges(text), built_ranges(arabic), built_ranges(ethiopic)};
}

FontsState g_fonts;

bool read_file(const std::string& path, std::vector<char>* out) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return false;
  const std::streamoff size = in.tellg();
  if (size <= 0) return false;
  out->resize(static_cast<std::size_t>(size));
  in.seekg(0);
  return static_cast<bool>(in.read(out->data(), size));
}

// Reads `path`, or the fallback when it cannot, onto the end of `files`; false when neither can be read.
bool load(std::deque<std::vector<char>>& files, const std::string& path, const std::string& fallback) {
  std::vector<char> bytes;
  if (!read_file(path, &bytes) && !read_file(fallback, &bytes)) return false;
  files.push_back(std::move(bytes));
  return true;
}

std::uint32_t be(const std::vector<char>& b, std::size_t at, int bytes) {
  std::uint32_t v = 0;
  for (int i = 0; i < bytes; ++i)
    v = (v << 8) | static_cast<unsigned char>(b[at + static_cast<std::size_t>(i)]);
  return v;
}

// ImGui sizes a font by its line height (hhea ascender - descender), not by its em. Noto Sans Arabic has a
// line nearly twice its em (for stacked marks), so at the same size its letters come out at two thirds of
// the Latin ones. This reads the line height per em from the font's 'head' and 'hhea' tables, so a merged
// font can be sized to the same em as the font it joins. 0 when the tables are not there.
float line_per_em(const std::vector<char>& ttf) {
  if (ttf.size() < 12) return 0.0f;
  const std::uint32_t tables = be(ttf, 4, 2);
  std::size_t head = 0, hhea = 0;
  for (std::uint32_t i = 0; i < tables; ++i) {
    const std::size_t record = 12 + 16 * static_cast<std::size_t>(i);
    if (record + 16 > ttf.size()) return 0.0f;
    const std::string tag(ttf.data() + record, 4);
    if (tag == "head") head = be(ttf, record + 8, 4);
    if (tag == "hhea") hhea = be(ttf, record + 8, 4);
  }
  if (head == 0 || hhea == 0 || head + 20 > ttf.size() || hhea + 8 > ttf.size()) return 0.0f;
  const auto units_per_em = static_cast<float>(be(ttf, head + 18, 2));
  const auto ascender = static_cast<float>(static_cast<std::int16_t>(be(ttf, hhea + 4, 2)));
  const auto descender = static_cast<float>(static_cast<std::int16_t>(be(ttf, hhea + 6, 2)));
  if (units_per_em <= 0.0f || ascender - descender <= 0.0f) return 0.0f;
  return (ascender - descender) / units_per_em;
}

// The size at which `merged` has the same em as `base` at `size_px`.
float em_matched_size(const std::vector<char>& base, const std::vector<char>& merged, float size_px) {
  const float base_ratio = line_per_em(base), merged_ratio = line_per_em(merged);
  if (base_ratio <= 0.0f || merged_ratio <= 0.0f) return size_px;
  return std::round(size_px * merged_ratio / base_ratio);
}

ImFont* add_font(ImFontAtlas* atlas, std::vector<char>* ttf, float size_px, const ImWchar* ranges,
                 bool merge) {
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;  // the bytes live in g_fonts.files
  config.MergeMode = merge;
  // Kiosk sizes are large: sub-pixel oversampling would triple the atlas for no visible gain.
  config.OversampleH = size_px < 24.0f ? 2 : 1;
  config.OversampleV = 1;
  config.PixelSnapH = config.OversampleH == 1;
  return atlas->AddFontFromMemoryTTF(ttf->data(), static_cast<int>(ttf->size()), size_px, &config, ranges);
}

}  // namespace

Result<FontSet> Fonts_Build(const FontOptions& options, float px_per_mm) {
  if (ImGui::GetCurrentContext() == nullptr) {
    return make_error("fonts", "The screen is not ready for text.", "Fonts_Build before Window_Init");
  }
  ImGuiIO& io = ImGui::GetIO();
  ImFontAtlas* atlas = io.Fonts;
  // The texture id tells this atlas from one of an earlier ImGui context that happened to get our options.
  if (g_fonts.built && g_fonts.options == options && g_fonts.set.px_per_mm == px_per_mm &&
      atlas->TexID != nullptr && atlas->TexID == g_fonts.texture) {
    return g_fonts.set;
  }

  // Which script fonts are needed: a whole script, or some of its glyphs in always_text.
  TextRanges ranges = text_ranges(options);
  const bool arabic = ranges.arabic.size() > 1,
             ethiopic = ranges.ethiopic.size() > 1;  // more than the 0 ending

  // The files first: when one cannot be read, the fonts in use stay as they are (a rebuild that fails
  // must not leave the screen without text).
  std::deque<std::vector<char>> files;
  const bool read = load(files, options.regular, options.fallback) &&
                    load(files, options.bold, options.fallback) &&
                    (!arabic || (load(files, options.arabic_font, options.fallback) &&
                                 load(files, options.arabic_bold_font, options.fallback))) &&
                    (!ethiopic || (load(files, options.ethiopic_font, options.fallback) &&
                                   load(files, options.ethiopic_bold_font, options.fallback)));
  if (!read) {
    return make_error("fonts", "The fonts are missing; reinstall fonts-noto-core and fonts-dejavu-core.",
                      "cannot read " + options.regular + " or " + options.fallback);
  }

  io.FontDefault = nullptr;
  const bool rebuild = g_fonts.built;
  atlas->Clear();
  g_fonts = FontsState{};
  g_fonts.files = std::move(files);
  g_fonts.text_ranges = std::move(ranges.text);
  g_fonts.arabic_ranges = std::move(ranges.arabic);
  g_fonts.ethiopic_ranges = std::move(ranges.ethiopic);
  atlas->Flags |= ImFontAtlasFlags_NoMouseCursors;  // the kiosk draws no software cursor
  std::vector<char>* regular = &g_fonts.files[0];
  std::vector<char>* bold = &g_fonts.files[1];
  std::vector<char>* arabic_regular = arabic ? &g_fonts.files[2] : nullptr;
  std::vector<char>* arabic_bold = arabic ? &g_fonts.files[3] : nullptr;
  std::vector<char>* ethiopic_regular = ethiopic ? &g_fonts.files[arabic ? 4 : 2] : nullptr;
  std::vector<char>* ethiopic_bold = ethiopic ? &g_fonts.files[arabic ? 5 : 3] : nullptr;

  auto px = [px_per_mm](float mm) { return std::round(std::max(6.0f, mm * px_per_mm)); };
  FontSet set;
  set.px_per_mm = px_per_mm;
  ImFontGlyphRangesBuilder huge;
  huge.AddRanges(kCodeRanges);
  huge.AddText(options.huge_text.c_str());
  g_fonts.huge_ranges = built_ranges(huge);
  // Normal and large: the Latin font, then each script font merged in at the same em.
  auto text_font = [&](std::vector<char>* latin, std::vector<char>* arabic_ttf,
                       std::vector<char>* ethiopic_ttf, float size_px) {
    ImFont* font = add_font(atlas, latin, size_px, g_fonts.text_ranges.data(), false);
    if (arabic_ttf != nullptr)
      add_font(atlas, arabic_ttf, em_matched_size(*latin, *arabic_ttf, size_px), g_fonts.arabic_ranges.data(),
               true);
    if (ethiopic_ttf != nullptr) {
      add_font(atlas, ethiopic_ttf, em_matched_size(*latin, *ethiopic_ttf, size_px),
               g_fonts.ethiopic_ranges.data(), true);
    }
    return font;
  };
  set.normal = text_font(regular, arabic_regular, ethiopic_regular, px(options.normal_mm));
  set.large = text_font(bold, arabic_bold, ethiopic_bold, px(options.large_mm));
  set.huge = add_font(atlas, bold, px(options.huge_mm), g_fonts.huge_ranges.data(), false);
  // A welcome title in Arabic or Ge'ez (a location whose first language is one): only huge_text's glyphs of
  // the script fonts, which the app also puts in always_text so their files are read.
  if (arabic_bold != nullptr)
    add_font(atlas, arabic_bold, em_matched_size(*bold, *arabic_bold, px(options.huge_mm)),
             g_fonts.huge_ranges.data(), true);
  if (ethiopic_bold != nullptr)
    add_font(atlas, ethiopic_bold, em_matched_size(*bold, *ethiopic_bold, px(options.huge_mm)),
             g_fonts.huge_ranges.data(), true);
  if (set.normal == nullptr || set.large == nullptr || set.huge == nullptr || !atlas->Build()) {
    atlas->Clear();
    return make_error("fonts", "The fonts could not be prepared.", "ImFontAtlas::Build failed");
  }
  set.atlas_width = atlas->TexWidth;
  set.atlas_height = atlas->TexHeight;
  if (!RenderSdl_CreateFontsTexture()) {
    atlas->Clear();
    return make_error("fonts", "The fonts could not be prepared.", "font texture");
  }
  // The glyphs are in the texture; the TTF bytes and the atlas's input are not needed until a rebuild.
  atlas->ClearInputData();
  g_fonts.files.clear();
  // The old atlas, the font files and the build's buffers were freed: give the pages back, so a kiosk that
  // loaded a script for one resident is as small again for the next (glibc keeps freed heap otherwise).
  if (rebuild) malloc_trim(0);  // nothing to give back after the first build: no cost at start-up
  io.FontDefault = set.normal;
  g_fonts.options = options;
  g_fonts.set = set;
  g_fonts.texture = atlas->TexID;
  g_fonts.built = true;
  return set;
}

const FontSet& Fonts_Current() {
  return g_fonts.set;
}

void Fonts_Shutdown() {
  g_fonts = FontsState{};
}

}  // namespace wk::platform
