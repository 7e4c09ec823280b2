// The sync worker's pure rules: what a status means for a row, the reason kept for IT, the backoff.
#include "net/sync_policy.hpp"

#include <gtest/gtest.h>

#include "net/sync_worker.hpp"

namespace wk::net {
namespace {

TEST(SyncPolicy, TwoHundredsAreSentIncludingTheRetryAnswer) {
  EXPECT_EQ(verdict_for(201), Verdict::sent);
  EXPECT_EQ(verdict_for(200), Verdict::sent);
  EXPECT_EQ(verdict_for(204), Verdict::sent);
}

TEST(SyncPolicy, RefusalsNoRetryCanFixAreParked) {
  for (long s : {400, 403, 404, 409, 413, 415, 422}) EXPECT_EQ(verdict_for(s), Verdict::park) << s;
}

TEST(SyncPolicy, PassingTroubleIsRetried) {
  for (long s : {401, 408, 429, 500, 502, 503, 504, 301, 0}) EXPECT_EQ(verdict_for(s), Verdict::retry) << s;
}

TEST(SyncPolicy, AGatewayWithNoServiceBehindItMeansAwayTheServicesOwn503MeansBusy) {
  for (long s : {502, 503, 504}) EXPECT_TRUE(says_service_away(s, 0)) << s;
  EXPECT_FALSE(says_service_away(503, 5));  // wijkqueue's db_unavailable / disk_full: Retry-After
  for (long s : {500, 429, 401, 200}) EXPECT_FALSE(says_service_away(s, 0)) << s;
}

TEST(SyncPolicy, TheReasonNamesStatusCodeAndMessage) {
  EXPECT_EQ(describe_refusal(
                422, R"({"error":{"code":"field_invalid","message":"The field 'topic' is unknown."}})"),
            "HTTP 422 field_invalid: The field 'topic' is unknown.");
  EXPECT_EQ(describe_refusal(404, "<html>\nnot here</html>"), "HTTP 404: <html> not here</html>");
  EXPECT_EQ(describe_refusal(413, ""), "HTTP 413");
  EXPECT_EQ(describe_refusal(409, std::string(1000, 'x')).size(), std::string("HTTP 409: ").size() + 160);
}

TEST(Backoff, FirstWaitIsAroundTheBase) {
  EXPECT_EQ(backoff_ms(1, 0.0), 250);
  EXPECT_EQ(backoff_ms(1, 0.999999), 499);
  EXPECT_EQ(backoff_ms(2, 0.0), 500);
  EXPECT_EQ(backoff_ms(3, 0.0), 1000);
}

TEST(Backoff, StaysWithinHalfAndAllOfTheCeilingAndNeverPassesTheCap) {
  for (int attempt = 1; attempt <= 40; ++attempt) {
    long ceiling = 500;
    for (int i = 1; i < attempt && ceiling < 60000; ++i) ceiling = std::min(60000L, ceiling * 2);
    for (double u : {0.0, 0.25, 0.5, 0.75, 0.999999, 1.0}) {
      const long ms = backoff_ms(attempt, u);
      EXPECT_GE(ms, ceiling / 2) << attempt << " " << u;
      EXPECT_LE(ms, ceiling) << attempt << " " << u;
      EXPECT_LE(ms, 60000);
    }
  }
  EXPECT_GE(backoff_ms(1000000, 0.0), 30000);  // a huge count neither overflows nor wraps to zero
  EXPECT_LE(backoff_ms(1000000, 1.0), 60000);
}

TEST(Backoff, GrowsWithTheAttemptForTheSameJitter) {
  for (int attempt = 1; attempt < 20; ++attempt)
    EXPECT_LE(backoff_ms(attempt, 0.5), backoff_ms(attempt + 1, 0.5)) << attempt;
}

TEST(Backoff, SmallSettingsForTestsAndNonsenseInputs) {
  EXPECT_EQ(backoff_ms(1, 0.0, 10, 40), 5);
  EXPECT_EQ(backoff_ms(10, 1.0, 10, 40), 40);
  EXPECT_GE(backoff_ms(0, 0.0), 250);  // attempt 0 counts as the first
  EXPECT_GE(backoff_ms(1, -3.0, 0, 0), 0);
  EXPECT_LE(backoff_ms(1, 7.0, 0, 0), 1);
}

}  // namespace
}  // namespace wk::net
