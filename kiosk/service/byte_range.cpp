#include "service/byte_range.hpp"

#include <strings.h>

#include <optional>
#include <string_view>

namespace wk::service::http {
namespace {

std::optional<std::uint64_t> digits(std::string_view s) {
  if (s.empty() || s.size() > 19) return std::nullopt;  // 19 digits always fit
  std::uint64_t v = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

ByteRange parse_byte_range(const std::string& header, std::uint64_t size) {
  const ByteRange whole;
  const ByteRange none{ByteRange::Kind::unsatisfiable, 0, 0};
  std::string_view h = trim(header);
  if (h.size() < 6 || ::strncasecmp(h.data(), "bytes=", 6) != 0) return whole;
  h = trim(h.substr(6));
  if (h.find(',') != std::string_view::npos) return whole;  // several ranges: the whole file instead
  const std::size_t dash = h.find('-');
  if (dash == std::string_view::npos) return whole;
  const auto from = h.substr(0, dash);
  const auto to = h.substr(dash + 1);
  if (from.empty()) {  // "-S": the last S bytes
    const auto suffix = digits(to);
    if (!suffix) return whole;
    if (*suffix == 0 || size == 0) return none;
    const std::uint64_t n = *suffix < size ? *suffix : size;
    return ByteRange{ByteRange::Kind::part, size - n, size - 1};
  }
  const auto first = digits(from);
  if (!first) return whole;
  std::uint64_t last = size == 0 ? 0 : size - 1;
  if (!to.empty()) {
    const auto end = digits(to);
    if (!end || *end < *first) return whole;  // not a valid range: ignored
    if (*end < last) last = *end;
  }
  if (*first >= size) return none;
  return ByteRange{ByteRange::Kind::part, *first, last};
}

}  // namespace wk::service::http
