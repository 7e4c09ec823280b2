// The printer's part of the kiosk model: its state as the print worker reports it, how the resident's
// print went, and the reprints counters ask for.
#include "core/kiosk_reducers.hpp"
#include "core/overloaded.hpp"

namespace wk {
namespace {

// Why a reprint did not come out, in the words of the print job API.
ReprintStatus not_printed_outcome(PrinterState state) {
  switch (state) {
    case PrinterState::PaperOut:
      return ReprintStatus::paper_out;
    case PrinterState::CoverOpen:
      return ReprintStatus::cover_open;
    case PrinterState::Offline:
      return ReprintStatus::offline;
    case PrinterState::None:  // a printer that cannot tell its state (a CUPS queue, a file)
    case PrinterState::Ok:
    case PrinterState::PaperLow:
      break;
  }
  return ReprintStatus::failed;  // the printer looked fine and still did not print
}

}  // namespace

void reduce_printer(KioskState& s, const Event& event, const Inputs& /*in*/, std::vector<Effect>& effects) {
  Session& ses = s.session;

  std::visit(Overloaded{
                 [&](const ev::PrinterChanged& e) { s.printer = e.state; },
                 [&](const ev::PrintDone& e) {
                   s.printer = e.state;
                   const bool ours = (ses.ticket && ses.ticket->id == e.ticket_id) ||
                                     (ses.volunteer && ses.volunteer->id == e.ticket_id) ||
                                     (ses.callback && ses.callback->id == e.ticket_id);
                   if (ours && ses.print == PrintOutcome::Printing)
                     ses.print = e.ok ? PrintOutcome::Printed : PrintOutcome::Failed;
                 },
                 [&](const ev::ReprintRequested& e) {
                   // Asked at once, so the counter hears "out of paper" in a second instead of "nothing
                   // happened".
                   if (!s.has_printer)
                     effects.emplace_back(std::in_place_type<fx::ReportPrintJob>,
                                          fx::ReportPrintJob{e.job_id, ReprintStatus::no_printer});
                   else if (!printer_can_print(s.printer))
                     effects.emplace_back(std::in_place_type<fx::ReportPrintJob>,
                                          fx::ReportPrintJob{e.job_id, not_printed_outcome(s.printer)});
                   else
                     effects.emplace_back(std::in_place_type<fx::PrintJob>, fx::PrintJob{e.job_id, e.ticket});
                 },
                 [&](const ev::ReprintDone& e) {
                   s.printer = e.state;
                   effects.emplace_back(std::in_place_type<fx::ReportPrintJob>,
                                        fx::ReportPrintJob{e.job_id, e.ok ? ReprintStatus::printed
                                                                          : not_printed_outcome(e.state)});
                 },
                 [](const auto&) {},  // not this part's event
             },
             event);
  // Whatever the printer said, IT hears it with the next heartbeat, sent at once.
  if (std::holds_alternative<ev::PrinterChanged>(event) || std::holds_alternative<ev::PrintDone>(event) ||
      std::holds_alternative<ev::ReprintDone>(event))
    effects.emplace_back(std::in_place_type<fx::TellIT>);
}

}  // namespace wk
