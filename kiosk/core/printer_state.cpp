#include "core/printer_state.hpp"

#include <array>

namespace wk {
namespace {

struct PrinterWords {
  PrinterState state;
  const char* name;   // the heartbeat's and the service's word
  const char* words;  // the staff panel's msgid
};
// One row per state, so a new state cannot get a name and no words.
constexpr std::array<PrinterWords, 6> kPrinterWords{{
    {PrinterState::None, "none", "none configured"},
    {PrinterState::Ok, "ok", "ready"},
    {PrinterState::PaperLow, "paper_low", "paper almost out"},
    {PrinterState::PaperOut, "paper_out", "out of paper"},
    {PrinterState::CoverOpen, "cover_open", "cover open"},
    {PrinterState::Offline, "offline", "not answering"},
}};

const PrinterWords& row(PrinterState s) {
  for (const auto& r : kPrinterWords)
    if (r.state == s) return r;
  return kPrinterWords[0];
}

}  // namespace

const char* printer_state_name(PrinterState s) {
  return row(s).name;
}

const char* printer_words(PrinterState s) {
  return row(s).words;
}

// None here means a printer that cannot say how it is (a CUPS queue, a file): worth trying.
bool printer_can_print(PrinterState s) {
  return s == PrinterState::Ok || s == PrinterState::PaperLow || s == PrinterState::None;
}

}  // namespace wk
