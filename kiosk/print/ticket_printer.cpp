#include "print/ticket_printer.hpp"

#include <algorithm>

#include "print/fd_io.hpp"
#include "print/status.hpp"
#include "print/text_raster.hpp"

namespace wk::print {
namespace {

// Bytes read and dropped before a status query, at most: enough for any leftovers, few enough that a
// printer babbling without end cannot keep us here.
constexpr int kMaxDrainReads = 16;

Error not_printed(PrinterState state, std::string detail) {
  const char* message = "The printer does not answer: the ticket is on screen only.";
  if (state == PrinterState::PaperOut) message = "The printer is out of paper: the ticket is on screen only.";
  if (state == PrinterState::CoverOpen)
    message = "The printer's cover is open: the ticket is on screen only.";
  return make_error(printer_state_name(state), message, std::move(detail));
}

}  // namespace

TicketPrinter::TicketPrinter(std::string uri, PrinterProfile profile, int timeout_ms)
    : uri_(std::move(uri)),
      profile_(std::move(profile)),
      timeout_ms_(std::max(1, timeout_ms)),
      raster_(lazy_font_rasterizer()) {}

TicketPrinter::~TicketPrinter() = default;

Result<Transport*> TicketPrinter::connection() {
  if (!conn_) {
    auto opened = open_printer(uri_, timeout_ms_);
    if (!opened) return opened.error();
    conn_ = std::move(opened.value());
  }
  return conn_.get();
}

PrinterState TicketPrinter::ask(Transport& conn, bool& retry) {
  retry = false;
  const Deadline deadline = deadline_after(timeout_ms_);
  // Bytes already waiting are not answers to this query: a late answer to an earlier one, or a status byte
  // the printer sent because image data happened to contain DLE EOT. Dropping them keeps the four answers
  // in step.
  for (int i = 0; i < kMaxDrainReads; ++i) {
    auto old = conn.read(256, 0);
    if (!old) {
      retry = true;  // the kept connection has gone
      return PrinterState::Offline;
    }
    if (old->empty()) break;
  }
  if (auto sent = conn.write(encode_status_queries(), remaining_ms(deadline)); !sent) {
    retry = sent.error().code != "timeout";
    return PrinterState::Offline;
  }
  Bytes replies;
  while (replies.size() < 4) {
    const int left = remaining_ms(deadline);
    if (left == 0) break;
    auto got = conn.read(4 - replies.size(), left);
    if (!got) {
      retry = true;
      return PrinterState::Offline;
    }
    if (got->empty()) break;
    replies.insert(replies.end(), got->begin(), got->end());
  }
  if (replies.size() < 4) {
    // Answers that come after we gave up would be read as the next query's: start the next one afresh.
    disconnect();
    return PrinterState::Offline;
  }
  if (!std::all_of(replies.begin(), replies.end(), is_status_byte))
    disconnect();  // out of step or not ESC/POS
  return parse_status(replies);
}

PrinterState TicketPrinter::query_status() {
  // A kept connection may have died since the last call (the printer restarted, closed an idle socket):
  // that costs one fresh connection, not an "offline".
  for (int attempt = 0; attempt < 2; ++attempt) {
    const bool reused = conn_ != nullptr;
    auto conn = connection();
    if (!conn) return last_ = PrinterState::Offline;
    if (!profile_.answers_status || !(*conn)->reads_status()) return last_ = PrinterState::None;
    bool retry = false;
    const PrinterState state = ask(**conn, retry);
    if (!retry) return last_ = state;
    disconnect();
    if (!reused) break;
  }
  return last_ = PrinterState::Offline;
}

Result<void> TicketPrinter::send_raw(const Bytes& bytes) {
  auto conn = connection();
  if (!conn) {
    last_ = PrinterState::Offline;
    return not_printed(PrinterState::Offline, uri_ + ": " + to_string(conn.error()));
  }
  // Never retried: a ticket that was half sent may have printed, and a second copy would confuse more
  // than a missing one (the ticket is on screen anyway).
  if (auto sent = (*conn)->write(bytes, timeout_ms_); !sent) {
    disconnect();
    last_ = PrinterState::Offline;
    return not_printed(PrinterState::Offline, uri_ + ": " + to_string(sent.error()));
  }
  return Ok{};
}

Result<PrinterState> TicketPrinter::print(const TicketLayout& layout) {
  const PrinterState before = query_status();
  if (!printer_can_print(before)) return not_printed(before, uri_);
  if (auto sent = send_raw(encode_ticket(layout, profile_, raster_)); !sent) return sent.error();
  if (before == PrinterState::None) {
    // Nothing tells us when a one-way connection went stale, so each ticket gets a fresh one.
    disconnect();
    return last_ = PrinterState::None;
  }
  return query_status();
}

}  // namespace wk::print
