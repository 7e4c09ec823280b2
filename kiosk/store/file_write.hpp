#pragma once
// Writing a small file so that a power cut leaves either the old file or the new one, never a torn one:
// write a temporary beside it, fsync it, rename(2) it over the old one, fsync the folder.
#include <string>

#include "core/result.hpp"

namespace wk::store {

// `mode` is the file's, whatever the umask: private unless a caller says others may read it.
Result<void> write_file_atomically(const std::string& path, const std::string& content, unsigned mode = 0600);

}  // namespace wk::store
