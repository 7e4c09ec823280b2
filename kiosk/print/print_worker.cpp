#include "print/print_worker.hpp"

#include <cstdio>
#include <memory>

#include "print/ticket_printer.hpp"

namespace wk::print {

PrintWorker::PrintWorker(Options options) : opt_(std::move(options)) {}

void PrintWorker::start() {
  if (jobs_.started()) return;
  auto printer = std::make_shared<TicketPrinter>(opt_.uri, opt_.profile, opt_.timeout_ms);
  jobs_.start({
      .run =
          [this, printer](Job& job) {
            auto printed = printer->print(job.layout);
            // A refusal or failure names the state in its code: no second wait on a printer that is not
            // answering.
            const PrinterState after = printed ? printed.value() : state_from_name(printed.error().code);
            if (!printed)
              std::fprintf(stderr, "wijkkiosk: a ticket was not printed: %s\n",
                           to_string(printed.error()).c_str());
            state_.store(after);
            if (job.answer && opt_.post)
              opt_.post(job.answer(printed.ok(), after));
            else
              report(after);
          },
      // Nothing to print: just look at the paper, so staff hear of it before a resident does.
      .idle =
          [this, printer] {
            report(printer->query_status());
            return std::chrono::steady_clock::now() + std::chrono::milliseconds(opt_.poll_ms);
          },
  });
}

void PrintWorker::print(TicketLayout layout, Answer answer) {
  jobs_.post({std::move(layout), std::move(answer)});
}

void PrintWorker::report(PrinterState s) {
  // The first look is always told: core assumes a working printer until then, and one that is offline
  // from the start must not wait for a change to be heard.
  const bool changed = state_.exchange(s) != s;
  const bool first = !reported_.exchange(true);
  if (changed || first) {
    std::fprintf(stderr, "wijkkiosk: printer %s\n", printer_state_name(s));
    if (opt_.post) opt_.post(ev::PrinterChanged{s});
  }
}

}  // namespace wk::print
