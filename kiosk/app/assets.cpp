#include "app/assets.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace wk::app {
namespace fs = std::filesystem;
namespace {

std::string exe_dir() {
  std::error_code ec;
  const fs::path p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string(".") : p.parent_path().string();
}

}  // namespace

std::string assets_dir() {
  if (const char* env = std::getenv("WIJKKIOSK_ASSETS")) return env;
  const fs::path installed = fs::path(exe_dir()) / ".." / "share" / "wijkkiosk" / "assets";
  if (fs::exists(installed / "i18n")) return installed.lexically_normal().string();
  return WIJKKIOSK_SOURCE_ASSETS;
}

std::string pictograms_dir() {
  const fs::path beside = fs::path(assets_dir()) / "pictograms" / "png";
  if (fs::exists(beside)) return beside.string();
  return WIJKKIOSK_BUILD_PICTOGRAMS;
}

Catalogues load_catalogues(const std::vector<std::string>& languages) {
  Catalogues all;
  std::vector<std::string> wanted = languages;
  wanted.push_back("en");
  for (const auto& lang : wanted) {
    const std::string path = assets_dir() + "/i18n/" + lang + ".po";
    std::ifstream in(path);
    if (!in) {
      std::fprintf(stderr, "wijkkiosk: no texts for language '%s' (%s); English is shown instead\n",
                   lang.c_str(), path.c_str());
      continue;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    auto c = Catalogue::parse(ss.str(), path);
    if (!c) {
      std::fprintf(stderr, "wijkkiosk: %s; English is shown instead\n", c.error().message.c_str());
      continue;
    }
    all.add(lang, std::move(c.value()));
  }
  return all;
}

Catalogues load_all_catalogues() {
  std::vector<std::string> languages;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(assets_dir() + "/i18n", ec))
    if (entry.path().extension() == ".po") languages.push_back(entry.path().stem().string());
  std::sort(languages.begin(), languages.end());
  return load_catalogues(languages);
}

}  // namespace wk::app
