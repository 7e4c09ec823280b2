#include "service/releases.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>

#include <nlohmann/json.hpp>

#include "service/admin.hpp"

namespace wk::service {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kMaxManifestBytes = 1024 * 1024;
constexpr std::size_t kMaxSignatureBytes = 64 * 1024;

// A descriptor closed whatever way the function leaves.
struct Fd {
  int fd = -1;
  explicit Fd(int f) : fd(f) {}
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
};

Error io_error(const std::string& what) {
  return make_error("io_error", what + ": " + std::strerror(errno) + ".");
}

Result<std::string> read_small(const std::string& path, std::size_t max) {
  Fd in(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (in.fd < 0) return make_error("missing_file", path + " cannot be read: " + std::strerror(errno) + ".");
  std::string text;
  std::array<char, 65536> buf{};
  for (;;) {
    const ssize_t n = ::read(in.fd, buf.data(), buf.size());
    if (n < 0) return io_error(path + " cannot be read");
    if (n == 0) break;
    text.append(buf.data(), static_cast<std::size_t>(n));
    if (text.size() > max) return make_error("too_large", path + " is larger than a manifest can be.");
  }
  return text;
}

bool write_all(int fd, const char* data, std::size_t n) {
  while (n > 0) {
    const ssize_t w = ::write(fd, data, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    data += w;
    n -= static_cast<std::size_t>(w);
  }
  return true;
}

Result<void> fsync_path(const std::string& path) {
  Fd f(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (f.fd < 0 || ::fsync(f.fd) != 0) return io_error(path + " cannot be synced");
  return Ok{};
}

Result<void> write_synced(const std::string& path, const std::string& bytes) {
  Fd out(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (out.fd < 0 || !write_all(out.fd, bytes.data(), bytes.size()) || ::fsync(out.fd) != 0)
    return io_error(path + " cannot be written");
  return Ok{};
}

std::string hex(const unsigned char* data, std::size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, n);
  out.pop_back();
  return out;
}

// Copies `from` to `to` while hashing it, and checks the copy against the manifest's size and SHA-256: what
// is checked is exactly what will be served. Reads at most one byte past the stated size.
Result<void> copy_checked(const std::string& from, const std::string& to, const ReleaseFile& want) {
  Fd in(::open(from.c_str(), O_RDONLY | O_CLOEXEC));
  if (in.fd < 0)
    return make_error("missing_file", "The manifest lists " + want.path + ", which is not in the directory.");
  Fd out(::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (out.fd < 0) return io_error(to + " cannot be written");
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  std::array<char, 1 << 16> buf{};
  std::uint64_t total = 0;
  for (;;) {
    const ssize_t n = ::read(in.fd, buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return io_error(from + " cannot be read");
    if (n == 0) break;
    total += static_cast<std::uint64_t>(n);
    if (total > want.size) break;
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buf.data()),
                              static_cast<unsigned long long>(n));
    if (!write_all(out.fd, buf.data(), static_cast<std::size_t>(n)))
      return io_error(to + " cannot be written");
  }
  if (total != want.size)
    return make_error("wrong_size", want.path + " is " + (total > want.size ? "larger" : "smaller") +
                                        " than the manifest's " + std::to_string(want.size) + " bytes.");
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256_final(&state, digest.data());
  if (hex(digest.data(), digest.size()) != want.sha256)
    return make_error("wrong_hash", want.path + " does not have the SHA-256 the manifest states.");
  if (::fsync(out.fd) != 0) return io_error(to + " cannot be synced");
  return Ok{};
}

bool is_hex64(const std::string& s) {
  if (s.size() != 64) return false;
  for (const char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

struct ManifestFacts {
  std::string channel, version;
  std::int64_t serial = 0;
  std::vector<ReleaseFile> files;
};

Result<ManifestFacts> read_manifest_facts(const std::string& text) {
  const auto bad = [](const std::string& why) {
    return make_error("bad_manifest", "manifest.json " + why + ".");
  };
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return bad("is not a JSON object");
  ManifestFacts m;
  if (!j.contains("channel") || !j["channel"].is_string()) return bad("has no channel");
  m.channel = j["channel"].get<std::string>();
  if (!j.contains("version") || !j["version"].is_string() || j["version"].get<std::string>().empty())
    return bad("has no version");
  m.version = j["version"].get<std::string>();
  if (!j.contains("serial") || !j["serial"].is_number_integer() || j["serial"].get<std::int64_t>() < 1)
    return bad("has no serial (a whole number from 1)");
  m.serial = j["serial"].get<std::int64_t>();
  if (!j.contains("files") || !j["files"].is_array()) return bad("has no files list");
  std::set<std::string> seen;
  for (const auto& f : j["files"]) {
    if (!f.is_object() || !f.contains("path") || !f["path"].is_string() || !f.contains("size") ||
        !f["size"].is_number_unsigned() || !f.contains("sha256") || !f["sha256"].is_string())
      return bad("has a file without path, size or sha256");
    ReleaseFile rf{f["path"].get<std::string>(), f["size"].get<std::uint64_t>(),
                   f["sha256"].get<std::string>()};
    if (!valid_release_path(rf.path)) return bad("lists a path that cannot be served: " + rf.path);
    if (!is_hex64(rf.sha256)) return bad("has a sha256 that is not 64 lowercase hex digits for " + rf.path);
    if (!seen.insert(rf.path).second) return bad("lists " + rf.path + " twice");
    m.files.push_back(std::move(rf));
  }
  return m;
}

nlohmann::json files_json(const std::vector<ReleaseFile>& files) {
  auto out = nlohmann::json::array();
  for (const auto& f : files) out.push_back({{"path", f.path}, {"size", f.size}, {"sha256", f.sha256}});
  return out;
}

// Copies everything into `tmp` (made here) and syncs it; the caller renames it into place.
Result<void> stage(const std::string& source, const std::string& tmp, const std::string& manifest,
                   const std::string& signature, const std::vector<ReleaseFile>& files) {
  std::error_code ec;
  fs::create_directories(tmp + "/files", ec);
  if (ec) return make_error("io_error", tmp + " cannot be made: " + ec.message() + ".");
  if (auto r = write_synced(release_manifest_path(tmp), manifest); !r) return r.error();
  if (auto r = write_synced(release_signature_path(tmp), signature); !r) return r.error();
  std::set<std::string> dirs{tmp, tmp + "/files"};
  for (const auto& f : files) {
    const std::string to = release_file_path(tmp, f.path);
    const std::string parent = fs::path(to).parent_path().string();
    fs::create_directories(parent, ec);
    if (ec) return make_error("io_error", parent + " cannot be made: " + ec.message() + ".");
    for (fs::path p = parent; p.string().size() > tmp.size(); p = p.parent_path()) dirs.insert(p.string());
    if (auto r = copy_checked(source + "/" + f.path, to, f); !r) return r.error();
  }
  for (const auto& d : dirs)
    if (auto r = fsync_path(d); !r) return r.error();
  return Ok{};
}

}  // namespace

bool valid_channel(const std::string& c) {
  if (c.empty() || c.size() > 32) return false;
  for (const char ch : c)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_')) return false;
  return c[0] != '-' && c[0] != '_';
}

bool valid_release_path(const std::string& path) {
  if (path.empty() || path.size() > 255 || path.front() == '/' || path.back() == '/') return false;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = path.find('/', start);
    const std::string part = path.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (part.empty() || part == "." || part == "..") return false;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  // Letters, digits and a few marks only: no control characters, no '%' or '\' to confuse a URL or a shell.
  for (const char ch : path)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
          std::strchr("._-+/", ch) != nullptr))
      return false;
  return true;
}

std::string release_dir(const std::string& dir, const std::string& channel, std::int64_t serial) {
  return dir + "/releases/" + channel + "/" + std::to_string(serial);
}
std::string release_manifest_path(const std::string& rd) {
  return rd + "/manifest.json";
}
std::string release_signature_path(const std::string& rd) {
  return rd + "/manifest.json.sig";
}
std::string release_file_path(const std::string& rd, const std::string& path) {
  return rd + "/files/" + path;
}

std::optional<std::vector<ReleaseFile>> release_files_from_json(const std::string& text) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return std::nullopt;
  std::vector<ReleaseFile> out;
  for (const auto& f : j) {
    if (!f.is_object() || !f.contains("path") || !f.contains("size") || !f.contains("sha256"))
      return std::nullopt;
    out.push_back(
        {f["path"].get<std::string>(), f["size"].get<std::uint64_t>(), f["sha256"].get<std::string>()});
  }
  return out;
}

Result<store::ReleaseRow> publish_release(const std::string& dir, const std::string& source,
                                          const std::string& channel, UnixMs now) {
  if (sodium_init() < 0) return make_error("no_sodium", "libsodium could not be initialised.");
  if (!valid_channel(channel))
    return make_error("bad_channel", "A channel is 1 to 32 of a-z, 0-9, '-' and '_', such as stable.");
  auto manifest = read_small(source + "/manifest.json", kMaxManifestBytes);
  if (!manifest) return manifest.error();
  auto signature = read_small(source + "/manifest.json.sig", kMaxSignatureBytes);
  if (!signature) return signature.error();
  if (signature.value().empty()) return make_error("bad_signature", "manifest.json.sig is empty.");
  auto facts = read_manifest_facts(manifest.value());
  if (!facts) return facts.error();
  const ManifestFacts& m = facts.value();
  if (m.channel != channel)
    return make_error("wrong_channel", "manifest.json is for channel " + m.channel + ", not " + channel +
                                           "; sign one for it.");
  auto db = open_service_db(dir, store::OpenMode::existing);
  if (!db) return db.error();
  // Checked before any copying, for a quick answer; add_release checks again in its transaction.
  auto current = db.value()->current_release(channel);
  if (!current) return current.error();
  if (current.value() && m.serial <= current.value()->serial)
    return make_error("serial_not_above", "Serial " + std::to_string(m.serial) + " is not above serial " +
                                              std::to_string(current.value()->serial) +
                                              ", already published on " + channel +
                                              "; a rollback is published as a new serial.");

  const std::string channel_dir = dir + "/releases/" + channel;
  std::error_code ec;
  fs::create_directories(channel_dir, ec);
  if (ec) return make_error("io_error", channel_dir + " cannot be made: " + ec.message() + ".");
  std::string tmp = channel_dir + "/.partial-XXXXXX";
  if (::mkdtemp(tmp.data()) == nullptr) return io_error(channel_dir + " cannot hold a new release");
  const std::string final_dir = release_dir(dir, channel, m.serial);
  const auto give_up = [&](Error e) -> Result<store::ReleaseRow> {
    fs::remove_all(tmp, ec);
    return e;
  };
  if (auto r = stage(source, tmp, manifest.value(), signature.value(), m.files); !r)
    return give_up(r.error());
  // A directory of this serial that the database does not know is what a crash between this rename and the
  // record left: never served, so it may go.
  fs::remove_all(final_dir, ec);
  if (::rename(tmp.c_str(), final_dir.c_str()) != 0) return give_up(io_error(final_dir + " cannot be made"));
  if (auto r = fsync_path(channel_dir); !r) return r.error();
  store::ReleaseRow row{channel, m.serial, m.version, files_json(m.files).dump(), now};
  if (auto r = db.value()->add_release(row); !r) return r.error();
  return row;
}

Result<std::vector<store::ReleaseRow>> list_releases(const std::string& dir) {
  auto db = open_service_db(dir, store::OpenMode::existing);
  if (!db) return db.error();
  return db.value()->current_releases();
}

}  // namespace wk::service
