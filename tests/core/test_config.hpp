#pragma once
// A location config for core tests, built in code so core tests need no file.
#include "core/config.hpp"

namespace wk::test {

inline LocationConfig sample_location() {
  const char* toml = R"(
id = "schalkwijk"
name = "Wijkcentrum De Ringvaart"
languages = ["nl", "en", "ar"]
[hours]
mon = ["09:00-12:00", "13:00-16:30"]
tue = ["09:00-16:30"]
wed = ["09:00-16:30"]
thu = ["09:00-16:30"]
fri = ["09:00-12:00"]
[[topics]]
id = "schulden"
letter = "S"
names = { nl = "Geldzorgen en schulden", en = "Money worries and debts" }
[[topics]]
id = "werk"
letter = "W"
names = { nl = "Werk en inkomen", en = "Work and income" }
[[topics]]
id = "anders"
letter = "A"
names = { nl = "Iets anders", en = "Something else" }
)";
  auto r = location_config_from_toml(toml, "test.toml");
  if (!r) throw std::runtime_error(to_string(r.error()));
  return r.value();
}

inline TzRule amsterdam() {
  auto r = parse_tz_rule("CET-1CEST,M3.5.0,M10.5.0/3");
  if (!r) throw std::runtime_error(to_string(r.error()));
  return r.value();
}

inline UnixMs utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) {
  return unix_from_civil(y, mo, d, h, mi, s) * 1000;
}

}  // namespace wk::test
