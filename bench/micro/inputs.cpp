#include "inputs.hpp"

#include <fstream>
#include <sstream>

#include "app/assets.hpp"
#include "store/tz_file.hpp"

namespace wk::bench::micro {

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

namespace {

Result<Inputs> load() {
  Inputs in;
  const std::string demo = std::string(WIJKKIOSK_SOURCE_DIR) + "/assets/locations/demo.toml";
  in.demo_toml = read_text(demo);
  auto config = location_config_from_toml(in.demo_toml, demo);
  if (!config) return config.error();
  in.config = std::move(config.value());
  auto tz = store::load_tz_rule(in.config.timezone);
  if (!tz) return tz.error();
  in.tz = tz.value();
  in.texts = app::load_all_catalogues();
  for (const char* language : {"nl", "ar", "ti"})
    if (!in.texts.get(language))
      return make_error("no_catalogue",
                        std::string("no catalogue for ") + language + " in " + app::assets_dir());
  return in;
}

}  // namespace

const Result<Inputs>& inputs() {
  static const Result<Inputs> loaded = load();
  return loaded;
}

}  // namespace wk::bench::micro
