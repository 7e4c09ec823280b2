#include "service/secrets.hpp"

#include <sodium.h>

#include <array>
#include <cstdint>
#include <stdexcept>

#include "core/ticket.hpp"

namespace wk::service {
namespace {

void ensure_sodium() {
  // sodium_init is idempotent and thread-safe; it fails only when the system has no source of randomness,
  // and then no token may be made at all: a bug-level failure, so an exception.
  static const int rc = sodium_init();
  if (rc < 0) throw std::runtime_error("libsodium could not be initialised (no randomness source)");
}

}  // namespace

std::string new_token() {
  ensure_sodium();
  std::array<std::uint8_t, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return base64url(bytes.data(), bytes.size());
}

std::string new_uuid() {
  ensure_sodium();
  std::array<std::uint8_t, 16> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return uuid_v4(bytes.data());
}

std::string sha256_hex(std::string_view data) {
  ensure_sodium();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(data.data()), data.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data(), crypto_hash_sha256_BYTES * 2);
}

}  // namespace wk::service
