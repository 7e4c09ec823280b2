#include "update/signature.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace wk::updates {
namespace {

Result<void> start_sodium() {
  if (sodium_init() < 0) return make_error("crypto", "libsodium could not start.");
  return Ok{};
}

std::string to_base64(std::string_view raw) {
  std::string out(sodium_base64_encoded_len(raw.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out + "\n";
}

// Exactly `size` bytes from base64 text with surrounding whitespace, or an error naming `what`.
Result<std::string> from_base64(std::string_view text, std::size_t size, const std::string& what) {
  const auto first = text.find_first_not_of(" \t\r\n");
  const auto last = text.find_last_not_of(" \t\r\n");
  const std::string_view b64 = first == std::string_view::npos ? "" : text.substr(first, last - first + 1);
  std::string raw(size + 1, '\0');  // one more, so a longer value is seen as wrong, not cut short
  std::size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), b64.data(), b64.size(),
                        nullptr, &len, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != b64.data() + b64.size() || len != size)
    return make_error("bad_key", "The " + what + " is not " + std::to_string(size) + " bytes in base64.",
                      what);
  raw.resize(size);
  return raw;
}

Result<void> write_new_file(const std::string& path, std::string_view content, mode_t mode) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0)
    return make_error("io_error", "The file " + path + " cannot be created (" + std::strerror(errno) + ").");
  const bool written = ::fchmod(fd, mode) == 0 &&
                       ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size()) &&
                       ::fsync(fd) == 0;
  ::close(fd);
  if (!written) {
    ::unlink(path.c_str());
    return make_error("io_error", "The file " + path + " cannot be written.");
  }
  return Ok{};
}

}  // namespace

Result<void> generate_key_files(const std::string& secret_path, const std::string& public_path) {
  if (auto r = start_sodium(); !r) return r;
  if (::access(secret_path.c_str(), F_OK) == 0 || ::access(public_path.c_str(), F_OK) == 0)
    return make_error("exists", "A key file is already there; a signing key is never overwritten.",
                      secret_path + ", " + public_path);
  std::string pk(crypto_sign_PUBLICKEYBYTES, '\0'), sk(crypto_sign_SECRETKEYBYTES, '\0');
  crypto_sign_keypair(reinterpret_cast<unsigned char*>(pk.data()),
                      reinterpret_cast<unsigned char*>(sk.data()));
  std::string sk_text = to_base64(sk);
  sodium_memzero(sk.data(), sk.size());
  auto written = write_new_file(secret_path, sk_text, 0600);
  sodium_memzero(sk_text.data(), sk_text.size());
  if (!written) return written;
  if (auto r = write_new_file(public_path, to_base64(pk), 0644); !r) {
    ::unlink(secret_path.c_str());
    return r;
  }
  return Ok{};
}

Result<SecretKey> read_secret_key(const std::string& path) {
  if (auto r = start_sodium(); !r) return r.error();
  auto text = read_whole_file(path);
  if (!text) return text.error();
  auto raw = from_base64(text.value(), crypto_sign_SECRETKEYBYTES, "secret key " + path);
  sodium_memzero(text->data(), text->size());
  if (!raw) return raw.error();
  return SecretKey{std::move(raw.value())};
}

Result<PublicKey> read_public_key(const std::string& path) {
  if (auto r = start_sodium(); !r) return r.error();
  auto text = read_whole_file(path);
  if (!text) return text.error();
  auto raw = from_base64(text.value(), crypto_sign_PUBLICKEYBYTES, "public key " + path);
  if (!raw) return raw.error();
  return PublicKey{std::move(raw.value())};
}

Result<std::string> sign_detached(std::string_view message, const SecretKey& key) {
  if (auto r = start_sodium(); !r) return r.error();
  if (key.bytes.size() != crypto_sign_SECRETKEYBYTES)
    return make_error("bad_key", "The secret key is not valid.");
  std::string sig(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       reinterpret_cast<const unsigned char*>(key.bytes.data()));
  return to_base64(sig);
}

Result<void> verify_detached(std::string_view message, std::string_view signature_text,
                             const std::vector<PublicKey>& keys) {
  if (auto r = start_sodium(); !r) return r;
  auto sig = from_base64(signature_text, crypto_sign_BYTES, "signature");
  if (!sig) return make_error("bad_signature", "The signature file is not an Ed25519 signature.");
  for (const auto& key : keys) {
    if (key.bytes.size() != crypto_sign_PUBLICKEYBYTES) continue;
    if (crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig->data()),
                                    reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                    reinterpret_cast<const unsigned char*>(key.bytes.data())) == 0)
      return Ok{};
  }
  return make_error("bad_signature", "The signature does not match the manifest under any trusted key.",
                    std::to_string(keys.size()) + " key(s) tried");
}

Result<ReleaseManifest> verified_manifest(std::string_view text, std::string_view signature_text,
                                          const std::vector<PublicKey>& keys) {
  if (auto r = verify_detached(text, signature_text, keys); !r) return r.error();
  return manifest_from_json(text);
}

Result<std::string> read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("io_error", "The file " + path + " cannot be read.");
  std::ostringstream out;
  out << in.rdbuf();
  if (in.bad()) return make_error("io_error", "The file " + path + " cannot be read.");
  return out.str();
}

Result<void> write_file_atomically(const std::string& path, std::string_view content, unsigned mode) {
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  ::unlink(tmp.c_str());
  if (auto r = write_new_file(tmp, content, static_cast<mode_t>(mode)); !r) return r;
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return make_error("io_error", "The file " + path + " cannot be written (" + std::strerror(errno) + ").");
  }
  return Ok{};
}

}  // namespace wk::updates
