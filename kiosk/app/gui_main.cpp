// The SDL2 + Dear ImGui app: one shell (app/shell.hpp), a main per role.
#include "app/gui_main.hpp"

#include <cstdio>
#include <cstdlib>

#include "app/clock_source.hpp"
#include "app/counter_main.hpp"
#include "app/display_main.hpp"
#include "app/kiosk_main.hpp"

namespace wk::app {

int gui_main(const GuiOptions& opt) {
  GuiOptions o = opt;
  if (!o.clock) {
    o.clock = wall_clock();
    o.monotonic = monotonic_clock();
  }
  if (o.ui_tree_path.empty())
    if (const char* env = std::getenv("WIJKKIOSK_UI_TREE")) o.ui_tree_path = env;
  if (o.role == "kiosk") return kiosk_main(o);
  if (o.role == "counter") return counter_main(o);
  if (o.role == "display") return display_main(o);
  std::fprintf(stderr, "wijkkiosk: the role must be kiosk, counter or display, not %s\n", o.role.c_str());
  return 2;
}

}  // namespace wk::app
