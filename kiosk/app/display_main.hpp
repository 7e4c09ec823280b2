#pragma once
#include "app/gui_main.hpp"

namespace wk::app {

// The waiting-room display (--role display): fullscreen, chimes and speaks each call; returns the exit code.
int display_main(const GuiOptions& options);

}  // namespace wk::app
