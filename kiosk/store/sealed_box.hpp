#pragma once
// A volunteer's personal fields at rest on the kiosk: sealed with libsodium's secretbox (XSalsa20-Poly1305)
// under a key in a file only the app may read (0600, made at first use). What is sealed is text: the
// nonce and the ciphertext, base64, so it fits the outbox's body column; opening checks it was not changed.
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace wk::store {

class SealedBox {
 public:
  // Reads the key, or makes one (from the kernel's CSPRNG) when the file is not there yet.
  static Result<SealedBox> open_or_create(const std::string& key_path);
  std::string seal(std::string_view plain) const;
  Result<std::string> open(std::string_view sealed) const;
  // A keyed hash (BLAKE2b-256, hex) under a subkey derived from this box's key: the same text always gives
  // the same hash, so two bodies can be compared without keeping either; without the key file nobody can
  // test guesses against it, as they could against a plain SHA-256 of a phone number.
  std::string keyed_hash(std::string_view text) const;

 private:
  explicit SealedBox(std::string key) : key_(std::move(key)) {}
  std::string key_;  // crypto_secretbox_KEYBYTES
};

}  // namespace wk::store
