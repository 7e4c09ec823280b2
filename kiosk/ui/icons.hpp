#pragma once
// Pictograms for the key actions, drawn as vector shapes at any size (no texture, nothing to load): a
// resident who cannot read still finds "back", "start over", "more time", "read aloud", "yes" and "no".
// Each is drawn in a square of `side` pixels centred on `centre`, in one colour.
#include <imgui.h>

namespace wk::ui {

enum class Icon {
  None,
  Back,        // an arrow pointing the way back (mirrored for right-to-left)
  StartOver,   // a house: back to the very start
  MoreTime,    // a clock with a plus
  Speaker,     // read the screen aloud
  Stop,        // stop reading
  Louder,      // a speaker with a plus
  Softer,      // a speaker with a minus
  LargePrint,  // a small and a large "A"
  Yes,         // a tick
  No,          // a cross
  Next,        // an arrow onwards
  Erase,       // a key with a cross
};

void draw_icon(ImDrawList* dl, Icon icon, ImVec2 centre, float side, ImU32 color, bool rtl = false);

}  // namespace wk::ui
