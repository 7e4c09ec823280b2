#pragma once
// Internal to service/: an HTML form's body (application/x-www-form-urlencoded) as its fields: '+' is a
// space, %XX a byte; a field sent twice keeps its first value. Malformed escapes stay as they came.
#include <map>
#include <string>
#include <string_view>

namespace wk::service {

std::map<std::string, std::string> form_fields(std::string_view body);

}  // namespace wk::service
