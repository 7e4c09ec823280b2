// The Range header a resumed download sends, read as RFC 9110 says: one range is honoured, anything odd
// gets the whole file, and a start past the end is unsatisfiable.
#include "service/byte_range.hpp"

#include <gtest/gtest.h>

namespace wk::service::http {
namespace {

using Kind = ByteRange::Kind;

void expect_part(const std::string& header, std::uint64_t size, std::uint64_t first, std::uint64_t last) {
  const auto r = parse_byte_range(header, size);
  EXPECT_EQ(r.kind, Kind::part) << header;
  EXPECT_EQ(r.first, first) << header;
  EXPECT_EQ(r.last, last) << header;
}

TEST(ByteRange, OneRangeIsHonouredAndClampedToTheFile) {
  expect_part("bytes=100-", 5000, 100, 4999);
  expect_part("bytes=0-99", 5000, 0, 99);
  expect_part("bytes=4990-9999", 5000, 4990, 4999);
  expect_part("bytes=-10", 5000, 4990, 4999);
  expect_part("bytes=-9999", 5000, 0, 4999);
  expect_part("Bytes=7-7", 5000, 7, 7);  // the unit is case-insensitive
}

TEST(ByteRange, AStartAtOrPastTheEndIsUnsatisfiable) {
  EXPECT_EQ(parse_byte_range("bytes=5000-", 5000).kind, Kind::unsatisfiable);
  EXPECT_EQ(parse_byte_range("bytes=6000-7000", 5000).kind, Kind::unsatisfiable);
  EXPECT_EQ(parse_byte_range("bytes=-0", 5000).kind, Kind::unsatisfiable);
  EXPECT_EQ(parse_byte_range("bytes=0-", 0).kind, Kind::unsatisfiable);
}

TEST(ByteRange, AnythingElseGetsTheWholeFile) {
  for (const std::string h : {"", "bytes", "bytes=", "bytes=-", "items=0-9", "bytes=9-3", "bytes=0-9,20-29",
                              "bytes=a-9", "bytes=0-9x", "bytes=99999999999999999999-"})
    EXPECT_EQ(parse_byte_range(h, 5000).kind, Kind::whole) << h;
}

}  // namespace
}  // namespace wk::service::http
