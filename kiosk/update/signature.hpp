#pragma once
// Ed25519 signatures of release manifests (libsodium's crypto_sign_detached): IT signs the manifest
// file's exact bytes with a secret key kept off the kiosks; a kiosk holds one or more public keys and
// accepts a manifest that any of them verifies, so a key can be rotated by shipping the new public key
// in one release and signing with the new secret key from the next.
//
// Files are one line of base64 (standard alphabet, with padding) and a newline: the secret key (64
// bytes, mode 0600), the public key (32 bytes) and the signature (64 bytes).
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/update_manifest.hpp"

namespace wk::updates {

struct PublicKey {
  std::string bytes;  // 32 raw bytes
};
struct SecretKey {
  std::string bytes;  // 64 raw bytes (seed and public key, libsodium's form)
};

// A new key pair written to the two paths, which must not exist yet: a signing key is never overwritten.
Result<void> generate_key_files(const std::string& secret_path, const std::string& public_path);

Result<SecretKey> read_secret_key(const std::string& path);
Result<PublicKey> read_public_key(const std::string& path);

// The signature of exactly these bytes, as the text of a signature file.
Result<std::string> sign_detached(std::string_view message, const SecretKey& key);

// Ok when one of `keys` verifies `signature_text` (a signature file's content) over exactly `message`;
// else "bad_signature".
Result<void> verify_detached(std::string_view message, std::string_view signature_text,
                             const std::vector<PublicKey>& keys);

// The manifest in `text`, only when a trusted key signed exactly these bytes: the signature is checked
// before a byte of it is parsed. The updater's way in; accept_manifest() comes after.
Result<ReleaseManifest> verified_manifest(std::string_view text, std::string_view signature_text,
                                          const std::vector<PublicKey>& keys);

// Whole-file read and write for keys, manifests and signatures. write_file_atomically writes a temporary
// file with `mode`, fsyncs and renames it over `path`.
Result<std::string> read_whole_file(const std::string& path);
Result<void> write_file_atomically(const std::string& path, std::string_view content, unsigned mode);

}  // namespace wk::updates
