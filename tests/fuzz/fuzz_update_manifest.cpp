// The updater's way in (update/signature.cpp, core/update_manifest.cpp). The input is a signature file's
// text and a manifest, split at the first newline pair. First as it comes: verified_manifest() with a
// trusted key the fuzzer cannot forge for, so only the signature text's reading is reached. Then the same
// manifest signed with that key, as IT's release tool does, so verification passes and the manifest's
// parsing and the acceptance rules (accept_manifest) run on it.
#include <sodium.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/update_manifest.hpp"
#include "update/signature.hpp"

namespace {

struct Keys {
  wk::updates::SecretKey secret;
  std::vector<wk::updates::PublicKey> trusted;
};

Keys fixed_keys() {
  if (sodium_init() < 0) std::abort();
  std::array<unsigned char, crypto_sign_SEEDBYTES> seed{};
  seed.fill(7);
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> pk{};
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> sk{};
  crypto_sign_seed_keypair(pk.data(), sk.data(), seed.data());
  Keys k;
  k.secret.bytes.assign(reinterpret_cast<const char*>(sk.data()), sk.size());
  k.trusted.push_back({std::string(reinterpret_cast<const char*>(pk.data()), pk.size())});
  return k;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Keys keys = fixed_keys();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto split = input.find("\n\n");
  const std::string_view signature =
      split == std::string_view::npos ? std::string_view() : input.substr(0, split);
  const std::string_view manifest = split == std::string_view::npos ? input : input.substr(split + 2);

  (void)wk::updates::verified_manifest(manifest, signature, keys.trusted);

  const auto signed_text = wk::updates::sign_detached(manifest, keys.secret);
  if (!signed_text) std::abort();
  const auto m = wk::updates::verified_manifest(manifest, signed_text.value(), keys.trusted);
  if (!m) return 0;
  const wk::UpdateState seen{
      .highest_serial_seen = 3, .last_manifest_time_seen = 1'700'000'000'000, .bad_versions = {"0.0.1"}};
  (void)wk::accept_manifest(m.value(), seen, 1'750'000'000'000, "kiosk-1", 1LL << 32);
  (void)wk::after_accepting(m.value(), seen, 1'750'000'000'000);
  (void)wk::required_free_bytes(m.value());
  // What the release tool writes must read back.
  if (!wk::manifest_from_json(wk::manifest_to_json(m.value()))) std::abort();
  return 0;
}
