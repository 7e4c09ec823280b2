#pragma once
// Dear ImGui without a window: a context, a font atlas built in memory and frames that are drawn and
// rendered into draw lists nobody shows. Enough for the ui's screens to lay themselves out and fill the
// UI tree, and for a test to press a mouse button where a person would tap.
#include <imgui.h>

#include <functional>
#include <string>
#include <vector>

#include "core/catalogue.hpp"
#include "core/config.hpp"
#include "ui/theme.hpp"
#include "ui/ui_tree.hpp"

namespace wk::uitest {

// The glass: its size in pixels, its pixel density and the role's font sizes in millimetres (as the app's
// role mains choose them).
struct Glass {
  float width = 1080, height = 1920;
  float px_per_mm = 96.0f / 25.4f;  // the app's fallback when the display does not tell its DPI
  float normal_mm = ui::kKioskType.normal_mm, large_mm = ui::kKioskType.large_mm,
        huge_mm = ui::kKioskType.huge_mm;
  std::string huge_text;  // what the huge font must write besides ticket codes
};

class HeadlessImGui {
 public:
  explicit HeadlessImGui(const Glass& glass);
  ~HeadlessImGui();
  HeadlessImGui(const HeadlessImGui&) = delete;
  HeadlessImGui& operator=(const HeadlessImGui&) = delete;

  const ui::Theme& theme() const { return theme_; }
  float width() const { return glass_.width; }
  float height() const { return glass_.height; }

  // One frame: NewFrame, `draw` (which fills `tree`), Render.
  void frame(ui::UiTree& tree, const std::string& screen, const std::function<void()>& draw);
  // Where the mouse is and whether its button is down from the next frame on.
  void mouse(float x, float y, bool down);

 private:
  Glass glass_;
  ImGuiContext* context_ = nullptr;
  ImVector<ImWchar> huge_ranges_;
  ui::Theme theme_;
};

// The node with `id` in the tree, or nullptr.
const ui::UiNode* find(const ui::UiTree& tree, const std::string& id);
// The nodes whose id starts with `prefix`, in the order they were drawn.
std::vector<ui::UiNode> with_prefix(const ui::UiTree& tree, const std::string& prefix);

// Every assets/i18n/*.po of the source tree, parsed by core; the test fails to start when one does not parse.
const Catalogues& catalogues();
// The demo location (assets/locations/demo.toml), offering every language there is a catalogue for.
LocationConfig demo_location();
TzRule amsterdam();
UnixMs utc(int y, int mo, int d, int h = 0, int mi = 0);

// What a label should say: `msgid` in `language`'s own catalogue when that has it (an empty msgstr falls
// back to the msgid, as core's catalogue does), else core's fallback.
std::string expected_text(const std::string& language, const std::string& msgid);

}  // namespace wk::uitest
