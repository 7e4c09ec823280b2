#include "update/updater.hpp"

#include <algorithm>
#include <filesystem>

#include "update/signature.hpp"

namespace wk::updates {
namespace {

// One run: what it knows, and the report it ends with.
struct Run {
  const Updater& u;
  UpdateState state;
  UpdateReport report;

  void step(std::string_view name) const {
    if (u.step) u.step(name);
  }
  void log(const std::string& line) const {
    if (u.log) u.log(line);
  }
  UpdateReport& outcome(std::string state_name, std::string version, std::string code, std::string message) {
    report.state = std::move(state_name);
    report.version = std::move(version);
    report.code = std::move(code);
    report.message = std::move(message);
    return report;
  }
  UpdateReport& outcome(std::string state_name, std::string version, const Error& e) {
    log(state_name + " " + version + ": " + to_string(e));
    return outcome(std::move(state_name), std::move(version), e.code, e.message);
  }
  Run& failed(const Error& e) {
    outcome("failed", "", e);
    return *this;
  }
  Result<void> load_state() {
    auto text = read_state_file(u.paths, kUpdateStateFile);
    if (!text) return text.error();
    if (!text->has_value()) return Ok{};  // a new device: nothing seen yet
    auto read = update_state_from_json(**text);
    if (!read) return read.error();
    state = read.value();
    return Ok{};
  }
  Result<void> save_state() const {
    return write_state_file(u.paths, kUpdateStateFile, update_state_to_json(state));
  }
};

// The app wrote `good` naming an executable inside releases/<version>/ (its own real path).
bool marked_good(const UpdatePaths& p, const std::string& version) {
  auto text = read_state_file(p, kTrialGoodFile);
  if (!text || !text->has_value()) return false;
  std::string exe = **text;
  while (!exe.empty() && (exe.back() == '\n' || exe.back() == '\r')) exe.pop_back();
  std::error_code ec;
  const auto dir = std::filesystem::weakly_canonical(release_dir(p, version), ec);
  if (ec) return false;
  return exe.rfind(dir.string() + "/", 0) == 0;
}

// Previous first, then current: a cut between the two leaves both naming the old release.
Result<void> swap_to(const Run& run, const std::string& version, const std::string& previous) {
  const UpdatePaths& p = run.u.paths;
  if (!previous.empty()) {
    if (auto r = point_link(p, p.previous, previous); !r) return r;
    run.step("previous " + previous);
  }
  if (auto r = point_link(p, p.current, version); !r) return r;
  run.step("current " + version);
  return Ok{};
}

// A trial's outcome, when there is one to settle; nullopt: the run goes on.
std::optional<UpdateReport> settle_trial(Run& run, bool at_start) {
  const Updater& u = run.u;
  auto text = read_state_file(u.paths, kTrialFile);
  if (!text) return run.outcome("failed", "", text.error());
  if (!text->has_value()) return std::nullopt;
  auto trial = trial_from_json(**text);
  if (!trial) {
    run.log("the trial record does not read; it is dropped: " + to_string(trial.error()));
    remove_state_file(u.paths, kTrialFile);
    return std::nullopt;
  }
  TrialFacts facts;
  facts.current = linked_version(u.paths.current).value_or("");
  facts.marked_good = marked_good(u.paths, trial->version);
  facts.app_failed = !at_start && u.app.failed && u.app.failed();
  const TrialStep judged = judge_trial(trial.value(), facts);
  const std::string& v = trial->version;
  switch (judged.verdict) {
    case TrialVerdict::finish_install: {
      if (auto r = swap_to(run, v, trial->previous); !r) return run.outcome("failed", v, r.error());
      if (!at_start && u.app.restart) u.app.restart();
      return run.outcome("installed", v, "", "Release " + v + " is installed and on trial.");
    }
    case TrialVerdict::good: {
      run.state.highest_serial_seen = std::max(run.state.highest_serial_seen, trial->serial);
      if (auto r = run.save_state(); !r) return run.outcome("failed", v, r.error());
      remove_state_file(u.paths, kTrialFile);
      remove_state_file(u.paths, kTrialGoodFile);
      remove_releases_except(u.paths, {v, trial->previous});
      run.log("release " + v + " passed its trial");
      return run.outcome("trial_passed", v, "", "Release " + v + " runs well and stays.");
    }
    case TrialVerdict::try_again: {
      if (auto r = write_state_file(u.paths, kTrialFile, trial_to_json(judged.record)); !r)
        return run.outcome("failed", v, r.error());
      run.step("try");
      run.log("release " + v + " on trial, " + std::to_string(judged.record.tries_left) + " tries left");
      return run.outcome(
          "installed", v, "",
          "Release " + v + " is on trial (" + std::to_string(judged.record.tries_left) + " tries left).");
    }
    case TrialVerdict::roll_back: {
      if (auto r = point_link(u.paths, u.paths.current, trial->previous); !r)
        return run.outcome("failed", v, r.error());
      run.step("rolled back");
      // The serial stays unseen: the same manifest is then refused as bad_version at every check, so IT
      // keeps seeing why, until it publishes a newer one.
      run.state.bad_versions.insert(v);
      if (auto r = run.save_state(); !r) return run.outcome("failed", v, r.error());
      remove_state_file(u.paths, kTrialFile);
      remove_state_file(u.paths, kTrialGoodFile);
      remove_releases_except(u.paths, {trial->previous});
      if (!at_start && u.app.revive) u.app.revive();
      const std::string why = facts.app_failed ? "start_limit" : "not_good";
      run.log("release " + v + " failed its trial (" + why + "); back to " + trial->previous);
      return run.outcome("rolled_back", v, why,
                         "Release " + v + (facts.app_failed ? " kept crashing" : " never ran well") +
                             "; the kiosk went back to " + trial->previous + " and will not try it again.");
    }
    case TrialVerdict::stray:
      run.log("current points at " + facts.current + ", not at " + v + " on trial; the trial is dropped");
      remove_state_file(u.paths, kTrialFile);
      return std::nullopt;
  }
  return std::nullopt;
}

// The report of the run (its outcome, completed with where `current` points now), written when asked.
UpdateReport finish(Run& run, bool write) {
  run.report.release = linked_version(run.u.paths.current).value_or("");
  run.report.at = run.u.now();
  run.report.bad_versions = run.state.bad_versions;
  if (write) {
    if (auto r = write_state_file(run.u.paths, kUpdateReportFile, update_report_to_json(run.report)); !r)
      run.log("the report could not be written: " + to_string(r.error()));
  }
  return run.report;
}

UpdateReport install(Run& run, const ReleaseSource& source) {
  const Updater& u = run.u;
  auto manifest_text = source.manifest();
  if (!manifest_text) return run.outcome("failed", "", manifest_text.error());
  auto signature_text = source.signature();
  if (!signature_text) return run.outcome("failed", "", signature_text.error());
  std::vector<std::string> key_problems;
  const auto keys = trusted_keys(u.paths, key_problems);
  for (const auto& p : key_problems) run.log("a release key is skipped: " + p);
  auto m = verified_manifest(manifest_text.value(), signature_text.value(), keys);
  if (!m) return run.outcome("refused", "", m.error());
  const std::string& v = m->version;
  const UnixMs now = u.now();
  if (m->serial == run.state.highest_serial_seen) return run.outcome("idle", v, "", "Nothing new.");
  const std::string current = linked_version(u.paths.current).value_or("");
  std::error_code ec;
  std::filesystem::create_directories(u.paths.releases, ec);
  auto free = free_bytes(u.paths.releases);
  if (!free) return run.outcome("failed", v, free.error());
  if (auto ok = accept_manifest(m.value(), run.state, now, u.device_id, free.value() - u.keep_free_bytes);
      !ok)
    return run.outcome("refused", v, ok.error());
  run.state.last_manifest_time_seen = std::max(run.state.last_manifest_time_seen, now);
  if (v == current) {  // a new serial for what runs already: remember it, install nothing
    run.state = after_accepting(m.value(), run.state, now);
    if (auto r = run.save_state(); !r) return run.outcome("failed", v, r.error());
    return run.outcome("idle", v, "", "Release " + v + " is the one installed.");
  }
  if (auto r = run.save_state(); !r) return run.outcome("failed", v, r.error());
  run.log("installing release " + v + " (serial " + std::to_string(m->serial) + ")");
  if (auto r = stage_release(u.paths, m.value(), source.fetch, u.step, u.log); !r) {
    // Bytes that are not the release's are refused; a broken line or a full disk is tried again.
    const bool refused = r.error().code == "wrong_hash" || r.error().code == "oversized";
    return run.outcome(refused ? "refused" : "failed", v, r.error());
  }
  if (current.empty()) {  // the first release: nothing to go back to, so no trial
    if (auto r = point_link(u.paths, u.paths.current, v); !r) return run.outcome("failed", v, r.error());
    run.step("current " + v);
    run.state = after_accepting(m.value(), run.state, now);
    if (auto r = run.save_state(); !r) return run.outcome("failed", v, r.error());
    if (u.app.restart) u.app.restart();
    return run.outcome("installed", v, "", "Release " + v + " is installed.");
  }
  // The record comes before the swap: a cut after it finds `current` still old and finishes the swap.
  remove_state_file(u.paths, kTrialGoodFile);
  if (auto r = write_state_file(u.paths, kTrialFile, trial_to_json({v, current, m->serial, u.tries})); !r)
    return run.outcome("failed", v, r.error());
  run.step("trial " + v);
  if (auto r = swap_to(run, v, current); !r) return run.outcome("failed", v, r.error());
  if (u.app.restart) u.app.restart();
  run.log("release " + v + " installed; on trial with " + std::to_string(u.tries) + " tries");
  return run.outcome("installed", v, "", "Release " + v + " is installed and on trial.");
}

}  // namespace

UpdateReport run_check(const Updater& u, const ReleaseSource& source) {
  Run run{u, {}, {}};
  auto lock = UpdateLock::take(u.paths);
  if (!lock) return finish(run.failed(lock.error()), false);
  // Without its memory the updater cannot tell an old release from a new one: it installs nothing.
  if (auto r = run.load_state(); !r) return finish(run.failed(r.error()), true);
  if (!settle_trial(run, false)) install(run, source);
  return finish(run, true);
}

UpdateReport run_on_start(const Updater& u) {
  Run run{u, {}, {}};
  // Never waits: a check may hold the lock for a long download, and the app must start now. While a check
  // runs there is no trial to count (it settles a trial before it downloads), and `current` names a
  // complete release at every instant.
  auto lock = UpdateLock::try_take(u.paths);
  if (!lock) return finish(run.failed(lock.error()), false);
  if (!lock->has_value()) {
    run.log("a check is running; this start of the app is not counted");
    return finish(run, false);
  }
  if (auto r = run.load_state(); !r) return finish(run.failed(r.error()), false);
  // Only a trial's news is written: an ordinary start must not hide the last check's report from IT.
  const bool news = settle_trial(run, true).has_value();
  return finish(run, news);
}

}  // namespace wk::updates
