#pragma once
#include <string>

namespace wk::app {

struct GuiOptions {
  std::string role;
  std::string config_path;
  std::string ui_tree_path;  // --ui-tree FILE, or $WIJKKIOSK_UI_TREE
};

// The SDL2 + Dear ImGui app for a role; returns the process exit code.
int gui_main(const GuiOptions& options);

}  // namespace wk::app
