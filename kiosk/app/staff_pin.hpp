#pragma once
// The staff PIN is stored only as an Argon2id hash (libsodium's string form, which carries its own salt
// and cost). A PIN has few digits, so the lock-out after five wrong tries (core) is what protects it;
// the hash keeps it unreadable on a stolen disk.
#include <string>

#include "core/result.hpp"

namespace wk::app {

Result<std::string> hash_staff_pin(const std::string& pin);
bool verify_staff_pin(const std::string& stored_hash, const std::string& pin);

}  // namespace wk::app
