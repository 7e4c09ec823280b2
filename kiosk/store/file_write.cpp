#include "store/file_write.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace wk::store {
namespace {

Error failed(const std::string& path, const char* step, int err) {
  const bool full = err == ENOSPC || err == EDQUOT;
  return make_error(full ? "disk_full" : "file_write",
                    full ? "The disk is full, so " + path + " could not be saved. Free some space."
                         : path + " could not be saved.",
                    std::string(step) + ": " + std::strerror(err));
}

bool write_all(int fd, const std::string& content) {
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

Result<void> write_file_atomically(const std::string& path, const std::string& content, unsigned mode) {
  // Its own temporary per process: a kiosk and a `wijkkiosk sync` beside it may both save at once.
  const std::string temp = path + ".new." + std::to_string(::getpid());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return failed(path, "open", errno);
  if (::fchmod(fd, static_cast<mode_t>(mode)) != 0 || !write_all(fd, content) || ::fsync(fd) != 0) {
    const int err = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    return failed(path, "write", err);
  }
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    return failed(path, "close", err);
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    return failed(path, "rename", err);
  }
  // The rename itself is only durable once the folder is.
  const std::string dir = std::filesystem::path(path).parent_path().string();
  const int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return Ok{};
}

}  // namespace wk::store
