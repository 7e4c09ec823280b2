#pragma once
// Text shaping and bidi for Dear ImGui, which (1.86) draws one codepoint per glyph, left to right, with no
// shaping and no bidi. This adapter turns a line in logical order into the codepoints ImGui should draw
// left to right: FriBidi orders it (Unicode bidi algorithm), HarfBuzz shapes the Arabic in it over Noto
// Sans Arabic, and each glyph HarfBuzz picks goes back to a codepoint through the font's own cmap (its
// presentation forms U+FB50..U+FEFF, which the atlas in platform/fonts loads). So ImGui draws the very glyphs
// HarfBuzz chose, as long as the atlas font is the font given to Shaping_Init().
//
// Shaped like a Dear ImGui backend: flat functions, all state in one struct inside text_shaping.cpp.
// Threads: call every function from the UI thread only (the state is not locked). Shaping_IsRtl keeps no
// state and may be called from anywhere.
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace wk::platform {

// Loads the Arabic font (e.g. /usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf) for HarfBuzz and
// builds its reverse cmap once. Calling it again replaces the font. Without a font (never initialised, or
// Init failed) Shaping_VisualLine still orders and shapes, with FriBidi's own Arabic shaping alone.
Result<void> Shaping_Init(const std::string& arabic_font_path);

// ONE line in logical order (UTF-8) -> the codepoints to draw left to right (UTF-8). The paragraph direction
// is that of the first strong character (left to right when there is none). Latin, digits and ticket codes
// ("S-012") inside Arabic stay readable left-to-right runs; brackets in right-to-left runs are mirrored;
// bidi controls (LRM, RLM, embeddings, isolates) are dropped. Text without a right-to-left or Arabic
// character comes back byte-identical after one scan. A '\n' ends a line: each line is ordered on its own.
std::string Shaping_VisualLine(std::string_view logical_utf8);

// Whether the paragraph direction of `text` is right to left: its first strong character (skipping what is
// inside isolates) is Arabic or Hebrew. The screen aligns such text right.
bool Shaping_IsRtl(std::string_view text);

// Forgets the font; Shaping_VisualLine then falls back to FriBidi's shaping.
void Shaping_Shutdown();

}  // namespace wk::platform
