#pragma once
// System fonts from Debian packages (fonts-noto-core, fonts-dejavu-core), loaded by path at pixel sizes
// worked out from millimetres, so text has the same physical size on every screen. One atlas holds three
// sizes; Arabic (in presentation forms, after FriBidi shaping elsewhere) is merged into the normal and
// large fonts. ImGui 1.86 has no shaping or bidi: text must arrive here already shaped and reordered.
#include <imgui.h>

#include <string>

#include "core/result.hpp"

namespace wk::platform {

struct FontOptions {
  std::string regular = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
  std::string bold = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";
  std::string arabic = "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf";
  std::string arabic_bold = "/usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf";
  // Used for any of the above that cannot be read; DejaVu Sans has Latin, Cyrillic and Arabic forms.
  std::string fallback = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  float normal_mm = 6.0f;  // font size (ImGui's pixel height) on the glass: body text, buttons
  float large_mm = 10.0f;  // headings, tile labels (bold)
  float huge_mm = 30.0f;   // the ticket code (bold; capitals, digits, '-', and huge_text)
  // Every glyph costs start-up time (the atlas is built and uploaded before the first frame), so the atlas
  // holds what the screens need: Arabic only for a location with an Arabic-script language, and in the
  // huge font only the code's characters plus whatever else is drawn that large (a welcome title).
  bool arabic_script = true;
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
