#pragma once
// The files a headless kiosk (app::open_kiosk_runtime) reads, for the tests that run the kiosk's shell in
// their own process: its location config, its token (0600) and its kiosk.toml, which points at a real
// wijkqueue (or at a proxy in front of one) and trusts that wijkqueue's CA.
#include <sys/stat.h>

#include <string>

#include "support/temp_dir.hpp"
#include "support/wijkqueue.hpp"

namespace wk::test {

struct KioskDevice {
  std::string location;
  std::string service_url;
  std::string ca_file;
  std::string token;
  std::string location_toml;
  std::string kiosk_section;  // lines under [kiosk], each ending in "\n"
};

// A kiosk of `wq`'s location, with its kiosk token, straight to its URL.
inline KioskDevice kiosk_device_of(const Wijkqueue& wq) {
  return {
      wq.location(), wq.base_url(), wq.ca_file(), wq.kiosk_token(), test_location_toml(wq.location()), ""};
}

// Writes the device's files into `dir` (its data goes to dir/data); returns the path of kiosk.toml.
inline std::string write_kiosk_device(const std::string& dir, const KioskDevice& d) {
  write_file(dir + "/location.toml", d.location_toml);
  write_file(dir + "/kiosk.token", d.token);
  ::chmod((dir + "/kiosk.token").c_str(), 0600);
  std::string toml = "role = \"kiosk\"\nlocation = \"" + d.location +
                     "\"\ndata_dir = \"data\"\nlocation_config = \"location.toml\"\n[service]\nurl = \"" +
                     d.service_url + "\"\nca_file = \"" + d.ca_file + "\"\ntoken_file = \"kiosk.token\"\n";
  if (!d.kiosk_section.empty()) toml += "[kiosk]\n" + d.kiosk_section;
  write_file(dir + "/kiosk.toml", toml);
  return dir + "/kiosk.toml";
}

}  // namespace wk::test
