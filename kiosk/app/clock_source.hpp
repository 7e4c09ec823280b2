#pragma once
// Where a binary's "now" comes from: the wall clock, or, for tests only, a clock a test sets through a
// file. Both binaries read the time nowhere else; everything below the shell is handed the Clock.
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace wk::app {

UnixMs wall_clock_ms();
Clock wall_clock();
// Milliseconds on CLOCK_MONOTONIC, which no one sets: beside the wall clock, it shows when that jumped.
Clock monotonic_clock();

// A test clock: the file holds one line, read again at every reading of the clock, so a test moves
// time by rewriting it (by rename, so it is never seen half-written):
//   "frozen 2026-11-24T09:00:00Z"  time stands still at that instant;
//   "offset -86400000"             the wall clock plus that many milliseconds: it runs, and several
//                                  processes given the same file agree on the time.
// An unreadable or malformed file is an error at start; later, the last good reading stays.
Result<Clock> test_clock(const std::string& path);

// The line a binary prints (and logs) when it runs on a test clock.
std::string test_clock_warning(const std::string& program, const std::string& path);

// Whether a service URL names this machine: its host is localhost, 127.0.0.1 or [::1]. Only a kiosk whose
// service is on the same machine (a test's) may run on a test clock.
bool is_loopback_url(const std::string& url);
// The same for a bare host name or address (wijkqueue serve --host): localhost, 127.0.0.1 or ::1.
bool is_loopback_host(std::string host);

// When this binary was configured (UTC milliseconds, compiled in by CMake): a clock before it is plainly
// wrong, and no ticket is stamped before it.
UnixMs build_time_ms();

}  // namespace wk::app
