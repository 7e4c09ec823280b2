// The join page's form bodies (POST /join/{location} and /join/{location}/callback): form_fields() splits
// and decodes them (service/form_body.cpp), then the routes check the fields with core's rules: is_uuid on
// "id", check_phone on "phone" (cut to 64 bytes first, as routes_join_callback.cpp does) and
// part_of_day_from_name on "part_of_day". The rest of those handlers needs the database.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/callback.hpp"
#include "core/ticket.hpp"
#include "core/volunteer.hpp"
#include "service/form_body.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto fields = wk::service::form_fields(std::string_view(reinterpret_cast<const char*>(data), size));
  (void)wk::is_uuid(fields["id"]);
  (void)wk::check_phone(fields["phone"].substr(0, 64));
  (void)wk::part_of_day_from_name(fields["part_of_day"]);
  for (const auto& [name, value] : fields) {
    (void)wk::check_first_name(value);
    (void)wk::check_email(value);
  }
  return 0;
}
