#pragma once
// Sizes in millimetres on the glass and the kiosk's colours: high contrast, calm, one accent.
#include <imgui.h>

#include <array>

namespace wk::ui {

struct Theme {
  ImFont* normal = nullptr;
  ImFont* large = nullptr;
  ImFont* huge = nullptr;
  float px_per_mm = 4.0f;
  float mm(float v) const { return v * px_per_mm; }

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
