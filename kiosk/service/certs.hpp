#pragma once
// A local certificate authority and a localhost server certificate signed by it, for a team that runs
// wijkqueue without a certificate of its own: kiosks get ca.pem and verify the server with it.
// Made with the OpenSSL 3 C API; EC P-256 keys (small, fast, and every TLS 1.2+ client takes them).
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace wk::service {

struct CertificatePaths {
  std::string ca_cert, ca_key, server_cert, server_key;
};

// The usual names inside a wijkqueue directory: ca.pem, ca.key, server.pem, server.key.
CertificatePaths certificate_paths(const std::string& dir);

// Writes all four files (keys 0600, certificates 0644) and refuses to overwrite any of them.
// The server certificate is for DNS:localhost and IP:127.0.0.1 and valid for about two years from `now`
// (and from an hour before, for a client whose clock runs a little behind).
Result<void> make_local_certificates(const CertificatePaths& paths, UnixMs now);

}  // namespace wk::service
