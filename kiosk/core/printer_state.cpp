#include "core/printer_state.hpp"

namespace wk {

const char* printer_state_name(PrinterState s) {
  switch (s) {
    case PrinterState::None:
      return "none";
    case PrinterState::Ok:
      return "ok";
    case PrinterState::PaperLow:
      return "paper_low";
    case PrinterState::PaperOut:
      return "paper_out";
    case PrinterState::CoverOpen:
      return "cover_open";
    case PrinterState::Offline:
      return "offline";
  }
  return "none";
}

// None here means a printer that cannot say how it is (a CUPS queue, a file): worth trying.
bool printer_can_print(PrinterState s) {
  return s == PrinterState::Ok || s == PrinterState::PaperLow || s == PrinterState::None;
}

}  // namespace wk
