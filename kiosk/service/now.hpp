#pragma once
// The service's one reading of the wall clock; core gets times handed in.
#include <chrono>

#include "core/clock.hpp"

namespace wk::service {

inline UnixMs now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace wk::service
