#pragma once
// The printer's answer to DLE EOT 1..4 (real-time status), read into a PrinterState. Printers answer these
// even when offline, which is what makes them useful before each ticket.
#include <cstdint>

#include "print/printer.hpp"

namespace wk::print {

// The four status bytes, in the order they were asked for (encode_status_queries()): 1 printer status,
// 2 offline cause, 3 error cause, 4 roll paper sensor. Fewer than four bytes, or a byte whose fixed bits
// are wrong (bit 1 and bit 4 set, bit 0 and bit 7 clear), is not a printer talking: Offline. Bytes after
// the fourth are ignored. Any input is safe.
//
// When several things are wrong at once, the one staff must act on first wins: cover open (they are already
// at the printer), then paper out, then offline or an error, then paper low.
PrinterState parse_status(const Bytes& replies);

// True when `b` has the fixed bits every DLE EOT reply has.
bool is_status_byte(std::uint8_t b);

}  // namespace wk::print
