// Kept apart so that only this file is built again when CMake is configured again (the time changes).
#include "app/clock_source.hpp"

namespace wk::app {

UnixMs build_time_ms() {
  return WIJKKIOSK_BUILD_TIME_MS;
}

}  // namespace wk::app
