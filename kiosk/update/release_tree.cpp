#include "update/release_tree.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "update/release_files.hpp"
#include "update/signature.hpp"

namespace wk::updates {
namespace fs = std::filesystem;
namespace {

std::string join(const std::string& a, std::string_view b) {
  if (a.empty() || a.back() == '/') return a + std::string(b);
  return a + "/" + std::string(b);
}

Error io_error(const std::string& what, const std::string& path) {
  const int e = errno;
  if (e == ENOSPC || e == EDQUOT)
    return make_error("disk_full", "The disk filled up while the release was written; it is tried again.",
                      what + " " + path + ": " + std::strerror(e));
  return make_error("io_error", "The release could not be written to disk.",
                    what + " " + path + ": " + std::strerror(e));
}

// A folder's entries (a rename, a new file) are durable only once the folder itself is synced.
Result<void> fsync_dir(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return io_error("open", dir);
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return io_error("fsync", dir);
  return Ok{};
}

Result<void> make_dirs(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return make_error("io_error", "The folder " + dir + " cannot be made.", ec.message());
  return Ok{};
}

void read_keys_in(const std::string& dir, std::vector<PublicKey>& keys, std::vector<std::string>& problems) {
  std::error_code ec;
  std::vector<std::string> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".pub") files.push_back(it->path().string());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    auto key = read_public_key(f);
    if (key)
      keys.push_back(std::move(key.value()));
    else
      problems.push_back(f + ": " + key.error().message);
  }
}

// One file of a release, downloaded into `path` (resumed from what is there) and checked.
Result<void> stage_file(const std::string& path, const ReleaseFile& want, const FetchFile& fetch,
                        const StepHook& step, const std::function<void(const std::string&)>& log) {
  if (auto r = make_dirs(fs::path(path).parent_path().string()); !r) return r;
  const mode_t mode = want.path.rfind("bin/", 0) == 0 ? 0755 : 0644;
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, mode);
  if (fd < 0) return io_error("open", path);
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) return io_error("stat", path);
  std::int64_t have = st.st_size;
  if (have > want.size) {  // a file longer than stated never gets shorter by resuming
    if (::ftruncate(fd, 0) != 0) return io_error("truncate", path);
    have = 0;
  }
  if (have < want.size) {
    if (have > 0)
      log("resuming " + want.path + " at byte " + std::to_string(have) + " of " + std::to_string(want.size));
    std::int64_t at = have;
    bool oversized = false;
    Result<void> write_failed = Ok{};
    FileFetch sinks;
    sinks.started = [&](bool resumed) {
      if (resumed || at == 0) return;
      at = 0;  // the source sends the whole file again
      if (::ftruncate(fd, 0) != 0) write_failed = io_error("truncate", path);
    };
    std::int64_t since_step = 0;
    sinks.sink = [&](std::string_view piece) {
      if (!write_failed) return false;
      if (static_cast<std::int64_t>(piece.size()) > want.size - at) {
        oversized = true;  // not one byte past the stated size reaches the disk
        return false;
      }
      if (::pwrite(fd, piece.data(), piece.size(), at) != static_cast<ssize_t>(piece.size())) {
        write_failed = io_error("write", path);
        return false;
      }
      at += static_cast<std::int64_t>(piece.size());
      since_step += static_cast<std::int64_t>(piece.size());
      if (since_step >= 64 * 1024) {
        since_step = 0;
        step("piece of " + want.path);
      }
      return true;
    };
    auto fetched = fetch(want, have, sinks);
    if (!write_failed) return write_failed.error();
    if (oversized) {
      ::ftruncate(fd, 0);
      return make_error("oversized",
                        "A file of the release is larger than its manifest says; it was refused.",
                        want.path + " is over " + std::to_string(want.size) + " bytes");
    }
    if (!fetched) return fetched.error();
    if (at != want.size)
      return make_error(
          "network", "The download of the release broke off; it is resumed next time.",
          want.path + ": " + std::to_string(at) + " of " + std::to_string(want.size) + " bytes");
  }
  if (::fsync(fd) != 0) return io_error("fsync", path);
  auto hash = sha256_file(path);
  if (!hash) return hash.error();
  if (hash.value() != want.sha256) {
    ::ftruncate(fd, 0);
    return make_error("wrong_hash", "A file of the release does not match its manifest; it was refused.",
                      want.path + ": sha256 " + hash.value() + ", manifest " + want.sha256);
  }
  step("file " + want.path);
  return Ok{};
}

}  // namespace

UpdatePaths update_paths(const std::string& prefix, const std::string& data_dir) {
  UpdatePaths p;
  p.opt = join(prefix, "opt/wijkkiosk");
  p.releases = p.opt + "/releases";
  p.current = p.opt + "/current";
  p.previous = p.opt + "/previous";
  p.keys_dir = join(prefix, "etc/wijkkiosk/release-keys");
  p.state_dir = join(data_dir, "update");
  return p;
}

std::string release_dir(const UpdatePaths& p, std::string_view version) {
  return p.releases + "/" + std::string(version);
}

std::vector<PublicKey> trusted_keys(const UpdatePaths& p, std::vector<std::string>& problems) {
  std::vector<PublicKey> keys;
  read_keys_in(p.keys_dir, keys, problems);
  read_keys_in(p.current + "/share/wijkkiosk/release-keys", keys, problems);
  return keys;
}

std::optional<std::string> linked_version(const std::string& link) {
  std::error_code ec;
  const fs::path target = fs::read_symlink(link, ec);
  if (ec) return std::nullopt;
  return target.filename().string();
}

Result<void> point_link(const UpdatePaths& p, const std::string& link, std::string_view version) {
  if (auto r = make_dirs(p.opt); !r) return r;
  const std::string tmp = link + ".new";
  ::unlink(tmp.c_str());
  // Relative, so the tree can be moved (and a test's prefix works the same as "/").
  if (::symlink(("releases/" + std::string(version)).c_str(), tmp.c_str()) != 0)
    return io_error("symlink", tmp);
  if (::rename(tmp.c_str(), link.c_str()) != 0) return io_error("rename", link);
  return fsync_dir(p.opt);
}

Result<std::int64_t> free_bytes(const std::string& dir) {
  struct statvfs s {};
  if (::statvfs(dir.c_str(), &s) != 0) return io_error("statvfs", dir);
  return static_cast<std::int64_t>(s.f_bavail) * static_cast<std::int64_t>(s.f_frsize);
}

Result<void> check_release(const UpdatePaths& p, const ReleaseManifest& m) {
  const std::string dir = release_dir(p, m.version);
  auto files = release_files_of(dir);
  if (!files) return files.error();
  auto want = m.files;
  std::sort(want.begin(), want.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  const auto same = [](const ReleaseFile& a, const ReleaseFile& b) {
    return a.path == b.path && a.size == b.size && a.sha256 == b.sha256;
  };
  if (!std::equal(want.begin(), want.end(), files->begin(), files->end(), same))
    return make_error("wrong_hash", "The installed release does not match its manifest.", dir);
  return Ok{};
}

Result<void> stage_release(const UpdatePaths& p, const ReleaseManifest& m, const FetchFile& fetch,
                           const StepHook& step, const std::function<void(const std::string&)>& log) {
  const std::string final_dir = release_dir(p, m.version);
  std::error_code ec;
  if (fs::exists(final_dir, ec)) {
    if (check_release(p, m)) return Ok{};
    log("releases/" + m.version + " does not match its manifest; it is staged again");
    fs::remove_all(final_dir, ec);
  }
  const std::string partial = final_dir + ".partial";
  if (auto r = make_dirs(partial); !r) return r;
  for (const auto& f : m.files)
    if (auto r = stage_file(partial + "/" + f.path, f, fetch, step, log); !r) return r;
  // Every folder of the staged tree, deepest first, so each new entry is durable before the rename.
  std::vector<std::string> dirs;
  for (fs::recursive_directory_iterator it(partial, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_directory(ec)) dirs.push_back(it->path().string());
  std::sort(dirs.rbegin(), dirs.rend());
  dirs.push_back(partial);
  for (const auto& d : dirs)
    if (auto r = fsync_dir(d); !r) return r;
  if (::rename(partial.c_str(), final_dir.c_str()) != 0) return io_error("rename", partial);
  if (auto r = fsync_dir(p.releases); !r) return r;
  step("staged " + m.version);
  return Ok{};
}

void remove_releases_except(const UpdatePaths& p, const std::vector<std::string>& keep) {
  std::error_code ec;
  for (fs::directory_iterator it(p.releases, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    const std::string base =
        name.size() > 8 && name.ends_with(".partial") ? name.substr(0, name.size() - 8) : name;
    if (std::find(keep.begin(), keep.end(), base) != keep.end()) continue;
    std::error_code rm;
    fs::remove_all(it->path(), rm);
  }
}

Result<std::optional<std::string>> read_state_file(const UpdatePaths& p, std::string_view name) {
  const std::string path = join(p.state_dir, name);
  if (::access(path.c_str(), F_OK) != 0) return std::optional<std::string>();
  auto text = read_whole_file(path);
  if (!text) return text.error();
  return std::optional<std::string>(std::move(text.value()));
}

Result<void> write_state_file(const UpdatePaths& p, std::string_view name, std::string_view content) {
  if (auto r = make_dirs(p.state_dir); !r) return r;
  if (auto r = write_file_atomically(join(p.state_dir, name), content, 0644); !r) return r;
  return fsync_dir(p.state_dir);
}

void remove_state_file(const UpdatePaths& p, std::string_view name) {
  const std::string path = join(p.state_dir, name);
  if (::unlink(path.c_str()) == 0) (void)fsync_dir(p.state_dir);
}

Result<std::optional<UpdateLock>> UpdateLock::lock(const UpdatePaths& p, bool wait) {
  if (auto r = make_dirs(p.state_dir); !r) return r.error();
  const std::string path = join(p.state_dir, "lock");
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return io_error("open", path);
  if (::flock(fd, wait ? LOCK_EX : LOCK_EX | LOCK_NB) != 0) {
    const int e = errno;
    ::close(fd);
    if (e == EWOULDBLOCK) return std::optional<UpdateLock>();
    errno = e;
    return io_error("flock", path);
  }
  return std::optional<UpdateLock>(UpdateLock(fd));
}

Result<UpdateLock> UpdateLock::take(const UpdatePaths& p) {
  auto held = lock(p, true);
  if (!held) return held.error();
  return std::move(**held);
}

Result<std::optional<UpdateLock>> UpdateLock::try_take(const UpdatePaths& p) {
  return lock(p, false);
}

UpdateLock::~UpdateLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace wk::updates
