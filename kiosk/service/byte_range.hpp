#pragma once
// Internal to service/: the one HTTP Range a download resumes with (RFC 9110 14.2), over a file of known
// size. Only "bytes=" with a single range is honoured; anything else is ignored and the whole file is sent,
// as the RFC allows, so a client that sends something odd still gets the right bytes.
#include <cstdint>
#include <string>

namespace wk::service::http {

struct ByteRange {
  enum class Kind { whole, part, unsatisfiable };
  Kind kind = Kind::whole;
  std::uint64_t first = 0, last = 0;  // inclusive, for `part`
};

ByteRange parse_byte_range(const std::string& header, std::uint64_t size);

}  // namespace wk::service::http
