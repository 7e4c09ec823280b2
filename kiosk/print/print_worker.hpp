#pragma once
// The print worker: the one thread that talks to the receipt printer. It prints tickets handed to it (they
// are durable before they get here), asks the printer's state before each ticket and every ~30 s, and
// reports back as core events through `post` (thread-safe; the UI thread applies them). A printer that
// hangs only ever holds this thread, never the resident's screen.
#include <atomic>
#include <functional>
#include <string>

#include "core/session.hpp"
#include "core/ticket_layout.hpp"
#include "print/printer.hpp"
#include "worker/job_thread.hpp"

namespace wk::print {

class PrintWorker {
 public:
  struct Options {
    std::string uri;
    PrinterProfile profile;
    int timeout_ms = 2000;
    long poll_ms = 30000;
    std::function<void(Event)> post;  // from the worker thread
  };
  explicit PrintWorker(Options options);
  void start();
  void stop() { jobs_.stop(); }
  // What core hears when a job is done: made from whether it printed and the printer's state afterwards.
  using Answer = std::function<Event(bool printed, PrinterState after)>;
  // Queues a ticket; without an answer (a test ticket) only a change of the printer's state is posted.
  void print(TicketLayout layout, Answer answer = {});
  PrinterState state() const { return state_.load(); }

 private:
  struct Job {
    TicketLayout layout;
    Answer answer;
  };
  void report(PrinterState s);
  Options opt_;
  std::atomic<PrinterState> state_{PrinterState::Offline};
  std::atomic<bool> reported_{false};
  worker::JobThread<Job> jobs_;  // last: it stops before what its thread uses goes
};

}  // namespace wk::print
