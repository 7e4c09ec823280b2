#pragma once
// The app's half of a release on trial (core/update_trial.hpp, docs/updates.md). The updater starts a new
// release on trial and rolls it back unless the app says in time that it works: once this run has shown
// that, it leaves the note <data_dir>/update/good naming its own executable. The app also reads the
// updater's report, for the heartbeat. A failure here is logged and never stops the app: the updater's
// rollback is what answers a release that cannot say it works.
#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "core/result.hpp"

namespace wk::app {

// Whether the updater started this run on trial: <data_dir>/update/trial.json is there.
bool on_trial(const std::string& data_dir);

// The real path of the running executable: /proc/self/exe with every symlink resolved, so it names the
// release's own folder (releases/<version>/...), never the `current` link the service started it by.
Result<std::string> own_executable();

// Writes <data_dir>/update/good (the executable's path and a newline, 0644) whole or not at all, making
// update/ (0755) when it is missing; only while on trial. Returns whether it wrote.
Result<bool> mark_trial_good(const std::string& data_dir, const std::string& executable);

// The updater's last report (<data_dir>/update/report.json) as its text; none when there is none or it
// cannot be read.
std::optional<std::string> read_update_report(const std::string& data_dir);

// When a run marks its trial good: its first frame is on the glass, it has run `good_after` since its
// start, and the role's own check says it works (the kiosk: its outbox reads). The shell asks after each
// frame and draws one frame when it is due: no thread and no wake-up of its own, and none at all for a
// run that is not on trial.
class TrialMark {
 public:
  using Clock = std::chrono::steady_clock;
  // `works` unset: the frame and the time are enough (a role without an outbox).
  TrialMark(std::string data_dir, Clock::time_point started, std::chrono::milliseconds good_after,
            std::function<bool()> works);
  // How long until a frame is needed for the look; none when nothing is left to do.
  std::optional<std::chrono::milliseconds> due_in(Clock::time_point now) const;
  // After a frame is on the glass: marks the trial good when it is due and the role works, at most once.
  // A role that does not work yet is looked at again `good_after` later.
  void after_frame(Clock::time_point now);

 private:
  std::string data_dir_;
  Clock::time_point due_;
  std::chrono::milliseconds good_after_;
  std::function<bool()> works_;
  bool pending_ = false;
  bool said_not_working_ = false;  // the log says so once, not at every look
};

}  // namespace wk::app
