#pragma once
// Random tokens and ids, and the hashes the service keeps instead of tokens (libsodium).
// A token is 32 random bytes: with that much entropy a plain SHA-256 is the right way to store it (a slow
// password hash would only make every request slower, and there is nothing to guess).
#include <string>
#include <string_view>

namespace wk::service {

std::string new_token();  // 32 random bytes, base64url without padding (43 characters)
std::string new_uuid();   // a random UUIDv4
std::string sha256_hex(std::string_view data);

}  // namespace wk::service
