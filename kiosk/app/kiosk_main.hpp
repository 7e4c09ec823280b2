#pragma once
#include "app/gui_main.hpp"

namespace wk::app {

// The resident's kiosk (--role kiosk): fullscreen and touch only; returns the exit code.
int kiosk_main(const GuiOptions& options);

}  // namespace wk::app
