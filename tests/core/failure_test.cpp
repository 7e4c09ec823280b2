// What a failed call means, decided once for every role (core/failure.hpp).
#include "core/failure.hpp"

#include <gtest/gtest.h>

namespace wk {
namespace {

TEST(Failure, EachCodeMeansOneThing) {
  for (const char* code : {"network", "tls", "cancelled"})
    EXPECT_EQ(failure_of(code), Failure::unreachable) << code;
  EXPECT_EQ(failure_of("unauthorized"), Failure::session_over);
  EXPECT_EQ(failure_of("bad_login"), Failure::bad_login);
  EXPECT_EQ(failure_of("rate_limited"), Failure::rate_limited);
  EXPECT_EQ(failure_of("not_found"), Failure::not_found);
  EXPECT_EQ(failure_of("conflict"), Failure::conflict);
  EXPECT_EQ(failure_of("forbidden"), Failure::forbidden);
  for (const char* code : {"bad_transition", "field_invalid", "http_403", "http_500", ""})
    EXPECT_EQ(failure_of(code), Failure::refused) << code;
  EXPECT_EQ(failure_of(make_error("tls", "The certificate is not trusted.")), Failure::unreachable);
}

}  // namespace
}  // namespace wk
