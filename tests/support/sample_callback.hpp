#pragma once
// A call-back request as the kiosk's form makes one, for the tests of where it goes (outbox, sync): its
// number is what those tests look for in raw bytes.
#include "core/callback.hpp"

namespace wk::test {

inline constexpr const char* kSampleCallbackPhone = "+31687651234";
inline constexpr const char* kSampleCallbackDigits = "687651234";  // the number without +31 or 0

inline CallbackRequest sample_callback(UnixMs created_at,
                                       const std::string& id = "7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f") {
  CallbackRequest c;
  c.id = id;
  c.created_at = created_at;
  c.language = "nl";
  c.topic = "schulden";
  c.phone = kSampleCallbackPhone;
  c.part_of_day = PartOfDay::morning;
  c.consent = true;
  return c;
}

}  // namespace wk::test
