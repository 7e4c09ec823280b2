#pragma once
// The waiting-room display, fullscreen and untouched: the latest call very large (code and desk), the
// previous five below it, a clock, and "reconnecting…" in a corner while the long-poll fails. It draws
// core's display state and nothing else; it sends no events.
#include <string>

#include "core/catalogue.hpp"
#include "core/display.hpp"
#include "ui/theme.hpp"
#include "ui/ui_tree.hpp"

namespace wk::ui {

struct DisplayView {
  const display::DisplayState* state = nullptr;
  const Catalogues* text = nullptr;
  std::string clock;  // "09:41", already in local time
  Theme theme;
};

void draw_display(const DisplayView& view, UiTree& tree);

}  // namespace wk::ui
