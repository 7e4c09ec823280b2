// Releases for kiosks' updates (ARCHITECTURE.md, "Updates"): the current manifest of a channel, its
// signature, and the files it lists, resumable with HTTP Range. Any kiosk or display token may read any
// channel: a release is signed and not secret, and the token only keeps strangers from the bandwidth.
#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "service/byte_range.hpp"
#include "service/http.hpp"
#include "service/releases.hpp"

namespace wk::service::http {
namespace {

// The channel's current release, or nullopt with the response filled in.
std::optional<store::ReleaseRow> current(Context& ctx, const Request& req, Response& res) {
  if (!authorize(ctx, req, res, {"kiosk", "display", "admin"})) return std::nullopt;
  const std::string& channel = req.matches[1];
  std::optional<store::ReleaseRow> row;
  if (valid_channel(channel)) {
    auto found = ctx.db.current_release(channel);
    if (!found) {
      send_store_error(res, found.error());
      return std::nullopt;
    }
    row = found.value();
  }
  if (!row)
    send_error(res, 404, "no_such_release",
               "Nothing is published on this channel; IT publishes with 'wijkqueue release publish'.");
  return row;
}

std::optional<std::string> read_whole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string base64(const std::string& bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();  // the terminating NUL
  return out;
}

// The manifest's exact bytes (what was signed), with the detached signature in X-Signature as well, so
// one request gets both.
void get_manifest(Context& ctx, const Request& req, Response& res) {
  const auto row = current(ctx, req, res);
  if (!row) return;
  const std::string rd = release_dir(ctx.dir, row->channel, row->serial);
  const auto manifest = read_whole(release_manifest_path(rd));
  const auto signature = read_whole(release_signature_path(rd));
  if (!manifest || !signature)
    return send_error(res, 500, "release_unreadable",
                      "The published release cannot be read; IT publishes it again.");
  res.set_content(*manifest, "application/json");
  res.set_header("X-Signature", base64(*signature));
  res.set_header("X-Release-Serial", std::to_string(row->serial));
}

void get_signature(Context& ctx, const Request& req, Response& res) {
  const auto row = current(ctx, req, res);
  if (!row) return;
  const auto signature = read_whole(release_signature_path(release_dir(ctx.dir, row->channel, row->serial)));
  if (!signature)
    return send_error(res, 500, "release_unreadable",
                      "The published release cannot be read; IT publishes it again.");
  res.set_content(*signature, "application/octet-stream");
  res.set_header("X-Release-Serial", std::to_string(row->serial));
}

void get_file(Context& ctx, const Request& req, Response& res) {
  const auto row = current(ctx, req, res);
  if (!row) return;
  const std::string& name = req.matches[2];
  const auto files = release_files_from_json(row->files_json);
  if (!files) return send_store_error(res, make_error("db_corrupt", "a release's file list does not read"));
  const ReleaseFile* file = nullptr;
  // Only a path the current manifest lists, and never one with a ".." part, whatever the manifest says.
  if (valid_release_path(name))
    for (const auto& f : *files)
      if (f.path == name) file = &f;
  if (file == nullptr)
    return send_error(res, 404, "no_such_file", "The channel's current release has no such file.");
  const std::string path = release_file_path(release_dir(ctx.dir, row->channel, row->serial), file->path);
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || static_cast<std::uint64_t>(st.st_size) != file->size)
    return send_error(res, 500, "release_unreadable",
                      "The published release cannot be read; IT publishes it again.");
  const std::string size = std::to_string(file->size);
  // The hash names these bytes for good: a client may keep what it has of them and resume.
  res.set_header("ETag", "\"" + file->sha256 + "\"");
  res.set_header("Accept-Ranges", "bytes");
  const ByteRange range = parse_byte_range(req.get_header_value("Range"), file->size);
  if (range.kind == ByteRange::Kind::unsatisfiable) {
    send_error(res, 416, "range_not_satisfiable",
               "The range starts past the end of the file (" + size + " bytes).");
    res.set_header("Content-Range", "bytes */" + size);
    return;
  }
  res.set_header("Content-Type", "application/octet-stream");
  if (range.kind == ByteRange::Kind::part) {
    res.status = 206;
    res.set_header("Content-Range",
                   "bytes " + std::to_string(range.first) + "-" + std::to_string(range.last) + "/" + size);
    res.file = FileBody{path, range.first, range.last - range.first + 1};
  } else {
    res.file = FileBody{path, 0, file->size};
  }
}

}  // namespace

void install_release_routes(Router& router, Context& ctx) {
  router.get(R"(/v1/releases/([^/]+)/manifest)", route(ctx, get_manifest));
  router.get(R"(/v1/releases/([^/]+)/manifest\.sig)", route(ctx, get_signature));
  router.get(R"(/v1/releases/([^/]+)/files/(.+))", route(ctx, get_file));
}

}  // namespace wk::service::http
