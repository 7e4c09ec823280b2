#pragma once
// Receipt printers (ESC/POS): the profile of a model, the printer's state, and the TicketPrinter that
// checks the state and prints a ticket over a transport. All calls block with timeouts: run them on a
// worker thread, never on the UI thread.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/printer_state.hpp"
#include "core/result.hpp"
#include "core/ticket_layout.hpp"

namespace wk::print {

using Bytes = std::vector<std::uint8_t>;

// The printer's state is core's PrinterState (core/printer_state.hpp), named by printer_state_name().
// The inverse of printer_state_name(); an unknown name is Offline, so an error code that names no state
// still means "this ticket did not print".
PrinterState state_from_name(std::string_view name);

struct PrinterProfile {
  // "generic", "generic-raster", "epson-tm-t20", "epson-tm-t88", "epson-eu-m30", "star-tsp100"
  std::string model = "generic";
  int dots_per_line = 576;     // 384 (58 mm), 512 or 576 (80 mm)
  int dots_per_mm = 8;         // 203 dpi heads; 7 for the 180 dpi TM-T88: sizes the raster QR in millimetres
  bool native_qr = true;       // GS ( k; otherwise the QR goes as a GS v 0 raster image
  int qr_module_size = 8;      // dots per module for GS ( k (1..16)
  int code_page = 19;          // ESC t n: PC858 (Latin-1 + €) on Epson; 0 (PC437) is also understood
  bool cut = true;             // GS V partial cut at the end
  bool answers_status = true;  // DLE EOT is answered; false for one-way printers, whose state is then None
};

// Profiles per model and paper width (58 or 80 mm); unknown model or width -> an error naming it.
Result<PrinterProfile> profile_for(const std::string& model, int paper_mm = 80);

// The models profile_for() knows, for config validation and IT's print-test help text.
std::vector<std::string> known_models();

}  // namespace wk::print
