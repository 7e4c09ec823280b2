#pragma once
// The kiosk's few widgets, drawn with ImGui's draw lists at sizes in millimetres. Each records itself in
// the UI tree, so what a test taps is exactly what a resident sees.
#include <imgui.h>

#include <string>

#include "ui/theme.hpp"
#include "ui/ui_tree.hpp"

namespace wk::ui {

enum class ButtonKind { Primary, Secondary };

// A big button at the cursor; true when tapped.
bool big_button(const Theme& t, UiTree& tree, const std::string& id, const std::string& label, ImVec2 size,
                ButtonKind kind = ButtonKind::Primary, ImFont* font = nullptr);

// A topic tile: pictogram on the left, name and one line beside it.
bool topic_tile(const Theme& t, UiTree& tree, const std::string& id, const std::string& name,
                const std::string& line, ImTextureID pictogram, ImVec2 size);

// A choice that stays on or off (an interest, a part of the week): a tile with a box that is ticked when
// `on`. Recorded as selected in the tree.
bool choice_tile(const Theme& t, UiTree& tree, const std::string& id, const std::string& label,
                 ImTextureID pictogram, ImVec2 size, bool on);

// Text centred horizontally in the window, wrapped at `wrap_width`; recorded in the tree when id is given.
void centered_text(const Theme& t, UiTree& tree, ImFont* font, ImU32 color, const std::string& text,
                   float wrap_width, const std::string& id = {});

void record_text(UiTree& tree, const std::string& id, const std::string& text, ImVec2 min, ImVec2 max);

}  // namespace wk::ui
