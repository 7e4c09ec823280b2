// Tap -> ticket, measured through the kiosk's own shell (KioskRuntime): from the topic tap's event to the
// ticket being durable in the outbox (SQLite commit with fsync) and in core's state, ready to draw. It is
// the same path the GUI runs on a tap, minus the one frame that draws the result. Records the figures
// kiosk.tap_commit.{p50,p99} (bench/common/figures.hpp); budgets are in bench/kiosk/budgets.tsv.
// Beside each tap it times one 4 KiB write + fdatasync of a file in the same directory, the floor under
// any durable commit there: kiosk.disk_sync.{p50,p99} tell the disk's tail from the kiosk's own.
//
//   bench_tap_to_ticket [DATA_DIR] [COUNT]   (DATA_DIR on the disk the kiosk will use; default ./bench-data)
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "app/kiosk_runtime.hpp"
#include "figures.hpp"

namespace {

void write(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
}

// One page written and made durable, as SQLite's WAL commit does once per transaction.
double sync_ms(int fd) {
  static const std::vector<char> page(4096, 'x');
  const auto t0 = std::chrono::steady_clock::now();
  if (::pwrite(fd, page.data(), page.size(), 0) != static_cast<ssize_t>(page.size()) ||
      ::fdatasync(fd) != 0) {
    std::perror("bench: write + fdatasync");
    std::exit(1);
  }
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  const std::string dir = fs::absolute(argc > 1 ? argv[1] : "bench-data").string();
  const int count = argc > 2 ? std::max(10, std::atoi(argv[2])) : 1000;
  fs::remove_all(dir);
  fs::create_directories(dir);
  write(dir + "/kiosk.token", "not used: the bench sends nothing");
  fs::permissions(dir + "/kiosk.token", fs::perms::owner_read | fs::perms::owner_write);
  write(dir + "/kiosk.toml",
        "role = \"kiosk\"\nlocation = \"demo\"\ndata_dir = \"data\"\nlocation_config = \"" +
            std::string(WIJKKIOSK_SOURCE_DIR) +
            "/assets/locations/demo.toml\"\n[service]\nurl = \"https://localhost:1\"\n"
            "ca_file = \"ca.pem\"\ntoken_file = \"kiosk.token\"\n");
  wk::app::RuntimeOptions headless;
  headless.start_sync = false;  // the worker's reads of the outbox are measured by the e2e figures instead
  headless.start_printer = false;
  auto opened = wk::app::open_kiosk_runtime(dir + "/kiosk.toml", headless);
  if (!opened) {
    std::fprintf(stderr, "bench: %s\n", to_string(opened.error()).c_str());
    return 1;
  }
  wk::app::KioskRuntime& rt = *opened.value();
  const char* topics[] = {"werk", "schulden", "jeugd", "zorg"};
  std::vector<double> ms, sync;
  ms.reserve(static_cast<std::size_t>(count));
  sync.reserve(static_cast<std::size_t>(count));
  const int probe = ::open((dir + "/disk-probe").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (probe < 0) {
    std::perror("bench: disk probe");
    return 1;
  }
  for (int i = 0; i < count; ++i) {
    wk::app::dispatch(rt, wk::ev::StartOver{});
    wk::app::dispatch(rt, wk::ev::LanguageChosen{"nl"});
    const auto t0 = std::chrono::steady_clock::now();
    wk::app::dispatch(rt, wk::ev::TopicChosen{topics[i % 4]});
    const auto t1 = std::chrono::steady_clock::now();
    if (!rt.state.session.ticket) {
      std::fprintf(stderr, "bench: tap %d gave no ticket (screen %s: %s)\n", i,
                   wk::screen_name(rt.state.session.screen), rt.state.session.failure.c_str());
      return 1;
    }
    ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    sync.push_back(sync_ms(probe));
  }
  ::close(probe);
  std::printf("tap -> durable ticket in core's state, %d taps, outbox in %s\n", count, dir.c_str());
  wk::bench::figure("kiosk.tap_commit.p50", wk::bench::percentile(ms, 0.50), "ms");
  wk::bench::figure("kiosk.tap_commit.p99", wk::bench::percentile(ms, 0.99), "ms");
  wk::bench::figure("kiosk.disk_sync.p50", wk::bench::percentile(sync, 0.50), "ms");
  wk::bench::figure("kiosk.disk_sync.p99", wk::bench::percentile(sync, 0.99), "ms");
  fs::remove_all(dir);
  return 0;
}
