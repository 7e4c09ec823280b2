#pragma once
// Whether the X server has a window manager (an EWMH one: _NET_SUPPORTING_WM_CHECK on the root window).
// A kiosk usually runs on a bare X server; the window decides by this whether to ask for fullscreen.
namespace wk::platform {

// True when one is there, or when it cannot be told (no X display to ask): then asking does no harm.
bool WindowManager_Present();

}  // namespace wk::platform
