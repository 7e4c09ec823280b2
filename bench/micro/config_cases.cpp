// Reading what the kiosk is told: the location's config (the TOML IT writes, the JSON the service sends
// to kiosks), the device's own kiosk.toml, and a signed release manifest as the updater checks it.
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/update_manifest.hpp"
#include "inputs.hpp"
#include "update/signature.hpp"

namespace wk::bench::micro {
namespace {

// A kiosk's kiosk.toml as deploy/demo.sh writes one: every section the app reads.
constexpr const char* kKioskToml = R"(role = "kiosk"
location = "demo"
data_dir = "/var/lib/wijkkiosk"
location_config = "/etc/wijkkiosk/demo.toml"
[service]
url = "https://wijkkiosk.gemeente.example.nl"
ca_file = "/etc/wijkkiosk/ca.pem"
token_file = "/etc/wijkkiosk/kiosk.token"
[kiosk]
slot = 1
slots = 2
session_timeout_s = 60
staff_pin_hash = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Yk1pQ2VZbHZ6b2Q1cG9rY0tqVnN4dz09"
[printer]
uri = "tcp://10.0.0.5:9100"
model = "epson-tm-t20"
paper_mm = 80
[screen]
bottom_mm = 700
[update]
channel = "stable"
)";

void LocationToml(benchmark::State& state) {
  const auto& in = inputs();
  if (!in) return state.SkipWithError(to_string(in.error()).c_str());
  for (auto _ : state) {
    auto config = location_config_from_toml(in->demo_toml, "demo.toml");
    if (!config) return state.SkipWithError(to_string(config.error()).c_str());
    benchmark::DoNotOptimize(config.value().topics.data());
  }
}
BENCHMARK(LocationToml)->Name("config/location_toml")->Unit(benchmark::kMillisecond)->UseRealTime();

void DeviceToml(benchmark::State& state) {
  for (auto _ : state) {
    auto config = device_config_from_toml(kKioskToml, "kiosk.toml");
    if (!config) return state.SkipWithError(to_string(config.error()).c_str());
    benchmark::DoNotOptimize(config.value().service_url.data());
  }
}
BENCHMARK(DeviceToml)->Name("config/device_toml")->Unit(benchmark::kMillisecond)->UseRealTime();

// The body of GET /v1/config as a kiosk receives it: text, parsed, then checked into a config.
void LocationJson(benchmark::State& state) {
  const auto& in = inputs();
  if (!in) return state.SkipWithError(to_string(in.error()).c_str());
  const std::string body = to_json(in->config).dump();
  for (auto _ : state) {
    const auto j = nlohmann::json::parse(body, nullptr, false);
    auto config = location_config_from_json(j, "GET /v1/config");
    if (!config) return state.SkipWithError(to_string(config.error()).c_str());
    benchmark::DoNotOptimize(config.value().topics.data());
  }
}
BENCHMARK(LocationJson)->Name("config/location_json")->Unit(benchmark::kMillisecond)->UseRealTime();

// A release of 50 files, signed with a key made for the run; the kiosk checks the signature over the exact
// bytes, parses, and decides whether to take it (serial, expiry, rollout, disk), as wijkkiosk-update does.
void ManifestVerify(benchmark::State& state) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("wijkkiosk-micro-keys-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto made = updates::generate_key_files((dir / "release.key").string(), (dir / "release.pub").string());
  auto secret = updates::read_secret_key((dir / "release.key").string());
  auto key = updates::read_public_key((dir / "release.pub").string());
  fs::remove_all(dir);
  if (!made || !secret || !key) return state.SkipWithError("no release key pair could be made");

  ReleaseManifest m;
  m.channel = "stable";
  m.version = "0.2.0";
  m.serial = 42;
  const UnixMs now = 1795510800000;
  m.expires_at = now + 14LL * 86'400'000;
  m.rollout_percent = 100;
  for (int i = 0; i < 50; ++i)
    m.files.push_back({"lib/wijkkiosk/part-" + std::to_string(i) + ".so", 250'000 + 1000LL * i,
                       std::string(64, "0123456789abcdef"[i % 16])});
  const std::string text = manifest_to_json(m);
  auto signature = updates::sign_detached(text, secret.value());
  if (!signature) return state.SkipWithError(to_string(signature.error()).c_str());
  const std::vector<updates::PublicKey> keys{key.value()};
  const UpdateState seen{41, now - 86'400'000, {}};
  const std::int64_t free_bytes = 8LL << 30;
  // Proof that the signature is checked: one changed byte is refused.
  std::string tampered = text;
  tampered[tampered.size() / 2] ^= 1;
  if (updates::verified_manifest(tampered, signature.value(), keys))
    return state.SkipWithError("a tampered manifest was accepted");
  for (auto _ : state) {
    auto verified = updates::verified_manifest(text, signature.value(), keys);
    if (!verified) return state.SkipWithError(to_string(verified.error()).c_str());
    auto accepted = accept_manifest(verified.value(), seen, now, "kiosk-demo-1", free_bytes);
    if (!accepted) return state.SkipWithError(to_string(accepted.error()).c_str());
    benchmark::DoNotOptimize(verified.value().files.data());
  }
}
BENCHMARK(ManifestVerify)->Name("manifest_verify")->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace wk::bench::micro
