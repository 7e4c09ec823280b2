#pragma once
// A volunteer's registration as the kiosk's form makes one, for the tests of where it goes (outbox, sync):
// its name and phone number are what those tests look for in raw bytes.
#include "core/volunteer.hpp"

namespace wk::test {

inline constexpr const char* kSampleVolunteerName = "Wilhelmina";
inline constexpr const char* kSampleVolunteerPhone = "+31687654321";

inline VolunteerRegistration sample_volunteer(UnixMs created_at) {
  VolunteerRegistration v;
  v.id = "5f0c9a4e-8d4b-4a4e-9d7e-2b1f6c3a9e01";
  v.created_at = created_at;
  v.language = "nl";
  v.first_name = kSampleVolunteerName;
  v.phone = kSampleVolunteerPhone;
  v.interests = {"boodschappen"};
  v.availability = {Availability::mornings};
  v.consent = true;
  return v;
}

}  // namespace wk::test
