// A printer that is a file: the usblp character device (/dev/usb/lp0), read and written without blocking,
// or a plain file that tickets are appended to (demos, tests). A plain file has no printer behind it to
// answer DLE EOT, so its state is None rather than a guess.
#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "print/fd_io.hpp"
#include "print/transport.hpp"

namespace wk::print {
namespace {

class FileTransport final : public Transport {
 public:
  FileTransport(UniqueFd fd, bool readable) : fd_(std::move(fd)), readable_(readable) {}
  Result<void> write(const Bytes& data, int timeout_ms) override {
    return write_all(fd_.get(), data, timeout_ms, false);
  }
  Result<Bytes> read(std::size_t max, int timeout_ms) override {
    if (!readable_)
      return make_error("no_status", "This printer connection cannot report the printer's state.");
    return read_some(fd_.get(), max, timeout_ms);
  }
  bool reads_status() const override { return readable_; }

 private:
  UniqueFd fd_;
  bool readable_;
};

Result<std::unique_ptr<Transport>> wrap(int fd, bool readable, const std::string& path) {
  if (fd < 0) {
    const int err = errno;
    const bool gone = err == ENOENT || err == ENODEV || err == ENXIO;
    return make_error(gone ? "printer_not_found" : "io",
                      gone ? "The printer is not connected." : "The printer's device could not be opened.",
                      path + ": " + std::strerror(err));
  }
  return std::unique_ptr<Transport>(std::make_unique<FileTransport>(UniqueFd(fd), readable));
}

}  // namespace

Result<std::unique_ptr<Transport>> open_file(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    // A missing device under /dev means an unplugged printer; creating a plain file there would hide that.
    if (errno != ENOENT || path.starts_with("/dev/")) return wrap(-1, false, path);
    return wrap(::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644), false, path);
  }
  if (S_ISCHR(st.st_mode)) {
    const int fd = ::open(path.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd >= 0 || errno != EACCES) return wrap(fd, true, path);
    // A device we may only write to still prints; it just cannot tell us its state.
    return wrap(::open(path.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY), false, path);
  }
  if (S_ISREG(st.st_mode)) return wrap(::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC), false, path);
  if (S_ISFIFO(st.st_mode)) return wrap(::open(path.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC), false, path);
  return make_error("printer_uri", "The printer path is neither a device nor a file.", path);
}

}  // namespace wk::print
