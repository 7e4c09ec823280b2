// The residents' status page under a city's load, measured with wrk against the real wijkqueue (SQLite,
// TLS). The model: a city at its peak has 30 locations with 150 residents waiting at each, 4,500 phones,
// each polling its ticket's JSON every 5 s (routes_status_page.cpp's script) = 900 requests/s; that rate
// is the budget. The page itself (/t/{token}) is measured the same way, as if every poll were a page load
// (a phone without script), the worst case of the same model.
// The city is made for the run: LOCATIONS locations with WAITING tickets each (POSTed by their kiosks).
// wrk (2 threads, 64 connections, closed loop: its latency includes the wait for the server under load)
// picks a token at random for every request (tokens.lua). Figures:
//   service.status_page.rps, .p99        GET /v1/public/tickets/{token}
//   service.status_page.page_rps, .page_p99  GET /t/{token}
// A request that failed or was not answered 200 fails the run.
//
//   bench_service_status_page LOCATIONS WAITING SECONDS TOKENS_LUA   (WIJKKIOSK_BIN_DIR: wijkqueue's dir)
#include <curl/curl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "figures.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "support/wijkqueue.hpp"
#include "ticket_poster.hpp"

namespace {

using wk::test::Wijkqueue;

// Thrown, not exit(): the service and its database made for the run are stopped on the way out.
[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error(what);
}

struct Location {
  std::string id, kiosk_token;
};

std::string public_token(int n) {
  char token[40];
  std::snprintf(token, sizeof token, "publicTokenForCity%010d", n);
  return token;
}

// The location's kiosk hands in `waiting` tickets, oldest first, over one kept-alive connection.
void fill(const Wijkqueue& wq, const Location& at, int first_n, int waiting, std::atomic<int>& failed) {
  static const char* topics[] = {"werk", "schulden", "anders"};
  wk::bench::TicketPoster poster(wq.url("/v1/tickets"), wq.ca_file(), at.kiosk_token);
  for (int i = 0; i < waiting; ++i) {
    const int n = first_n + i;
    char id[40], code[16];
    std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", n);
    std::snprintf(code, sizeof code, "%c-%03d", "WSA"[i % 3], i / 3 + 1);
    const std::string body = std::string("{\"id\":\"") + id + "\",\"code\":\"" + code + "\",\"topic\":\"" +
                             topics[i % 3] + "\",\"language\":\"nl\",\"created_at\":\"" +
                             wk::to_rfc3339(wq.now() - (waiting - i) * 20'000LL) + "\",\"public_token\":\"" +
                             public_token(n) + "\"}";
    if (poster.post(body) != 201) ++failed;
  }
}

// wrk from PATH (the test support's processes are started by path).
std::string wrk_path() {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin";
  for (std::size_t from = 0; from <= dirs.size();) {
    const std::size_t to = std::min(dirs.find(':', from), dirs.size());
    const std::string candidate = dirs.substr(from, to - from) + "/wrk";
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    from = to + 1;
  }
  fail("wrk is not installed (Debian package wrk)");
}

struct Load {
  double rps = 0, p50_ms = 0, p99_ms = 0;
};

Load wrk(const Wijkqueue& wq, const std::string& prefix, int seconds, const std::string& lua,
         const std::string& tokens) {
  const auto r = wk::test::run_command({wrk_path(), "-t2", "-c64", "-d" + std::to_string(seconds) + "s",
                                        "--latency", "-s", lua, wq.base_url()},
                                       {{"WRK_PREFIX", prefix}, {"WRK_TOKENS", tokens}},
                                       std::chrono::seconds(seconds + 60));
  const auto at = r.out.find("bench-wrk ");
  if (r.exit_code != 0 || at == std::string::npos) fail("wrk failed: " + r.out + r.err);
  long requests = 0, duration_us = 0, p50_us = 0, p99_us = 0, errors = 0, status_errors = 0;
  if (std::sscanf(r.out.c_str() + at,
                  "bench-wrk requests=%ld duration_us=%ld p50_us=%ld p99_us=%ld errors=%ld status_errors=%ld",
                  &requests, &duration_us, &p50_us, &p99_us, &errors, &status_errors) != 6 ||
      requests == 0 || duration_us == 0)
    fail("cannot read wrk's summary: " + r.out);
  if (errors > 0 || status_errors > 0 || r.out.find("Non-2xx") != std::string::npos)
    fail(prefix + ": " + std::to_string(errors) + " requests failed, " + std::to_string(status_errors) +
         " were not answered 200:\n" + r.out);
  return {static_cast<double>(requests) * 1e6 / static_cast<double>(duration_us), p50_us / 1000.0,
          p99_us / 1000.0};
}

}  // namespace

int main(int argc, char** argv) try {
  if (argc < 5) fail("usage: bench_service_status_page LOCATIONS WAITING SECONDS TOKENS_LUA");
  const int locations = std::max(1, std::atoi(argv[1])), waiting = std::max(1, std::atoi(argv[2]));
  const int seconds = std::max(1, std::atoi(argv[3]));
  const std::string lua = argv[4];
  curl_global_init(CURL_GLOBAL_DEFAULT);

  wk::test::WijkqueueOptions o;
  o.start = false;
  o.serve_args = {"--max-per-address",
                  "1000"};  // wrk's 64 connections and the kiosks all come from 127.0.0.1
  Wijkqueue wq(o);
  std::vector<Location> city = {{wq.location(), wq.kiosk_token()}};
  for (int l = 1; l < locations; ++l) {
    const std::string id = "wijk" + std::to_string(l);
    wq.add_location(id);
    city.push_back({id, wq.add_device("kiosk", id)});
  }
  wq.start();

  std::atomic<int> failed{0};
  std::vector<std::thread> kiosks;
  for (std::size_t l = 0; l < city.size(); ++l)
    kiosks.emplace_back(fill, std::cref(wq), std::cref(city[l]), static_cast<int>(l) * waiting, waiting,
                        std::ref(failed));
  for (auto& k : kiosks) k.join();
  if (failed > 0) fail(std::to_string(failed.load()) + " ticket POSTs failed");

  wk::test::TempDir dir("bench-status-page");
  const std::string tokens = dir.file("tokens");
  {
    std::ofstream out(tokens);
    for (int n = 0; n < locations * waiting; ++n) out << public_token(n) << "\n";
  }
  const auto one =
      wk::test::http_request("GET", wq.url("/v1/public/tickets/" + public_token(0)), wq.ca_file());
  if (one.status != 200) fail("a resident's ticket answered " + std::to_string(one.status));

  std::printf("status page: %d locations x %d waiting; wrk 2 threads, 64 connections, %d s per route\n",
              locations, waiting, seconds);
  const Load json = wrk(wq, "/v1/public/tickets/", seconds, lua, tokens);
  const Load page = wrk(wq, "/t/", seconds, lua, tokens);
  wk::bench::figure("service.status_page.rps", json.rps, "req/s");
  wk::bench::figure("service.status_page.p50", json.p50_ms, "ms");
  wk::bench::figure("service.status_page.p99", json.p99_ms, "ms");
  wk::bench::figure("service.status_page.page_rps", page.rps, "req/s");
  wk::bench::figure("service.status_page.page_p99", page.p99_ms, "ms");
  curl_global_cleanup();
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "bench: status page: %s\n", e.what());
  return 1;
}
