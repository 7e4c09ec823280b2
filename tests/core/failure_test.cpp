// What a failed call means, decided once for every role (core/failure.hpp).
#include "core/failure.hpp"

#include <gtest/gtest.h>

namespace wk {
namespace {

TEST(Failure, EachCodeMeansOneThing) {
  for (const char* code : {"network", "tls", "cancelled"})
    EXPECT_EQ(failure_of(code), Failure::unreachable) << code;
  EXPECT_EQ(failure_of("unauthorized"), Failure::session_over);
  for (const char* code : {"forbidden", "bad_transition", "rate_limited", "field_invalid", ""})
    EXPECT_EQ(failure_of(code), Failure::refused) << code;
  EXPECT_EQ(failure_of(make_error("tls", "The certificate is not trusted.")), Failure::unreachable);
}

}  // namespace
}  // namespace wk
