#pragma once
// A release directory as wijkkiosk-release would make it, for `wijkqueue release publish`: manifest.json,
// an (opaque) manifest.json.sig and the files it lists. The signature is random bytes here: the service
// never checks it, it only hands it out next to the manifest.
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "service/secrets.hpp"

namespace wk::test {

inline std::string random_bytes(std::size_t n, unsigned seed) {
  std::mt19937 gen(seed);
  std::string out(n, '\0');
  for (auto& c : out) c = static_cast<char>(gen() & 0xff);
  return out;
}

inline void write_bytes(const std::string& path, const std::string& bytes) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

inline std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct ReleaseFileSpec {
  std::string path, bytes;
};

// Writes the release into `dir` and returns the manifest's bytes. A test that wants the manifest to lie
// changes a file afterwards.
inline std::string make_release(const std::string& dir, const std::string& channel, std::int64_t serial,
                                const std::vector<ReleaseFileSpec>& files, const std::string& signature,
                                const std::string& version = "1.0.0") {
  auto list = nlohmann::json::array();
  for (const auto& f : files) {
    write_bytes(dir + "/" + f.path, f.bytes);
    list.push_back({{"path", f.path}, {"size", f.bytes.size()}, {"sha256", service::sha256_hex(f.bytes)}});
  }
  // Fields the service does not read (expiry, rollout) are there as the real tool writes them.
  const nlohmann::json manifest = {{"channel", channel},     {"version", version},
                                   {"serial", serial},       {"expires_at", "2099-01-01T00:00:00Z"},
                                   {"rollout_percent", 100}, {"files", list}};
  const std::string bytes = manifest.dump(2) + "\n";
  write_bytes(dir + "/manifest.json", bytes);
  write_bytes(dir + "/manifest.json.sig", signature);
  return bytes;
}

}  // namespace wk::test
