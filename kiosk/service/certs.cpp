#include "service/certs.hpp"

#include <fcntl.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>

namespace wk::service {
namespace {

template <class T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;

Error openssl_error(const std::string& what) {
  char buf[256] = {};
  ERR_error_string_n(ERR_get_error(), buf, sizeof buf);
  ERR_clear_error();
  return make_error("certificate_error", "The certificate could not be made: " + what + ".", buf);
}

bool add_ext(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_nconf_nid(nullptr, &ctx, nid, value);
  if (ext == nullptr) return false;
  const bool ok = X509_add_ext(cert, ext, -1) == 1;
  X509_EXTENSION_free(ext);
  return ok;
}

// A certificate for `key` named `common_name`, signed by `issuer_key` (issuer == nullptr: self-signed).
Result<CertPtr> make_cert(EVP_PKEY* key, const char* common_name, long days, X509* issuer,
                          EVP_PKEY* issuer_key, const std::function<bool(X509*, X509*)>& extensions,
                          UnixMs now) {
  CertPtr cert(X509_new());
  BnPtr serial(BN_new());
  if (!cert || !serial) return openssl_error("out of memory");
  // A random 159-bit serial: unique without keeping a counter, and positive as RFC 5280 wants.
  if (X509_set_version(cert.get(), X509_VERSION_3) != 1 ||
      BN_rand(serial.get(), 159, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1 ||
      BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())) == nullptr)
    return openssl_error("no serial number");
  // Valid from an hour ago, so a kiosk whose clock runs a little behind still accepts it.
  // From the time handed in, not OpenSSL's own reading of the clock.
  time_t at = static_cast<time_t>(now / 1000);
  if (X509_time_adj_ex(X509_getm_notBefore(cert.get()), 0, -3600, &at) == nullptr ||
      X509_time_adj_ex(X509_getm_notAfter(cert.get()), static_cast<int>(days), 0, &at) == nullptr)
    return openssl_error("no validity period");
  X509_NAME* name = X509_get_subject_name(cert.get());
  if (X509_set_pubkey(cert.get(), key) != 1 ||
      X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("wijkqueue"),
                                 -1, -1, 0) != 1 ||
      X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                 reinterpret_cast<const unsigned char*>(common_name), -1, -1, 0) != 1)
    return openssl_error("no subject name");
  X509* signer = issuer != nullptr ? issuer : cert.get();
  if (X509_set_issuer_name(cert.get(), X509_get_subject_name(signer)) != 1)
    return openssl_error("no issuer name");
  if (!extensions(cert.get(), signer)) return openssl_error("an extension was refused");
  if (X509_sign(cert.get(), issuer_key != nullptr ? issuer_key : key, EVP_sha256()) <= 0)
    return openssl_error("signing failed");
  return cert;
}

// Creates `path` with `mode` (never over an existing file) and lets `write` fill it; synced to disk.
Result<void> write_new_file(const std::string& path, mode_t mode, const std::function<bool(FILE*)>& write) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) {
    if (errno == EEXIST) return make_error("file_exists", path + " exists already; it is left as it is.");
    return make_error("io_error", path + " cannot be created: " + std::strerror(errno) + ".");
  }
  FILE* f = ::fdopen(fd, "w");
  if (f == nullptr) {
    ::close(fd);
    return make_error("io_error", path + " cannot be written.");
  }
  const bool ok = write(f) && std::fflush(f) == 0 && ::fsync(fd) == 0;
  if (std::fclose(f) != 0 || !ok) {
    ::unlink(path.c_str());
    return make_error("io_error", path + " could not be written completely; is the disk full?");
  }
  return Ok{};
}

Result<void> write_key(const std::string& path, EVP_PKEY* key) {
  return write_new_file(path, 0600, [key](FILE* f) {
    return PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
  });
}

Result<void> write_cert(const std::string& path, X509* cert) {
  return write_new_file(path, 0644, [cert](FILE* f) { return PEM_write_X509(f, cert) == 1; });
}

}  // namespace

CertificatePaths certificate_paths(const std::string& dir) {
  return {dir + "/ca.pem", dir + "/ca.key", dir + "/server.pem", dir + "/server.key"};
}

Result<void> make_local_certificates(const CertificatePaths& paths, UnixMs now) {
  KeyPtr ca_key(EVP_EC_gen("P-256"));
  KeyPtr server_key(EVP_EC_gen("P-256"));
  if (!ca_key || !server_key) return openssl_error("no key could be generated");

  auto ca = make_cert(
      ca_key.get(), "wijkqueue local CA", 3650, nullptr, nullptr,
      [](X509* c, X509* issuer) {
        return add_ext(c, issuer, NID_basic_constraints, "critical,CA:TRUE") &&
               add_ext(c, issuer, NID_key_usage, "critical,keyCertSign,cRLSign") &&
               add_ext(c, issuer, NID_subject_key_identifier, "hash") &&
               add_ext(c, issuer, NID_authority_key_identifier, "keyid:always");
      },
      now);
  if (!ca) return ca.error();
  auto server = make_cert(
      server_key.get(), "localhost", 730, ca->get(), ca_key.get(),
      [](X509* c, X509* issuer) {
        return add_ext(c, issuer, NID_basic_constraints, "critical,CA:FALSE") &&
               add_ext(c, issuer, NID_key_usage, "critical,digitalSignature") &&
               add_ext(c, issuer, NID_ext_key_usage, "serverAuth") &&
               add_ext(c, issuer, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1") &&
               add_ext(c, issuer, NID_subject_key_identifier, "hash") &&
               add_ext(c, issuer, NID_authority_key_identifier, "keyid:always");
      },
      now);
  if (!server) return server.error();

  // Keys first: a half-written set then fails the next attempt loudly instead of pairing a new
  // certificate with an old key.
  if (auto r = write_key(paths.ca_key, ca_key.get()); !r) return r.error();
  if (auto r = write_key(paths.server_key, server_key.get()); !r) return r.error();
  if (auto r = write_cert(paths.ca_cert, ca->get()); !r) return r.error();
  if (auto r = write_cert(paths.server_cert, server->get()); !r) return r.error();
  return Ok{};
}

}  // namespace wk::service
