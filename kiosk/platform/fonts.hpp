#pragma once
// System fonts from Debian packages (fonts-noto-core, fonts-dejavu-core), loaded by path at pixel sizes
// worked out from millimetres, so text has the same physical size on every screen. One atlas holds three
// sizes; Arabic (in presentation forms, as platform/text_shaping hands them over) and Ge'ez (Ethiopic, for
// Tigrinya) are merged into the normal and large fonts, each em-matched to the Latin font it joins. ImGui
// 1.86 has no shaping or bidi: text must arrive here already shaped and reordered (Shaping_VisualLine).
#include <imgui.h>

#include <string>

#include "core/result.hpp"

namespace wk::platform {

struct FontOptions {
  std::string regular = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
  std::string bold = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";
  std::string arabic_font = "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf";
  std::string arabic_bold_font = "/usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf";
  std::string ethiopic_font = "/usr/share/fonts/truetype/noto/NotoSansEthiopic-Regular.ttf";
  std::string ethiopic_bold_font = "/usr/share/fonts/truetype/noto/NotoSansEthiopic-Bold.ttf";
  // Used for any of the above that cannot be read; DejaVu Sans has Latin, Cyrillic and Arabic forms (no
  // Ge'ez: without the Noto file Tigrinya shows ImGui's fallback glyph).
  std::string fallback = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  float normal_mm = 6.0f;  // font size (ImGui's pixel height) on the glass: body text, buttons
  float large_mm = 10.0f;  // headings, tile labels (bold)
  float huge_mm = 30.0f;   // the ticket code (bold; capitals, digits, '-', and huge_text)
  // Every glyph costs start-up time and memory (the atlas is built and uploaded before the first frame), so
  // the atlas holds what the screens need: a whole script only when asked for (a resident chose a language
  // written in it), and in the huge font only the code's characters plus whatever else is drawn that large
  // (a welcome title).
  bool arabic = false;    // all of Arabic (U+0600..U+06FF and the presentation forms) in normal and large
  bool ethiopic = false;  // all of Ge'ez (U+1200..U+139F, U+2D80..U+2DDF, U+AB00..U+AB2F) in normal and large
  // Glyphs always in the normal and large fonts, whatever the flags above say: every language's own name,
  // so the language buttons draw without whole scripts. Give Arabic as Shaping_VisualLine returns it (its
  // presentation forms); the glyphs of Arabic and Ge'ez come from the script fonts, only those asked for.
  std::string always_text;
  std::string huge_text;
  bool operator==(const FontOptions&) const = default;
};

struct FontSet {
  ImFont* normal = nullptr;  // also io.FontDefault
  ImFont* large = nullptr;
  ImFont* huge = nullptr;
  float px_per_mm = 0.0f;
  int atlas_width = 0, atlas_height = 0;
};

// Builds the atlas for `px_per_mm` (Window_Dpi() / 25.4) and recreates the font texture; does nothing when
// options and scale are what the current set was built with. Call between frames, never inside frame():
// the old ImFont pointers die with the rebuild. Needs Window_Init().
Result<FontSet> Fonts_Build(const FontOptions& options, float px_per_mm);
const FontSet& Fonts_Current();
void Fonts_Shutdown();  // forgets the set and the font files; the atlas itself dies with the ImGui context

}  // namespace wk::platform
