// read_token_file (declared in queue_client.hpp): the bearer token is a secret, so a file that others on
// the machine may read is refused rather than used.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "net/queue_client.hpp"

namespace wk::net {
namespace {

constexpr std::size_t kMaxTokenBytes = 4096;

std::string octal_mode(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode & 07777));
  return buf;
}

}  // namespace

Result<std::string> read_token_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    return make_error("token_file", "The kiosk's token file " + path + " cannot be read. Please ask IT.",
                      std::strerror(errno));
  struct stat st {};
  // fstat on the open file, not stat on the name: what is checked is what is read.
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return make_error("token_file",
                      "The kiosk's token file " + path + " is not a regular file. Please ask IT.");
  }
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    ::close(fd);
    return make_error("token_file_permissions",
                      "The token file " + path + " can be read by other users of this machine (mode " +
                          octal_mode(st.st_mode) + "). Make it readable by the app only: chmod 600 " + path +
                          ".",
                      "mode " + octal_mode(st.st_mode));
  }
  std::string data;
  char buf[512];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0 && data.size() <= kMaxTokenBytes)
    data.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  if (n < 0)
    return make_error("token_file", "The kiosk's token file " + path + " cannot be read. Please ask IT.");
  if (data.size() > kMaxTokenBytes)
    return make_error("token_file", "The kiosk's token file " + path + " is far too large to hold a token.");
  // The file usually ends with a newline; the token itself is one line of visible characters.
  while (!data.empty() && std::isspace(static_cast<unsigned char>(data.back()))) data.pop_back();
  if (data.empty())
    return make_error("token_file", "The kiosk's token file " + path + " is empty. Please ask IT.");
  for (char c : data)
    if (!std::isgraph(static_cast<unsigned char>(c)))
      return make_error("token_file",
                        "The kiosk's token file " + path + " holds more than one token. Please ask IT.");
  return data;
}

}  // namespace wk::net
