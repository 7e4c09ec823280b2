#pragma once
// What holds for every screen of every role: each element on the glass, each button saying something,
// each id once; and for the touch screens, targets a finger can hit.
#include <string>

#include "headless_imgui.hpp"

namespace wk::uitest {

// Every rectangle inside the screen, every button labelled, no id twice.
void expect_sound_tree(const ui::UiTree& tree, const HeadlessImGui& glass);
// Every button at least `min_mm` wide and high, and no two buttons on top of each other (except
// `background`, a button meant to lie under the others).
void expect_touch_targets(const ui::UiTree& tree, const HeadlessImGui& glass, float min_mm,
                          const std::string& background = {});
// The node `id` exists and says `label`.
void expect_label(const ui::UiTree& tree, const std::string& id, const std::string& label);

}  // namespace wk::uitest
