#include "app/trial_mark.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include "core/update_trial.hpp"
#include "store/file_write.hpp"

namespace wk::app {
namespace fs = std::filesystem;
namespace {

std::string update_file(const std::string& data_dir, std::string_view name) {
  return data_dir + "/" + std::string(kUpdateDir) + "/" + std::string(name);
}

}  // namespace

bool on_trial(const std::string& data_dir) {
  std::error_code ec;
  return !data_dir.empty() && fs::exists(update_file(data_dir, kTrialFile), ec);
}

Result<std::string> own_executable() {
  std::error_code ec;
  const fs::path exe = fs::canonical("/proc/self/exe", ec);
  if (ec)
    return make_error("own_executable", "The app cannot tell where its own program file is.", ec.message());
  return exe.string();
}

Result<bool> mark_trial_good(const std::string& data_dir, const std::string& executable) {
  // The updater reads the note only while the trial lasts; one written outside a trial could later pass
  // for a trial's.
  if (!on_trial(data_dir)) return false;
  const std::string dir = data_dir + "/" + std::string(kUpdateDir);
  // One level is enough: trial.json was just seen in it. It may go between that look and this one (the
  // updater settled the trial meanwhile); then the note is simply not needed.
  if (::mkdir(dir.c_str(), 0755) == 0)
    ::chmod(dir.c_str(), 0755);  // the updater's folder, readable by IT's tools whatever the umask
  else if (errno != EEXIST)
    return make_error("file_write", "The folder " + dir + " could not be made.", std::strerror(errno));
  if (auto written =
          store::write_file_atomically(update_file(data_dir, kTrialGoodFile), executable + "\n", 0644);
      !written)
    return written.error();
  return true;
}

std::optional<std::string> read_update_report(const std::string& data_dir) {
  if (data_dir.empty()) return std::nullopt;
  const std::string path = update_file(data_dir, kUpdateReportFile);
  // Read once a minute for the heartbeat, which takes 4 KiB of it at most: a broken file of any size
  // must not cost the kiosk its memory.
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec || size > 64 * 1024) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return std::move(text).str();
}

TrialMark::TrialMark(std::string data_dir, Clock::time_point started, std::chrono::milliseconds good_after,
                     std::function<bool()> works)
    : data_dir_(std::move(data_dir)),
      due_(started + good_after),
      good_after_(good_after),
      works_(std::move(works)),
      // Looked at once, at start: a run the updater did not start on trial never wakes for this.
      pending_(on_trial(data_dir_)) {}

std::optional<std::chrono::milliseconds> TrialMark::due_in(Clock::time_point now) const {
  if (!pending_) return std::nullopt;
  return std::max(std::chrono::milliseconds(0), std::chrono::ceil<std::chrono::milliseconds>(due_ - now));
}

void TrialMark::after_frame(Clock::time_point now) {
  if (!pending_ || now < due_) return;
  if (works_ && !works_()) {
    if (!std::exchange(said_not_working_, true))
      std::fprintf(
          stderr,
          "wijkkiosk: this release is on trial but does not work well yet, so it is not marked "
          "good; it is looked at again every %lld s\n",
          static_cast<long long>(std::chrono::duration_cast<std::chrono::seconds>(good_after_).count()));
    due_ = now + good_after_;
    return;
  }
  pending_ = false;  // at most once per run, whatever comes of it
  auto exe = own_executable();
  if (!exe) {
    std::fprintf(stderr, "wijkkiosk: this release on trial could not be marked good: %s\n",
                 to_string(exe.error()).c_str());
    return;
  }
  auto marked = mark_trial_good(data_dir_, exe.value());
  if (!marked)
    std::fprintf(stderr,
                 "wijkkiosk: this release on trial could not be marked good, so the updater will take it "
                 "back: %s\n",
                 to_string(marked.error()).c_str());
  else if (marked.value())
    std::fprintf(stderr, "wijkkiosk: this release on trial works: marked good for the updater\n");
}

}  // namespace wk::app
