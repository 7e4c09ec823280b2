#include "app/staff_pin.hpp"

#include <sodium.h>

namespace wk::app {
namespace {
// Cheaper than libsodium's "interactive" preset (64 MiB): the kiosk's memory budget is 60 MB in all.
constexpr unsigned long long kOps = 3;
constexpr std::size_t kMem = 16u * 1024 * 1024;
}  // namespace

Result<std::string> hash_staff_pin(const std::string& pin) {
  if (pin.size() < 4 || pin.size() > 8 || pin.find_first_not_of("0123456789") != std::string::npos)
    return make_error("bad_pin", "A staff PIN is 4 to 8 digits.");
  if (sodium_init() < 0) return make_error("crypto", "The crypto library could not start.");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, pin.c_str(), pin.size(), kOps, kMem, crypto_pwhash_ALG_ARGON2ID13) != 0)
    return make_error("crypto", "Out of memory while hashing the PIN.");
  return std::string(out);
}

bool verify_staff_pin(const std::string& stored_hash, const std::string& pin) {
  if (stored_hash.empty() || sodium_init() < 0) return false;
  return crypto_pwhash_str_verify(stored_hash.c_str(), pin.c_str(), pin.size()) == 0;
}

}  // namespace wk::app
