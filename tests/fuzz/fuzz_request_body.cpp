// A request body as it streams in (service/request_body.cpp): plain or gzip-packed, in pieces of any size,
// held up to a limit. The first byte picks gzip or plain and the limit, the second the piece size; the rest
// is the body. Whatever comes in, the body kept never passes the limit.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "service/request_body.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const bool gzip = (data[0] & 1) != 0;
  const std::size_t limit = (data[0] >> 1) * 512u;  // 0 .. 63.5 KiB, so "too large" is reached
  const std::size_t piece = data[1] == 0 ? 1 : data[1];
  data += 2;
  size -= 2;
  wk::service::http::RequestBody body(limit);
  if (gzip && !body.expect_gzip()) return 0;
  for (std::size_t at = 0; at < size; at += piece)
    body.append(reinterpret_cast<const char*>(data) + at, at + piece < size ? piece : size - at);
  const auto verdict = body.verdict();
  const std::string kept = body.take();
  if (kept.size() > limit) std::abort();
  if (verdict == wk::service::http::RequestBody::Verdict::whole && !gzip && kept.size() != size) std::abort();
  return 0;
}
