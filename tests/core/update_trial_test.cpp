// A release on trial (core/update_trial.hpp): the verdicts, and the updater's files read back as written.
#include <gtest/gtest.h>

#include "core/update_trial.hpp"

namespace wk {
namespace {

TrialRecord on_trial(int tries_left) {
  return {"v2", "v1", 7, tries_left};
}

TEST(UpdateTrial, EachTryTakesOneUntilNoneAreLeftThenItGoesBack) {
  TrialRecord t = on_trial(3);
  for (int left = 2; left >= 0; --left) {
    const auto step = judge_trial(t, {"v2", false, false});
    ASSERT_EQ(step.verdict, TrialVerdict::try_again);
    EXPECT_EQ(step.record.tries_left, left);
    t = step.record;
  }
  EXPECT_EQ(judge_trial(t, {"v2", false, false}).verdict, TrialVerdict::roll_back);
}

TEST(UpdateTrial, MarkedGoodEndsTheTrialEvenOnItsLastTry) {
  EXPECT_EQ(judge_trial(on_trial(0), {"v2", true, false}).verdict, TrialVerdict::good);
  EXPECT_EQ(judge_trial(on_trial(3), {"v2", true, false}).verdict, TrialVerdict::good);
}

TEST(UpdateTrial, AFailedAppGoesBackAtOnceWithTriesLeft) {
  EXPECT_EQ(judge_trial(on_trial(3), {"v2", false, true}).verdict, TrialVerdict::roll_back);
}

TEST(UpdateTrial, CurrentStillOnThePreviousReleaseMeansTheSwapWasCutOff) {
  EXPECT_EQ(judge_trial(on_trial(3), {"v1", false, false}).verdict, TrialVerdict::finish_install);
  // Even when systemd says the (old) app failed: the install is finished first, the new one then judged.
  EXPECT_EQ(judge_trial(on_trial(3), {"v1", false, true}).verdict, TrialVerdict::finish_install);
}

TEST(UpdateTrial, CurrentOnAThirdReleaseDropsTheTrialAndSwapsNothing) {
  EXPECT_EQ(judge_trial(on_trial(3), {"v0", false, false}).verdict, TrialVerdict::stray);
  EXPECT_EQ(judge_trial(on_trial(3), {"", false, false}).verdict, TrialVerdict::stray);
}

TEST(UpdateTrial, TheFilesReadBackAsWritten) {
  const TrialRecord t = on_trial(2);
  auto back = trial_from_json(trial_to_json(t));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->version, "v2");
  EXPECT_EQ(back->previous, "v1");
  EXPECT_EQ(back->serial, 7u);
  EXPECT_EQ(back->tries_left, 2);

  UpdateState s;
  s.highest_serial_seen = 18446744073709551615ULL;  // the largest serial a manifest may have
  s.last_manifest_time_seen = 1'790'000'000'000;
  s.bad_versions = {"v2", "v3"};
  auto state = update_state_from_json(update_state_to_json(s));
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(state->highest_serial_seen, s.highest_serial_seen);
  EXPECT_EQ(state->last_manifest_time_seen, s.last_manifest_time_seen);
  EXPECT_EQ(state->bad_versions, s.bad_versions);

  UpdateReport r;
  r.state = "rolled_back";
  r.release = "v1";
  r.version = "v2";
  r.code = "not_good";
  r.message = "Release v2 never ran well.";
  r.at = 1'790'000'000'123;
  r.bad_versions = {"v2"};
  auto report = update_report_from_json(update_report_to_json(r));
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->state, r.state);
  EXPECT_EQ(report->release, r.release);
  EXPECT_EQ(report->version, r.version);
  EXPECT_EQ(report->code, r.code);
  EXPECT_EQ(report->message, r.message);
  EXPECT_EQ(report->at, r.at);
  EXPECT_EQ(report->bad_versions, r.bad_versions);
}

TEST(UpdateTrial, AFileThatDoesNotReadIsAnErrorNotADefault) {
  for (const char* text : {"", "[]", "{}", "{\"version\":\"v2\"}", "not json"}) {
    EXPECT_FALSE(trial_from_json(text).ok()) << text;
    EXPECT_FALSE(update_state_from_json(text).ok()) << text;
    EXPECT_FALSE(update_report_from_json(text).ok()) << text;
  }
  EXPECT_FALSE(
      update_state_from_json(R"({"highest_serial_seen":-1,"last_manifest_time_seen":0,"bad_versions":[]})")
          .ok());
}

}  // namespace
}  // namespace wk
