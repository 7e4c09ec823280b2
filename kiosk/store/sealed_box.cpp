#include "store/sealed_box.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace wk::store {
namespace {

Error key_error(const std::string& path, const std::string& why) {
  return make_error("key_file", "The key that protects volunteers' details cannot be read. Please ask IT.",
                    path + ": " + why);
}

Result<std::string> read_key(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return key_error(path, std::strerror(errno));
  std::string key(crypto_secretbox_KEYBYTES, '\0');
  const ssize_t n = ::read(fd, key.data(), key.size());
  char extra = 0;
  const ssize_t more = ::read(fd, &extra, 1);
  ::close(fd);
  if (n != static_cast<ssize_t>(key.size()) || more != 0) return key_error(path, "not a key of 32 bytes");
  return key;
}

// Written whole or not at all: a temporary file, fsynced, renamed over; never readable by others.
Result<std::string> make_key(const std::string& path) {
  std::string key(crypto_secretbox_KEYBYTES, '\0');
  crypto_secretbox_keygen(reinterpret_cast<unsigned char*>(key.data()));
  const std::string tmp = path + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return key_error(path, std::strerror(errno));
  const bool written =
      ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!written || ::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return key_error(path, "could not be written");
  }
  return key;
}

}  // namespace

Result<SealedBox> SealedBox::open_or_create(const std::string& key_path) {
  if (sodium_init() < 0) return key_error(key_path, "libsodium could not start");
  struct stat st {};
  auto key = ::stat(key_path.c_str(), &st) == 0 ? read_key(key_path) : make_key(key_path);
  if (!key) return key.error();
  return SealedBox(std::move(key.value()));
}

std::string SealedBox::seal(std::string_view plain) const {
  std::vector<unsigned char> out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size());
  randombytes_buf(out.data(), crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(out.data() + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plain.data()), plain.size(), out.data(),
                        reinterpret_cast<const unsigned char*>(key_.data()));
  std::string text(sodium_base64_ENCODED_LEN(out.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(text.data(), text.size(), out.data(), out.size(), sodium_base64_VARIANT_ORIGINAL);
  text.resize(std::strlen(text.c_str()));
  return text;
}

Result<std::string> SealedBox::open(std::string_view sealed) const {
  std::vector<unsigned char> bin(sealed.size());
  std::size_t len = 0;
  const auto broken = [] {
    return make_error("sealed_broken", "A volunteer's stored details could not be read. Please ask IT.",
                      "not sealed with this key, or changed");
  };
  if (sodium_base642bin(bin.data(), bin.size(), sealed.data(), sealed.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
    return broken();
  std::string plain(len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                 bin.data() + crypto_secretbox_NONCEBYTES, len - crypto_secretbox_NONCEBYTES,
                                 bin.data(), reinterpret_cast<const unsigned char*>(key_.data())) != 0)
    return broken();
  return plain;
}

std::string SealedBox::keyed_hash(std::string_view text) const {
  // A subkey of its own, so the hash never uses the sealing key itself (libsodium's KDF, context fixed).
  static constexpr char kContext[crypto_kdf_CONTEXTBYTES + 1] = "wkbodymc";
  static_assert(crypto_kdf_KEYBYTES == crypto_secretbox_KEYBYTES);
  unsigned char subkey[crypto_generichash_KEYBYTES];
  crypto_kdf_derive_from_key(subkey, sizeof subkey, 1, kContext,
                             reinterpret_cast<const unsigned char*>(key_.data()));
  unsigned char hash[32];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                     subkey, sizeof subkey);
  sodium_memzero(subkey, sizeof subkey);
  char hex[sizeof hash * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return hex;
}

}  // namespace wk::store
