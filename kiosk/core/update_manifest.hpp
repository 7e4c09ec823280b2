#pragma once
// The release manifest and the rules by which a device accepts one (ARCHITECTURE.md, "Updates";
// docs/updates.md). Pure: the updater hands in the clock, the device id, the free disk and what it has
// seen before. The signature is not checked here: crypto is the outside world (update/signature.hpp), and
// the updater checks it over the manifest's exact bytes before it parses them at all.
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace wk {

struct ReleaseFile {
  std::string path;  // relative to the release's directory, "/"-separated, never ".." or absolute
  std::int64_t size = 0;
  std::string sha256;  // 64 lowercase hex digits
};

struct ReleaseManifest {
  std::string channel;       // "stable", "pilot", ...: a safe name, it is part of a URL
  std::string version;       // the directory name under releases/: a safe name
  std::uint64_t serial = 0;  // only grows, separately from the version: a "go back" release is a new serial
  UnixMs expires_at = 0;
  int rollout_percent = 100;  // 0-100
  std::vector<ReleaseFile> files;
};

// Every field checked; an error names the field ("files[2].sha256") in its message and in its detail.
// Unknown fields are ignored, so an older updater reads a newer manifest.
Result<ReleaseManifest> manifest_from_json(std::string_view text);
// Pretty-printed JSON that manifest_from_json reads back to the same manifest.
std::string manifest_to_json(const ReleaseManifest& m);

// What a device remembers between checks (the updater stores it; core only reads it).
struct UpdateState {
  std::uint64_t highest_serial_seen = 0;
  // The latest "now" at which a manifest was accepted. Time never goes back before it, so a clock reset
  // to 1970 by a power cut cannot make an expired manifest valid again.
  UnixMs last_manifest_time_seen = 0;
  std::set<std::string> bad_versions;  // versions that failed their trial: never tried again
};

// Why a manifest is refused; the code of the Error is manifest_refusal_code() of it.
enum class ManifestRefusal { serial_not_newer, expired, bad_version, outside_rollout, disk_full };
std::string_view manifest_refusal_code(ManifestRefusal r);

// Free disk the install needs beyond the files themselves (the staging dir's metadata, the trial record,
// logs written meanwhile): a manifest is refused unless its files' sizes plus this fit.
inline constexpr std::int64_t kUpdateDiskMarginBytes = 64LL * 1024 * 1024;
std::int64_t required_free_bytes(const ReleaseManifest& m);

// Ok, or the first refusal in this order: serial_not_newer, expired, bad_version, outside_rollout,
// disk_full. Time is max(clock_now, seen.last_manifest_time_seen).
Result<void> accept_manifest(const ReleaseManifest& m, const UpdateState& seen, UnixMs clock_now,
                             std::string_view device_id, std::int64_t free_bytes);
// The state to store once a manifest is accepted: its serial, and the time that was used.
UpdateState after_accepting(const ReleaseManifest& m, UpdateState seen, UnixMs clock_now);

// The device's rollout bucket, 0..99, the same for a device id forever (the updater and the tests pin
// it): FNV-1a 64 over the id's UTF-8 bytes, then MurmurHash3's 64-bit finalizer (fmix64) so that ids
// differing only in their last characters spread over all buckets, then modulo 100.
int rollout_bucket(std::string_view device_id);
// Whether the device is among the first `percent` of 100 buckets: 0 reaches nobody, 100 everybody, and
// raising the percentage only ever adds devices.
bool in_rollout(std::string_view device_id, int percent);

}  // namespace wk
