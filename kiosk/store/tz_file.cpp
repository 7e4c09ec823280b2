#include "store/tz_file.hpp"

#include <fstream>
#include <sstream>

namespace wk::store {

Result<TzRule> load_tz_rule(const std::string& tz_name, const std::string& zoneinfo_dir) {
  // A name is looked up inside zoneinfo only: no absolute paths, no "..".
  if (tz_name.empty() || tz_name.front() == '/' || tz_name.find("..") != std::string::npos)
    return make_error("bad_timezone",
                      "The time zone '" + tz_name + "' is not a valid name like Europe/Amsterdam.");
  if (tz_name == "UTC") return parse_tz_rule("UTC0");
  std::ifstream in(zoneinfo_dir + "/" + tz_name, std::ios::binary);
  if (!in)
    return make_error("unknown_timezone", "The time zone '" + tz_name + "' is not known on this machine.",
                      zoneinfo_dir + "/" + tz_name + " cannot be read");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string data = ss.str();
  // The footer is the last line: "\n<POSIX TZ>\n" at the very end of the file.
  if (data.size() < 2 || data.compare(0, 4, "TZif") != 0 || data.back() != '\n')
    return make_error("bad_timezone", "The time zone file for '" + tz_name + "' is not a TZif file.");
  const auto start = data.rfind('\n', data.size() - 2);
  if (start == std::string::npos)
    return make_error("bad_timezone", "The time zone file for '" + tz_name + "' has no rule footer.");
  return parse_tz_rule(std::string_view(data).substr(start + 1, data.size() - start - 2));
}

}  // namespace wk::store
