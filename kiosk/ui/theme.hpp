#pragma once
// Sizes in millimetres on the glass and the kiosk's colours: high contrast, calm, one accent.
#include <imgui.h>

#include <array>
#include <string>
#include <string_view>

namespace wk::ui {

// Turns one line of text in logical order into what ImGui draws left to right: right-to-left runs
// reordered, Arabic letters in their joined forms (platform/text_shaping.hpp does it; ui only asks).
class TextShaper {
 public:
  virtual ~TextShaper() = default;
  virtual std::string visual(std::string_view logical_line) const = 0;
};

// The kiosk's type sizes (ImGui's font size, in mm on the glass). Headings, tiles and buttons are large:
// a capital H of 12 mm Noto Sans Bold is 6.3 mm, over EN 301 549 5.1.4's 6 mm at 500 mm (0.7 degrees).
// Bigger text brings the body text there too (12 mm), and headings to 14 mm.
struct TypeSizes {
  float normal_mm, large_mm, huge_mm;
};
constexpr TypeSizes kKioskType{7.0f, 12.0f, 50.0f};
constexpr TypeSizes kKioskLargePrint{12.0f, 14.0f, 50.0f};

struct Theme {
  ImFont* normal = nullptr;
  ImFont* large = nullptr;
  ImFont* huge = nullptr;
  float px_per_mm = 4.0f;
  float mm(float v) const { return v * px_per_mm; }
  // The resident's language is written right to left: the layout is mirrored (back on the right, text
  // aligned right). Text is drawn through the shaper when there is one.
  bool rtl = false;
  const TextShaper* shaper = nullptr;
  std::string shown(std::string_view logical_line) const {
    return shaper ? shaper->visual(logical_line) : std::string(logical_line);
  }

  static constexpr float kMinTargetMm = 15.0f;  // every touch target is at least this big
  ImU32 background = IM_COL32(247, 246, 240, 255);
  ImU32 ink = IM_COL32(17, 24, 39, 255);
  ImU32 muted = IM_COL32(60, 68, 82, 255);
  ImU32 primary = IM_COL32(29, 53, 87, 255);  // dark blue, white text on it
  ImU32 primary_text = IM_COL32(255, 255, 255, 255);
  ImU32 tile = IM_COL32(255, 255, 255, 255);
  ImU32 tile_border = IM_COL32(29, 53, 87, 255);
  ImU32 pressed = IM_COL32(220, 230, 242, 255);
  ImU32 accent = IM_COL32(140, 35, 15, 255);  // dark rust: a notice's text, a held button's fill
  ImU32 warning_bg = IM_COL32(255, 236, 179, 255);

  // "Bigger text and more contrast": black on white, white on black, yellow for what is pressed or
  // warned of. The fonts grow in the shell (they are rebuilt between frames); the colours change here.
  Theme with_more_contrast() const {
    Theme t = *this;
    t.background = IM_COL32(255, 255, 255, 255);
    t.ink = IM_COL32(0, 0, 0, 255);
    t.muted = IM_COL32(0, 0, 0, 255);
    t.primary = IM_COL32(0, 0, 0, 255);
    t.primary_text = IM_COL32(255, 255, 255, 255);
    t.tile = IM_COL32(255, 255, 255, 255);
    t.tile_border = IM_COL32(0, 0, 0, 255);
    t.pressed = IM_COL32(255, 221, 0, 255);
    t.accent = IM_COL32(90, 0, 0, 255);
    t.warning_bg = IM_COL32(255, 221, 0, 255);
    t.border_mm = 1.4f;
    return t;
  }
  float border_mm = 0.8f;  // a tile's and a secondary button's outline

  // Every pair of text colour and the ground it is drawn on anywhere in ui/, for the contrast rule
  // (WCAG 2.2 1.4.6, AAA: 7:1): a new pairing in a screen belongs here, and the test measures it.
  struct TextOnGround {
    const char* name;
    ImU32 text, ground;
  };
  std::array<TextOnGround, 14> text_pairs() const {
    return {{{"ink on background", ink, background},
             {"ink on tile", ink, tile},
             {"ink on pressed tile", ink, pressed},
             {"ink on warning", ink, warning_bg},
             {"muted on background", muted, background},
             {"muted on tile", muted, tile},
             {"muted on warning", muted, warning_bg},
             {"primary on background", primary, background},
             {"primary on tile", primary, tile},
             {"primary on pressed tile", primary, pressed},
             {"accent on background", accent, background},
             {"accent on warning", accent, warning_bg},
             {"button text on primary", primary_text, primary},
             {"button text on held button", primary_text, accent}}};
  }
};

}  // namespace wk::ui
