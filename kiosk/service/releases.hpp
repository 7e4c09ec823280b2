#pragma once
// Releases for kiosks' updates, as the service keeps them: `wijkqueue release publish` checks a directory
// made by wijkkiosk-release and copies it under D/releases/<channel>/<serial>/; the routes serve the
// channel's current one. The manifest and its signature are opaque here except for what a published
// directory must agree with: channel, version, serial and the files' paths, sizes and SHA-256.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/service_db.hpp"

namespace wk::service {

struct ReleaseFile {
  std::string path;  // relative, '/'-separated, no "." or ".." part
  std::uint64_t size = 0;
  std::string sha256;  // lowercase hex
};

// Channel names are short lowercase words ("stable", "beta-2"): they become a directory name.
bool valid_channel(const std::string& channel);
// A manifest path that may become a file under the release's directory and part of a URL.
bool valid_release_path(const std::string& path);

std::string release_dir(const std::string& dir, const std::string& channel, std::int64_t serial);
std::string release_manifest_path(const std::string& release_dir);   // .../manifest.json
std::string release_signature_path(const std::string& release_dir);  // .../manifest.json.sig
std::string release_file_path(const std::string& release_dir, const std::string& path);  // .../files/<path>

// The file list stored with a release (ReleaseRow::files_json); nullopt when it does not read.
std::optional<std::vector<ReleaseFile>> release_files_from_json(const std::string& files_json);

// Checks `source` (manifest.json, manifest.json.sig and the files it lists) against `channel` and the
// channel's published serial, copies it into dir atomically and records it. Each refusal is one sentence
// and changes nothing.
Result<store::ReleaseRow> publish_release(const std::string& dir, const std::string& source,
                                          const std::string& channel, UnixMs now);
Result<std::vector<store::ReleaseRow>> list_releases(const std::string& dir);

}  // namespace wk::service
