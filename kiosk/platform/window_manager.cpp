#include "platform/window_manager.hpp"

#include <X11/Xatom.h>
#include <X11/Xlib.h>

namespace wk::platform {

bool WindowManager_Present() {
  Display* display = XOpenDisplay(nullptr);
  if (display == nullptr) return true;
  bool present = false;
  // only_if_exists: without any EWMH client the atom itself does not exist, and the answer is no.
  const Atom check = XInternAtom(display, "_NET_SUPPORTING_WM_CHECK", True);
  if (check != None) {
    Atom type = None;
    int format = 0;
    unsigned long items = 0, after = 0;
    unsigned char* data = nullptr;
    if (XGetWindowProperty(display, DefaultRootWindow(display), check, 0, 1, False, XA_WINDOW, &type, &format,
                           &items, &after, &data) == Success)
      present = type == XA_WINDOW && items == 1;
    if (data != nullptr) XFree(data);
  }
  XCloseDisplay(display);
  return present;
}

}  // namespace wk::platform
