#pragma once
// A fresh directory under $TMPDIR (or /tmp), removed with everything in it when the object goes away.
// With WIJKKIOSK_PRIVACY_DIR set it is made there instead and kept, for the privacy scan of what the
// end-to-end suite leaves behind (tests/privacy/).
#include <string>

namespace wk::test {

class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "wijkkiosk");
  ~TempDir();
  TempDir(TempDir&& other) noexcept;
  TempDir& operator=(TempDir&&) = delete;
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Small file helpers for tests: whole-file read and write (throw on failure).
std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& content);

}  // namespace wk::test
