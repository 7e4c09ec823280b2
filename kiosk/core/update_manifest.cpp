#include "core/update_manifest.hpp"

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>

namespace wk {
namespace {

using nlohmann::json;

Error bad(const std::string& field, const std::string& why) {
  return make_error("bad_manifest", "The release manifest's " + field + " " + why + ".", field);
}

// A name that is safe as one directory or URL segment: letters, digits, ".", "_", "-", not starting with
// "." (no ".", "..", hidden files), at most 64 characters.
bool is_safe_name(std::string_view s) {
  if (s.empty() || s.size() > 64 || s.front() == '.') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
}

// Relative, "/"-separated, no empty, "." or ".." segment, no NUL or backslash: it can only name a file
// inside the release's directory.
bool is_safe_path(std::string_view p) {
  if (p.empty() || p.size() > 1024 || p.front() == '/') return false;
  if (p.find('\0') != std::string_view::npos || p.find('\\') != std::string_view::npos) return false;
  std::size_t start = 0;
  while (start <= p.size()) {
    const std::size_t end = std::min(p.find('/', start), p.size());
    const std::string_view seg = p.substr(start, end - start);
    if (seg.empty() || seg == "." || seg == "..") return false;
    start = end + 1;
  }
  return true;
}

bool is_sha256_hex(std::string_view s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

Result<std::string> read_name(const json& j, const std::string& field) {
  if (!j.contains(field)) return bad(field, "is missing");
  if (!j.at(field).is_string()) return bad(field, "must be text");
  const auto s = j.at(field).get<std::string>();
  if (!is_safe_name(s))
    return bad(field, "must be 1-64 letters, digits, '.', '_' or '-', not starting with '.'");
  return s;
}

Result<ReleaseFile> read_release_file(const json& f, const std::string& field) {
  if (!f.is_object()) return bad(field, "must be an object");
  ReleaseFile file;
  if (!f.contains("path") || !f.at("path").is_string()) return bad(field + ".path", "must be text");
  file.path = f.at("path").get<std::string>();
  if (!is_safe_path(file.path))
    return bad(field + ".path", "must be a relative path inside the release, without '..' or '.'");
  if (!f.contains("size") || !f.at("size").is_number_unsigned() ||
      f.at("size").get<std::uint64_t>() >
          static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
    return bad(field + ".size", "must be a whole number of bytes, 0 or more");
  file.size = f.at("size").get<std::int64_t>();
  if (!f.contains("sha256") || !f.at("sha256").is_string() ||
      !is_sha256_hex(f.at("sha256").get<std::string>()))
    return bad(field + ".sha256", "must be 64 lowercase hex digits");
  file.sha256 = f.at("sha256").get<std::string>();
  return file;
}

}  // namespace

Result<ReleaseManifest> manifest_from_json(std::string_view text) {
  const json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return make_error("bad_manifest", "The release manifest is not a JSON object.", "json");
  ReleaseManifest m;
  auto channel = read_name(j, "channel");
  if (!channel) return channel.error();
  m.channel = channel.value();
  auto version = read_name(j, "version");
  if (!version) return version.error();
  m.version = version.value();
  // The updater stages into releases/<version>.partial: a version of that form would be someone's staging.
  if (m.version.ends_with(".partial")) return bad("version", "must not end in .partial");

  // JSON reads a whole number of 0 or more as unsigned, a negative one as signed, anything else as neither.
  if (!j.contains("serial") || !j.at("serial").is_number_unsigned())
    return bad("serial", "must be a whole number, 0 or more");
  m.serial = j.at("serial").get<std::uint64_t>();

  if (!j.contains("expires_at") || !j.at("expires_at").is_string())
    return bad("expires_at", "must be a time like 2026-12-31T00:00:00Z");
  const auto expires = parse_rfc3339(j.at("expires_at").get<std::string>());
  if (!expires) return bad("expires_at", "must be a time like 2026-12-31T00:00:00Z");
  m.expires_at = expires.value();

  if (!j.contains("rollout_percent") || !j.at("rollout_percent").is_number_unsigned() ||
      j.at("rollout_percent").get<std::uint64_t>() > 100)
    return bad("rollout_percent", "must be a whole number from 0 to 100");
  m.rollout_percent = j.at("rollout_percent").get<int>();

  if (!j.contains("files") || !j.at("files").is_array()) return bad("files", "must be a list");
  std::set<std::string> paths;
  for (std::size_t i = 0; i < j.at("files").size(); ++i) {
    const std::string field = "files[" + std::to_string(i) + "]";
    auto file = read_release_file(j.at("files").at(i), field);
    if (!file) return file.error();
    if (!paths.insert(file->path).second) return bad(field + ".path", "names a file listed before");
    m.files.push_back(std::move(file.value()));
  }
  return m;
}

// In the order of the struct, which is the order a person reads it in.
std::string manifest_to_json(const ReleaseManifest& m) {
  using ordered = nlohmann::ordered_json;
  ordered files = ordered::array();
  for (const auto& f : m.files) files.push_back({{"path", f.path}, {"size", f.size}, {"sha256", f.sha256}});
  const ordered j = {{"channel", m.channel},
                     {"version", m.version},
                     {"serial", m.serial},
                     {"expires_at", to_rfc3339(m.expires_at)},
                     {"rollout_percent", m.rollout_percent},
                     {"files", files}};
  return j.dump(2) + "\n";
}

std::string_view manifest_refusal_code(ManifestRefusal r) {
  switch (r) {
    case ManifestRefusal::serial_not_newer:
      return "serial_not_newer";
    case ManifestRefusal::expired:
      return "expired";
    case ManifestRefusal::bad_version:
      return "bad_version";
    case ManifestRefusal::outside_rollout:
      return "outside_rollout";
    case ManifestRefusal::disk_full:
      return "disk_full";
  }
  return "refused";
}

std::int64_t required_free_bytes(const ReleaseManifest& m) {
  // Saturating: a manifest whose sizes overflow needs more disk than any device has.
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  std::int64_t total = kUpdateDiskMarginBytes;
  for (const auto& f : m.files) total = f.size > kMax - total ? kMax : total + f.size;
  return total;
}

Result<void> accept_manifest(const ReleaseManifest& m, const UpdateState& seen, UnixMs clock_now,
                             std::string_view device_id, std::int64_t free_bytes) {
  auto refuse = [](ManifestRefusal r, std::string message, std::string detail) {
    return make_error(std::string(manifest_refusal_code(r)), std::move(message), std::move(detail));
  };
  if (m.serial <= seen.highest_serial_seen)
    return refuse(
        ManifestRefusal::serial_not_newer,
        "The release's serial is not above the highest seen; an old release is never installed again.",
        "serial " + std::to_string(m.serial) + " <= " + std::to_string(seen.highest_serial_seen));
  const UnixMs now = std::max(clock_now, seen.last_manifest_time_seen);
  if (now >= m.expires_at)
    return refuse(ManifestRefusal::expired,
                  "The release manifest has expired; the service must publish a fresh one.",
                  "expired " + to_rfc3339(m.expires_at) + ", now " + to_rfc3339(now));
  if (seen.bad_versions.count(m.version))
    return refuse(ManifestRefusal::bad_version,
                  "This version failed its trial here before and is not tried again.",
                  "version " + m.version);
  if (!in_rollout(device_id, m.rollout_percent))
    return refuse(ManifestRefusal::outside_rollout, "This device is not in the release's rollout yet.",
                  "bucket " + std::to_string(rollout_bucket(device_id)) + ", rollout " +
                      std::to_string(m.rollout_percent) + "%");
  if (free_bytes < required_free_bytes(m))
    return refuse(ManifestRefusal::disk_full, "There is too little free disk for the release.",
                  "needs " + std::to_string(required_free_bytes(m)) + " bytes, " +
                      std::to_string(free_bytes) + " free");
  return Ok{};
}

UpdateState after_accepting(const ReleaseManifest& m, UpdateState seen, UnixMs clock_now) {
  seen.highest_serial_seen = std::max(seen.highest_serial_seen, m.serial);
  seen.last_manifest_time_seen = std::max(seen.last_manifest_time_seen, clock_now);
  return seen;
}

int rollout_bucket(std::string_view device_id) {
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a 64 offset basis
  for (const char c : device_id) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;  // FNV 64 prime
  }
  // fmix64: every input bit reaches every output bit, so "modulo 100" sees a well-mixed number.
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return static_cast<int>(h % 100);
}

bool in_rollout(std::string_view device_id, int percent) {
  return rollout_bucket(device_id) < percent;
}

}  // namespace wk
