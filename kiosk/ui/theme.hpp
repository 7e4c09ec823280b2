#pragma once
// Sizes in millimetres on the glass and the kiosk's colours: high contrast, calm, one accent.
#include <imgui.h>

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
  ImU32 muted = IM_COL32(70, 80, 95, 255);
  ImU32 primary = IM_COL32(29, 53, 87, 255);  // dark blue, white text on it
  ImU32 primary_text = IM_COL32(255, 255, 255, 255);
  ImU32 tile = IM_COL32(255, 255, 255, 255);
  ImU32 tile_border = IM_COL32(29, 53, 87, 255);
  ImU32 pressed = IM_COL32(220, 230, 242, 255);
  ImU32 accent = IM_COL32(231, 111, 81, 255);
  ImU32 warning_bg = IM_COL32(255, 236, 179, 255);
};

}  // namespace wk::ui
