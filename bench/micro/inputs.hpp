// What the micro cases share: the demo location (its TOML text and config), its time zone and the
// shipped catalogues, loaded once. A case that cannot load them skips with the error, and run.sh fails
// on any skipped case, so no figure comes from a case that measured nothing.
#pragma once

#include <string>

#include "core/catalogue.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/result.hpp"

namespace wk::bench::micro {

struct Inputs {
  std::string demo_toml;  // assets/locations/demo.toml, as the service's admin reads it
  LocationConfig config;  // parsed from it
  TzRule tz;              // Europe/Amsterdam from the system's tz database
  Catalogues texts;       // every shipped catalogue (assets/i18n/*.po)
};

// Loaded on first use; an Error when a file is missing or does not parse.
const Result<Inputs>& inputs();

std::string read_text(const std::string& path);

}  // namespace wk::bench::micro
