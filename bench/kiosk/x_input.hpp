#pragma once
// A finger on the kiosk's glass, through the XTest extension: one X connection kept open for the whole
// run, so a tap costs microseconds (xdotool's fork and exec cost milliseconds, the soak's bottleneck).
#include <string>

struct _XDisplay;

namespace wk::bench {

class XInput {
 public:
  explicit XInput(const std::string& display);  // ":N"; throws when it cannot be opened or has no XTest
  ~XInput();
  XInput(const XInput&) = delete;
  XInput& operator=(const XInput&) = delete;

  // Moves there, presses and lifts, as a touchscreen reports a short tap; sent to the server at once.
  void tap(int x, int y);

 private:
  _XDisplay* display_ = nullptr;
};

}  // namespace wk::bench
