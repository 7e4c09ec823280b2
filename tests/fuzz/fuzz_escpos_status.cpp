// The printer's answers to DLE EOT 1..4 (print/status.cpp): any bytes a printer, a cable or a wrong device
// on the port may send back.
#include <cstddef>
#include <cstdint>

#include "print/status.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const wk::print::Bytes replies(data, data + size);
  (void)wk::print::parse_status(replies);
  for (const auto b : replies) (void)wk::print::is_status_byte(b);
  return 0;
}
