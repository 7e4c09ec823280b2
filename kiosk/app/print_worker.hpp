#pragma once
// The print worker: the one thread that talks to the receipt printer. It prints tickets handed to it (they
// are durable before they get here), asks the printer's state before each ticket and every ~30 s, and
// reports back as core events through `post` (thread-safe; the UI thread applies them). A printer that
// hangs only ever holds this thread, never the resident's screen.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "core/session.hpp"
#include "core/ticket_layout.hpp"
#include "print/printer.hpp"

namespace wk::app {

class PrintWorker {
 public:
  struct Options {
    std::string uri;
    print::PrinterProfile profile;
    int timeout_ms = 2000;
    long poll_ms = 30000;
    std::function<void(Event)> post;  // from the worker thread
  };
  explicit PrintWorker(Options options);
  ~PrintWorker();  // stops and joins
  void start();
  void stop();
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
  void run();
  void report(PrinterState s);
  Options opt_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> jobs_;
  bool stopping_ = false;
  std::atomic<PrinterState> state_{PrinterState::Offline};
  std::thread thread_;
};

}  // namespace wk::app
