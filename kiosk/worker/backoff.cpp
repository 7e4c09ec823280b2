#include "worker/backoff.hpp"

#include <algorithm>

namespace wk::worker {

long backoff_ms(int attempt, double unit_random, long base_ms, long cap_ms) {
  base_ms = std::max(1L, base_ms);
  cap_ms = std::max(base_ms, cap_ms);
  // base * 2^(attempt-1), capped; doubling stops at the cap, so a huge attempt count cannot overflow.
  long ceiling = base_ms;
  for (int i = 1; i < attempt && ceiling < cap_ms; ++i) ceiling = std::min(cap_ms, ceiling * 2);
  // "Equal jitter": half fixed, half random, so kiosks that lost the service together do not all come
  // back in the same millisecond, and no wait is ever near zero.
  const double u = std::clamp(unit_random, 0.0, 1.0);
  const long half = ceiling / 2;
  return std::min(ceiling, half + static_cast<long>(u * static_cast<double>(ceiling - half)));
}

long Backoff::failed(long retry_after_s) {
  ++failures_;
  if (retry_after_s > 0) return retry_after_s * 1000;
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  return backoff_ms(failures_, unit(rng_), base_ms_, cap_ms_);
}

}  // namespace wk::worker
