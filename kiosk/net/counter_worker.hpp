#pragma once
// The counter's imperative shell off the UI thread: runs core's effects (login, queue, calls) one after
// another with the StaffClient and posts the outcomes back as core events; refreshes the queue every few
// seconds while logged in, which is also how the counter finds its service again after being offline.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/counter.hpp"
#include "net/staff_client.hpp"
#include "worker/job_thread.hpp"

namespace wk::net {

// The desk's topic filter as the last run kept it (empty when none was kept or the file is unreadable).
std::vector<std::string> load_desk_topics(const std::string& path);

class CounterWorker {
 public:
  struct Options {
    ClientOptions client;
    long refresh_ms = 5000;
    long follow_reprint_ms = 700;              // how often a reprint under way is looked at
    std::string desk_topics_file;              // where SaveDeskTopics keeps the desk's filter; empty: nowhere
    std::function<void(counter::Event)> post;  // from the worker thread: queue for the UI and wake it
  };
  explicit CounterWorker(Options options);
  void run(counter::Effect effect) { jobs_.post(std::move(effect)); }
  void stop() { jobs_.stop(); }

 private:
  worker::SteadyTime idle(StaffClient& client);
  void execute(StaffClient& client, const counter::Effect& effect);
  Options o_;
  // Worker thread only: when the queue is refreshed next, and a reprint being followed with the time it
  // is looked at again.
  worker::SteadyTime next_refresh_;
  std::optional<std::int64_t> follow_job_;
  worker::SteadyTime follow_at_;
  worker::JobThread<counter::Effect> jobs_;  // last: it stops before what its thread uses goes
};

}  // namespace wk::net
