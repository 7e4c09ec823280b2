#pragma once
// The kiosk's ear for reprints a counter asked for: a thread that long-polls GET /v1/print-jobs?wait=S
// with the kiosk's token and hands every job (its id and the ticket to print) to a callback, and a second
// thread that reports each job's outcome (POST /v1/print-jobs/{id}/done), so a report never waits behind
// a long-poll. A report that cannot be sent is tried again with backoff until the job would have expired
// on the service anyway. Nothing here touches the outbox: a reprint is a courtesy, not a ticket.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "core/ticket.hpp"
#include "net/long_poll.hpp"
#include "worker/stop_signal.hpp"

namespace wk::net {

class PrintJobsListener {
 public:
  struct Options {
    ClientOptions client;  // with the kiosk's token
    int wait_s = 25;       // long-poll wait; the service caps it at 30
    long base_backoff_ms = 1000, max_backoff_ms = 60000;
    long report_for_ms = 3 * 60 * 1000;  // give up a report after this long (the job has expired by then)
    // Called on the listener thread: keep them short (post to the UI and wake it).
    std::function<void(std::int64_t job_id, Ticket ticket)> on_job;
    std::function<void(bool online)> on_online;  // the poll reached the service, or failed; optional
  };
  explicit PrintJobsListener(Options options);
  ~PrintJobsListener();  // stops and joins
  void start();
  void stop();  // ends a poll under way within about a second
  // From any thread: how the job went ("printed", "paper_out", ...).
  void report(std::int64_t job_id, std::string outcome);

 private:
  struct Report {
    std::int64_t job_id;
    std::string outcome;
    std::chrono::steady_clock::time_point give_up_at;
  };
  std::string take(const nlohmann::json& answer);
  void send_reports();
  worker::StopSignal stop_;  // the reporter's; its mutex and condition variable also guard reports_
  Options o_;
  std::deque<Report> reports_;
  std::deque<std::int64_t> seen_;  // the poll's thread only
  LongPoll poll_;
  std::thread reporter_;
};

}  // namespace wk::net
