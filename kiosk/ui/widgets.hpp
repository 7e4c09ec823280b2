#pragma once
// The kiosk's few widgets, drawn with ImGui's draw lists at sizes in millimetres. Each records itself in
// the UI tree, so what a test taps (and what read-aloud reads) is exactly what a resident sees. Text goes
// through the theme's shaper and is aligned by the language's direction.
#include <imgui.h>

#include <string>
#include <vector>

#include "ui/icons.hpp"
#include "ui/theme.hpp"
#include "ui/ui_tree.hpp"

namespace wk::ui {

enum class ButtonKind { Primary, Secondary };
enum class Align { Start, Centre, End };  // Start: left in a left-to-right language, right in Arabic

// The height of a capital H in `font`, in pixels: what EN 301 549 5.1.4 measures.
float cap_height(const ImFont* font);

// `text` broken into lines no wider than `wrap` (in logical order, then each shaped for drawing).
std::vector<std::string> shaped_lines(const Theme& t, ImFont* font, const std::string& text, float wrap);
ImVec2 text_size(const Theme& t, ImFont* font, const std::string& text, float wrap);
// Draws `text` wrapped at `wrap` (the box's width when it is 0), each line aligned in the box `box_w` wide
// that starts at `at`; returns its size. Measure with text_size() at the same `wrap`: the lines are then
// the same (a box as wide as the widest line would break shaped text anew).
ImVec2 draw_text(const Theme& t, ImFont* font, ImVec2 at, float box_w, ImU32 color, const std::string& text,
                 Align align, float wrap = 0);

// A big button at the cursor, with a pictogram before its label when `icon` is given; true when tapped.
bool big_button(const Theme& t, UiTree& tree, const std::string& id, const std::string& label, ImVec2 size,
                ButtonKind kind = ButtonKind::Primary, ImFont* font = nullptr, Icon icon = Icon::None);

// A square button with only a pictogram (the aids: read aloud, louder, bigger text); `label` is what the
// tree (and a test) knows it by. `on`: a toggle that is on, drawn filled.
bool icon_button(const Theme& t, UiTree& tree, const std::string& id, const std::string& label, Icon icon,
                 float side, bool on);

// A topic tile: pictogram at the start, name and one line beside it (the line recorded as its own text).
bool topic_tile(const Theme& t, UiTree& tree, const std::string& id, const std::string& name,
                const std::string& line, ImTextureID pictogram, ImVec2 size);

// A choice that stays on or off (an interest, a part of the week): a tile with a box that is ticked when
// `on`. Recorded as selected in the tree.
bool choice_tile(const Theme& t, UiTree& tree, const std::string& id, const std::string& label,
                 ImTextureID pictogram, ImVec2 size, bool on);

// Text centred horizontally in the window, wrapped at `wrap_width`; recorded in the tree (under `id`, or a
// counted one).
void centered_text(const Theme& t, UiTree& tree, ImFont* font, ImU32 color, const std::string& text,
                   float wrap_width, const std::string& id = {}, bool personal = false);

void record_text(UiTree& tree, const std::string& id, const std::string& text, ImVec2 min, ImVec2 max,
                 const ImFont* font, bool personal = false);

}  // namespace wk::ui
