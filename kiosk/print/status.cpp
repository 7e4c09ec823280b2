#include "print/status.hpp"

namespace wk::print {
namespace {

constexpr std::uint8_t kFixedMask = 0x93;   // bits 0, 1, 4, 7
constexpr std::uint8_t kFixedValue = 0x12;  // bits 1 and 4 on, 0 and 7 off

constexpr std::uint8_t kOffline = 0x08;          // n=1 bit 3
constexpr std::uint8_t kCoverOpen = 0x04;        // n=2 bit 2
constexpr std::uint8_t kStoppedPaperEnd = 0x20;  // n=2 bit 5
constexpr std::uint8_t kErrorOccurred = 0x40;    // n=2 bit 6
// n=3: bit 3 autocutter error, bit 5 unrecoverable error, bit 6 automatically recoverable error (head
// too hot and the like). Bit 2 means different things per model and is left alone.
constexpr std::uint8_t kErrors = 0x68;
// n=4: the manual gives each sensor two bits that are both on or both off; some models set only one, so
// either counts.
constexpr std::uint8_t kNearEnd = 0x0C;   // bits 2, 3
constexpr std::uint8_t kPaperEnd = 0x60;  // bits 5, 6

}  // namespace

bool is_status_byte(std::uint8_t b) {
  return (b & kFixedMask) == kFixedValue;
}

PrinterState parse_status(const Bytes& replies) {
  if (replies.size() < 4) return PrinterState::Offline;
  for (std::size_t i = 0; i < 4; ++i) {
    if (!is_status_byte(replies[i])) return PrinterState::Offline;
  }
  const std::uint8_t printer = replies[0];
  const std::uint8_t cause = replies[1];
  const std::uint8_t error = replies[2];
  const std::uint8_t paper = replies[3];
  if (cause & kCoverOpen) return PrinterState::CoverOpen;
  if ((paper & kPaperEnd) || (cause & kStoppedPaperEnd)) return PrinterState::PaperOut;
  if ((printer & kOffline) || (cause & kErrorOccurred) || (error & kErrors)) return PrinterState::Offline;
  if (paper & kNearEnd) return PrinterState::PaperLow;
  return PrinterState::Ok;
}

}  // namespace wk::print
