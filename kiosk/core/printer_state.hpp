#pragma once
// The receipt printer's state in one set of words for every layer: print/ reads it from the printer,
// core/ decides by it whether a ticket is printed, net/ reports its name in the heartbeat.

namespace wk {

// The receipt printer as core sees it. None: no printer configured (has_printer false), or one that cannot
// report its state (a CUPS queue, a file).
enum class PrinterState { None, Ok, PaperLow, PaperOut, CoverOpen, Offline };
const char* printer_state_name(
    PrinterState s);  // "none", "ok", "paper_low", "paper_out", "cover_open", "offline"
// How the staff panel says it, as a msgid: "ready", "out of paper", "none configured".
const char* printer_words(PrinterState s);
// Whether a ticket can come out of the printer in this state.
bool printer_can_print(PrinterState s);

}  // namespace wk
