#pragma once
// One receipt printer, as the kiosk's print worker sees it: ask its state, print a ticket. The connection
// is opened on first use, kept, and opened again after any failure. Not thread-safe: one TicketPrinter
// belongs to one worker thread. Every call returns within a few timeouts, whatever the printer does.
#include <memory>
#include <string>

#include "core/result.hpp"
#include "core/ticket_layout.hpp"
#include "print/escpos.hpp"
#include "print/printer.hpp"
#include "print/transport.hpp"

namespace wk::print {

class TicketPrinter {
 public:
  // `timeout_ms` bounds each step (connect, status, sending the ticket). Text in scripts the code page
  // lacks is shaped, ordered and drawn with DejaVu Sans, Noto Sans Arabic and Noto Sans Ethiopic
  // (text_raster.hpp), loaded the first time a ticket needs them.
  TicketPrinter(std::string uri, PrinterProfile profile, int timeout_ms = 2000);
  ~TicketPrinter();
  TicketPrinter(const TicketPrinter&) = delete;
  TicketPrinter& operator=(const TicketPrinter&) = delete;

  // DLE EOT 1..4 and the four answers. Offline when the printer cannot be reached or does not answer in
  // time; None when the transport cannot hear answers (plain file, CUPS) or the profile says the printer
  // does not give them.
  PrinterState query_status();

  // Checks the state first and refuses, without sending the ticket, when it is paper_out, cover_open or
  // offline: the error's code is then the state's name (state_from_name() reads it back). Otherwise sends
  // the ticket and returns the state after it (Ok, PaperLow, None, ...); an error while sending is code
  // "offline". A value means the printer (or CUPS) took all of the ticket's bytes.
  Result<PrinterState> print(const TicketLayout& layout);

  // Sends bytes as they are (IT's print test, a paper feed): the same errors as print(), no status check.
  Result<void> send_raw(const Bytes& bytes);

  // The state found by the last query_status() or print().
  PrinterState last_state() const { return last_; }
  const std::string& uri() const { return uri_; }
  const PrinterProfile& profile() const { return profile_; }

  // Replaces the default font-based rasteriser (tests, or a caller that shapes text itself).
  void set_text_rasterizer(TextRasterizer raster) { raster_ = std::move(raster); }

 private:
  Result<Transport*> connection();
  void disconnect() { conn_.reset(); }
  PrinterState ask(Transport& conn, bool& retry);

  std::string uri_;
  PrinterProfile profile_;
  int timeout_ms_;
  std::unique_ptr<Transport> conn_;
  TextRasterizer raster_;
  PrinterState last_ = PrinterState::None;
};

}  // namespace wk::print
