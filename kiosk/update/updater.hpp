#pragma once
// wijkkiosk-update's two runs (docs/updates.md): the timer's check, which settles a trial or fetches,
// verifies, stages and swaps in a new release; and the app's start (ExecStartPre), which counts a try of
// a release on trial or swaps it back. The outside world is handed in: the clock, the source of releases
// (the service, through net/), and the app's unit in systemd.
#include <functional>
#include <string>

#include "core/clock.hpp"
#include "core/update_trial.hpp"
#include "update/release_tree.hpp"

namespace wk::updates {

// Where the releases come from: the channel's manifest and its signature as exact bytes, and each file.
struct ReleaseSource {
  std::function<Result<std::string>()> manifest;
  std::function<Result<std::string>()> signature;
  FetchFile fetch;
};

// The app as systemd runs it; empty functions: nobody to ask or restart (a test's prefix).
struct AppControl {
  std::function<bool()> failed;   // systemd gave up on it (its start limit)
  std::function<void()> restart;  // after a swap: restart it if it runs
  std::function<void()> revive;   // after a roll back: forget its failure and start it, running or not
};

struct Updater {
  UpdatePaths paths;
  std::string device_id;             // the rollout's share is decided by its hash
  int tries = 3;                     // a new release's starts and checks on trial
  std::int64_t keep_free_bytes = 0;  // disk an install leaves free beyond the manifest's needs
  Clock now;
  AppControl app;
  StepHook step;                                // after each durable step
  std::function<void(const std::string&)> log;  // one line, no personal data (there is none here)
};

// The timer's run (and systemd's OnFailure). Returns what happened; the same is in report.json.
UpdateReport run_check(const Updater& u, const ReleaseSource& source);
// Before each start of the app: a trial's try, a roll back when its tries ran out, or the end of an
// install that a power cut interrupted.
UpdateReport run_on_start(const Updater& u);

}  // namespace wk::updates
