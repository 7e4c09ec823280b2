#include "update/release_files.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>

namespace wk::updates {

Result<std::string> sha256_file(const std::string& path) {
  if (sodium_init() < 0) return make_error("crypto", "libsodium could not start.");
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("io_error", "The file " + path + " cannot be read.");
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  std::array<char, 64 * 1024> buffer{};
  while (in) {
    in.read(buffer.data(), buffer.size());
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buffer.data()),
                              static_cast<unsigned long long>(in.gcount()));
  }
  if (in.bad()) return make_error("io_error", "The file " + path + " cannot be read.");
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256_final(&state, digest.data());
  std::string hex(digest.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.pop_back();
  return hex;
}

Result<std::vector<ReleaseFile>> release_files_of(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return make_error("io_error", "The release directory " + dir + " is not there.");
  std::vector<ReleaseFile> files;
  fs::recursive_directory_iterator it(dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const auto status = it->symlink_status(ec);
    if (ec) break;
    if (fs::is_directory(status)) continue;
    const std::string rel = it->path().lexically_relative(dir).generic_string();
    if (!fs::is_regular_file(status))
      return make_error("not_a_file", "The release holds " + rel + ", which is not a plain file.", rel);
    auto hash = sha256_file(it->path().string());
    if (!hash) return hash.error();
    const auto size = fs::file_size(it->path(), ec);
    if (ec) break;
    files.push_back({rel, static_cast<std::int64_t>(size), hash.value()});
  }
  if (ec) return make_error("io_error", "The release directory " + dir + " cannot be read.", ec.message());
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  return files;
}

}  // namespace wk::updates
