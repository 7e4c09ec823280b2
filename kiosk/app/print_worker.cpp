#include "app/print_worker.hpp"

#include <cstdio>

#include "print/ticket_printer.hpp"

namespace wk::app {

PrintWorker::PrintWorker(Options options) : opt_(std::move(options)) {}

PrintWorker::~PrintWorker() {
  stop();
}

void PrintWorker::start() {
  std::lock_guard lock(mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void PrintWorker::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void PrintWorker::print(TicketLayout layout, Answer answer) {
  {
    std::lock_guard lock(mu_);
    jobs_.push_back({std::move(layout), std::move(answer)});
  }
  cv_.notify_all();
}

void PrintWorker::report(PrinterState s) {
  if (state_.exchange(s) != s) {
    std::fprintf(stderr, "wijkkiosk: printer %s\n", printer_state_name(s));
    if (opt_.post) opt_.post(ev::PrinterChanged{s});
  }
}

void PrintWorker::run() {
  print::TicketPrinter printer(opt_.uri, opt_.profile, opt_.timeout_ms);
  report(printer.query_status());
  while (true) {
    std::optional<Job> job;
    {
      std::unique_lock lock(mu_);
      cv_.wait_for(lock, std::chrono::milliseconds(opt_.poll_ms),
                   [this] { return stopping_ || !jobs_.empty(); });
      if (stopping_) return;
      if (!jobs_.empty()) {
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
    }
    if (!job) {  // nothing to print: just look at the paper, so staff hear of it before a resident does
      report(printer.query_status());
      continue;
    }
    auto printed = printer.print(job->layout);
    // A refusal or failure names the state in its code: no second wait on a printer that is not answering.
    const PrinterState after = printed ? printed.value() : print::state_from_name(printed.error().code);
    if (!printed)
      std::fprintf(stderr, "wijkkiosk: a ticket was not printed: %s\n", to_string(printed.error()).c_str());
    state_.store(after);
    if (job->answer && opt_.post)
      opt_.post(job->answer(printed.ok(), after));
    else
      report(after);
  }
}

}  // namespace wk::app
