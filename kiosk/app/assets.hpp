#pragma once
// Where the app finds its assets (catalogues, pictograms): $WIJKKIOSK_ASSETS, else beside an installed
// release (<exe>/../share/wijkkiosk), else the source and build trees it was built from.
#include <map>
#include <string>

#include "core/catalogue.hpp"
#include "core/result.hpp"

namespace wk::app {

std::string assets_dir();
std::string pictograms_dir();
// Loads assets/i18n/<lang>.po for every language; a missing or broken catalogue is logged and the
// language falls back to English texts, so a translation error never takes the kiosk down.
Catalogues load_catalogues(const std::vector<std::string>& languages);
// Every catalogue there is (assets/i18n/*.po): for the counter and the display, which show whatever
// language their location's config names, and learn it only when the config arrives.
Catalogues load_all_catalogues();

}  // namespace wk::app
