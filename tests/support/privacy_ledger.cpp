#include "support/privacy_ledger.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>

namespace wk::test {

void note_secret(const std::string& secret) {
  const char* dir = std::getenv("WIJKKIOSK_PRIVACY_DIR");
  if (dir == nullptr || *dir == '\0' || secret.empty()) return;
  const std::string path = std::string(dir) + "/secrets.txt";
  // O_APPEND with one write per line: tests running in parallel never interleave inside a line.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return;
  const std::string line = secret + "\n";
  [[maybe_unused]] const ssize_t n = ::write(fd, line.data(), line.size());
  ::close(fd);
}

}  // namespace wk::test
