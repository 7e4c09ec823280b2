#include "support/small_disk.hpp"

#include <errno.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>
#include <vector>

namespace wk::test {

SmallDisk::SmallDisk(int size_mib) : filler_(dir_.file(".filler")) {
  const std::string options = "size=" + std::to_string(size_mib) + "m,mode=0700";
  if (::mount("tmpfs", dir_.path().c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) != 0)
    throw std::runtime_error("cannot mount a " + std::to_string(size_mib) + " MiB tmpfs on " + dir_.path() +
                             " (" + std::strerror(errno) +
                             "): the disk-full tests need root or CAP_SYS_ADMIN, as make test has");
}

SmallDisk::~SmallDisk() {
  ::umount2(dir_.path().c_str(), MNT_DETACH);
}

std::uint64_t SmallDisk::fill() {
  const int fd = ::open(filler_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot open the filler: " + std::string(std::strerror(errno)));
  const std::vector<char> block(64 * 1024, 'x');
  std::uint64_t total = 0;
  // Big blocks first, then single bytes, so not even a page is left over.
  for (std::size_t size = block.size(); size > 0; size /= 2) {
    for (;;) {
      const ssize_t n = ::write(fd, block.data(), size);
      if (n > 0) {
        total += static_cast<std::uint64_t>(n);
        continue;
      }
      if (n < 0 && errno != ENOSPC) {
        ::close(fd);
        throw std::runtime_error("filling: " + std::string(std::strerror(errno)));
      }
      break;
    }
  }
  ::close(fd);
  return total;
}

void SmallDisk::make_room() {
  ::unlink(filler_.c_str());
}

std::uint64_t SmallDisk::free_bytes() const {
  struct statvfs fs {};
  if (::statvfs(dir_.path().c_str(), &fs) != 0) return 0;
  return static_cast<std::uint64_t>(fs.f_bavail) * fs.f_frsize;
}

}  // namespace wk::test
