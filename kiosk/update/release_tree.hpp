#pragma once
// The releases on a device's disk (ARCHITECTURE.md, "Updates"): opt/wijkkiosk/releases/<version>/, the
// `current` and `previous` symlinks, and the staging of a download in releases/<version>.partial/. Every
// change is made durable before the next one starts (fsync of the file, then of its folder), so a power
// cut at any instant leaves `current` naming a complete release.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/update_manifest.hpp"
#include "update/signature.hpp"

namespace wk::updates {

// Every path of the updater, under a prefix ("/" on a kiosk; a temp dir in tests).
struct UpdatePaths {
  std::string opt;        // <prefix>/opt/wijkkiosk
  std::string releases;   // <opt>/releases
  std::string current;    // <opt>/current -> releases/<version>
  std::string previous;   // <opt>/previous -> releases/<version>
  std::string keys_dir;   // <prefix>/etc/wijkkiosk/release-keys: *.pub, trusted
  std::string state_dir;  // <data_dir>/update: state, trial, good, report, lock
};
UpdatePaths update_paths(const std::string& prefix, const std::string& data_dir);
std::string release_dir(const UpdatePaths& p, std::string_view version);

// The public keys a device trusts: every *.pub in keys_dir, and in the current release's
// share/wijkkiosk/release-keys (so a release can bring the next key: rotation). Unreadable ones are
// skipped with a line in `problems`.
std::vector<PublicKey> trusted_keys(const UpdatePaths& p, std::vector<std::string>& problems);

// The version `link` points at (releases/<version>); nullopt when there is no such link.
std::optional<std::string> linked_version(const std::string& link);
// Makes `link` point at releases/<version> by renaming a new symlink over it, then fsyncs the folder.
Result<void> point_link(const UpdatePaths& p, const std::string& link, std::string_view version);

// Bytes the updater may use on the releases' file system.
Result<std::int64_t> free_bytes(const std::string& dir);

// Called after each durable step of an install (and each piece of a download) with its name: the log
// follows it, and the crash tests stop the process there.
using StepHook = std::function<void(std::string_view step)>;

// Fetches `file` from byte `from` on: each piece goes to `sink`, which answers false to stop. Reports
// whether the source honoured `from` (true) or sends the whole file again (false) before the first piece.
struct FileFetch {
  std::function<void(bool resumed)> started;
  std::function<bool(std::string_view piece)> sink;
};
using FetchFile = std::function<Result<void>(const ReleaseFile& file, std::int64_t from, const FileFetch&)>;

// Downloads every file of `m` into releases/<version>.partial/, resuming what an earlier run left, and
// refusing ("oversized") any byte past a file's stated size and ("wrong_hash") a file that does not
// match; a refused file is deleted so the next run starts it afresh. Files under bin/ are made
// executable. Then fsyncs, and renames the folder to releases/<version>. A complete releases/<version>
// already there is checked and kept.
Result<void> stage_release(const UpdatePaths& p, const ReleaseManifest& m, const FetchFile& fetch,
                           const StepHook& step, const std::function<void(const std::string&)>& log);

// Whether releases/<version> holds exactly the manifest's files, each with its size and hash.
Result<void> check_release(const UpdatePaths& p, const ReleaseManifest& m);

// Removes releases other than `keep` (and any .partial folder but `keep`'s): the disk holds at most
// current and previous.
void remove_releases_except(const UpdatePaths& p, const std::vector<std::string>& keep);

// Files of the state dir: written atomically (temp, fsync, rename, fsync of the folder); a missing file
// reads as nullopt.
Result<std::optional<std::string>> read_state_file(const UpdatePaths& p, std::string_view name);
Result<void> write_state_file(const UpdatePaths& p, std::string_view name, std::string_view content);
void remove_state_file(const UpdatePaths& p, std::string_view name);

// An exclusive lock on the state dir for as long as the object lives: the timer's run, the app's start
// and systemd's OnFailure never install at the same time. Waits for the other.
class UpdateLock {
 public:
  static Result<UpdateLock> take(const UpdatePaths& p);
  // Without waiting: nullopt while another run holds it.
  static Result<std::optional<UpdateLock>> try_take(const UpdatePaths& p);
  UpdateLock(UpdateLock&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  UpdateLock& operator=(UpdateLock&&) = delete;
  UpdateLock(const UpdateLock&) = delete;
  ~UpdateLock();

 private:
  explicit UpdateLock(int fd) : fd_(fd) {}
  static Result<std::optional<UpdateLock>> lock(const UpdatePaths& p, bool wait);
  int fd_ = -1;
};

}  // namespace wk::updates
