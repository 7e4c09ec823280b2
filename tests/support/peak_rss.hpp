#pragma once
// A process's peak resident size, for the tests that prove a big request is streamed, not held: a buffer
// freed once the answer is sent still shows here, where VmRSS forgets it.
#include <sys/types.h>

#include <fstream>
#include <string>

namespace wk::test {

inline long peak_rss_kib(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

// Under a sanitizer (make sanitize) the allocator keeps freed blocks in quarantine and pads every one, so
// the peak says nothing of the service's own buffers: the bound is checked in the normal build only.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr bool kPeakRssIsOurs = false;
#else
inline constexpr bool kPeakRssIsOurs = true;
#endif

}  // namespace wk::test
