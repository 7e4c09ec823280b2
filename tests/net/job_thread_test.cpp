// The workers' one thread (worker/job_thread.hpp): what it promises the workers built on it.
#include "worker/job_thread.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "support/wait.hpp"

namespace wk::worker {
namespace {

// A library's per-thread state (SDL's, for the sound threads) can only be let go on the thread itself.
TEST(JobThread, AtExitRunsOnceOnTheWorkersOwnThreadAsItStops) {
  std::atomic<std::thread::id> ran_on{}, ended_on{};
  std::atomic<int> ends{0};
  {
    JobThread<int> jobs;
    jobs.start({.run = [&](int&) { ran_on = std::this_thread::get_id(); }, .idle = [] { return kNever; }},
               [&] {
                 ended_on = std::this_thread::get_id();
                 ++ends;
               });
    jobs.post(1);
    ASSERT_TRUE(test::wait_until([&] { return ran_on.load() != std::thread::id{}; }));
    EXPECT_EQ(ends.load(), 0) << "at_exit ran while the thread still had work to wait for";
    jobs.stop();
    EXPECT_EQ(ends.load(), 1);
    jobs.stop();  // a second stop: the thread is gone, nothing runs again
  }
  EXPECT_EQ(ends.load(), 1);
  EXPECT_EQ(ended_on.load(), ran_on.load());
  EXPECT_NE(ended_on.load(), std::this_thread::get_id());
}

}  // namespace
}  // namespace wk::worker
