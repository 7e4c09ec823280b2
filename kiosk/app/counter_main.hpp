#pragma once
#include "app/gui_main.hpp"

namespace wk::app {

// The staff counter (--role counter): a normal, resizable desktop window; returns the exit code.
int counter_main(const GuiOptions& options);

}  // namespace wk::app
