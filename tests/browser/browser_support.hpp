#pragma once
// What the browser tests share: node and the npm modules the specs load (playwright-core to drive
// Debian's Chromium, axe-core to judge the page), installed by the test itself into the build dir.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace wk::test {

inline const std::string kNodeDir = WIJKKIOSK_BROWSER_NODE_DIR;  // npm prefix in the build dir
// axe-core pinned to one version: a new axe release may add rules, and a test must not change under us.
inline const std::string kNodeModules = "playwright-core@1 axe-core@4.14.1";

// A program by name along PATH (Process::start wants a path).
inline std::string find_program(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
  for (std::size_t start = 0; start <= dirs.size();) {
    const auto end = std::min(dirs.find(':', start), dirs.size());
    const std::string candidate = dirs.substr(start, end - start) + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    start = end + 1;
  }
  return {};
}

// Where a screenshot goes: the README's folder when `make screenshots` asks, else the test's temp dir.
inline std::string screenshot_path(const TempDir& tmp, const std::string& name) {
  if (const char* dir = std::getenv("WIJKKIOSK_SCREENSHOTS")) return std::string(dir) + "/" + name;
  return tmp.file(name);
}

// playwright-core and axe-core from the npm registry into the build dir, once (axe-core's own
// package.json names the pinned version, so a prefix with another axe-core installs again). Under flock,
// because ctest -j runs the browser tests at the same time and two npm installs into one prefix would
// trip over each other.
inline void ensure_node_modules() {
  const std::string check =
      "test -f \"$0/node_modules/playwright-core/package.json\" && "
      "grep -q '\"version\": \"4.14.1\"' \"$0/node_modules/axe-core/package.json\" 2>/dev/null";
  std::filesystem::create_directories(kNodeDir);
  const auto r = run_command(
      {"/usr/bin/flock", kNodeDir + "/.lock", "/bin/sh", "-c",
       check + " || npm install --prefix \"$0\" --no-audit --no-fund --loglevel=error " + kNodeModules,
       kNodeDir},
      {}, std::chrono::minutes(5));
  ASSERT_EQ(r.exit_code, 0) << "npm install " << kNodeModules << " failed:\n" << r.out << r.err;
  ASSERT_TRUE(std::filesystem::exists(kNodeDir + "/node_modules/axe-core/axe.min.js"))
      << "npm did not install axe-core into " << kNodeDir;
}

}  // namespace wk::test
