#pragma once
// Waiting for a condition in a test: polls until it holds or the deadline passes. Tests assert on the
// condition, never on how long it took, and never sleep instead of waiting.
#include <chrono>
#include <thread>

namespace wk::test {

template <class Predicate>
bool wait_until(Predicate&& condition, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= deadline) return condition();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

}  // namespace wk::test
