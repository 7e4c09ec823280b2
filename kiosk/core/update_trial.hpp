#pragma once
// A new release on trial, and what the updater tells IT (ARCHITECTURE.md, "Updates"; docs/updates.md).
// Pure: the updater reads the files and hands in what it found; this decides.
//
// The files, in the kiosk's data_dir (/var/lib/wijkkiosk), folder "update/":
//   state.json   the updater's memory: highest serial, last manifest time, bad versions (UpdateState)
//   trial.json   the release on trial and its tries (TrialRecord); only the updater writes it
//   good         one line written by the app once it has run well: the real path of its executable
//   report.json  the updater's last outcome (UpdateReport); the app sends it with every heartbeat
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/update_manifest.hpp"

namespace wk {

inline constexpr std::string_view kUpdateDir = "update";
inline constexpr std::string_view kUpdateStateFile = "state.json";
inline constexpr std::string_view kTrialFile = "trial.json";
inline constexpr std::string_view kTrialGoodFile = "good";
inline constexpr std::string_view kUpdateReportFile = "report.json";

struct TrialRecord {
  std::string version;       // on trial: releases/<version>, where `current` points
  std::string previous;      // what `current` pointed at before, where a failed trial goes back to
  std::uint64_t serial = 0;  // the manifest's: remembered as seen once the trial is settled either way
  int tries_left = 0;        // each start of the app and each updater check under trial takes one
};

Result<TrialRecord> trial_from_json(std::string_view text);
std::string trial_to_json(const TrialRecord& t);

Result<UpdateState> update_state_from_json(std::string_view text);
std::string update_state_to_json(const UpdateState& s);

// What a look at a trial found, and what to do about it.
struct TrialFacts {
  std::string current;       // the release `current` points at now
  bool marked_good = false;  // the app's `good` file names an executable inside releases/<trial.version>/
  bool app_failed = false;   // systemd gave up on the app (its start limit)
};
enum class TrialVerdict {
  finish_install,  // `current` is still the previous release: an install was cut off before its swap
  good,            // the trial is over: keep it, forget the record
  try_again,       // still on trial, one try fewer (the record to write is in `record`)
  roll_back,       // out of tries, or the app failed: back to `previous`, the version is bad
  stray,           // `current` is neither: someone changed it by hand; the record is dropped, nothing swapped
};
struct TrialStep {
  TrialVerdict verdict;
  TrialRecord record;  // for try_again: the record with one try fewer
};
TrialStep judge_trial(const TrialRecord& trial, const TrialFacts& facts);

// The updater's last outcome, for the log, the heartbeat and IT's /v1/fleet.
struct UpdateReport {
  // idle (nothing new), installed (a trial started), trial_passed, refused, rolled_back, failed (a
  // download or disk failure; tried again next time)
  std::string state = "idle";
  std::string release;  // where `current` points after this run; empty: nothing installed yet
  std::string code;     // for refused/failed/rolled_back: the reason's code (bad_signature, expired...)
  std::string message;  // a sentence for IT
  std::string version;  // the version the outcome is about (the one refused, installed, rolled back)
  UnixMs at = 0;
  std::set<std::string> bad_versions;
};
std::string update_report_to_json(const UpdateReport& r);
Result<UpdateReport> update_report_from_json(std::string_view text);

}  // namespace wk
