#pragma once
// The files of a release on disk: their SHA-256 (libsodium), and the manifest entries of a whole
// directory, which `wijkkiosk-release manifest` writes and the updater checks downloads against.
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/update_manifest.hpp"

namespace wk::updates {

// 64 lowercase hex digits of the file's SHA-256, read in pieces (a release may be large).
Result<std::string> sha256_file(const std::string& path);

// Every regular file under `dir`, with its path relative to it ("/"-separated), size and SHA-256, sorted
// by path. A symlink or other special file is an error: a manifest holds only plain files.
Result<std::vector<ReleaseFile>> release_files_of(const std::string& dir);

}  // namespace wk::updates
