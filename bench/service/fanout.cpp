// Long-poll fan-out: DISPLAYS waiting on GET /v1/calls?after=SEQ&wait=30 at one location, each on its own
// TLS connection, then staff call the next ticket (POST /v1/desks/1/next): how soon does every display
// have the call? One thread drives every connection with curl multi, so the time of each answer is read
// the moment it arrives. The service caps long-polls per device (LongPollBoard, 4), so DISPLAYS/4 display
// devices are made; `serve --max-per-address` is raised because every display here comes from 127.0.0.1.
// Figures (median over ROUNDS calls):
//   service.fanout.p50, .p99, .max        ms from the staff's POST to each display's answer
//   service.fanout.kib_per_display       (the service's PSS with every display waiting - PSS before) / n
// A display that is not parked, or gets no answer or the wrong call, fails the run.
//
//   bench_service_fanout DISPLAYS ROUNDS   (WIJKKIOSK_BIN_DIR: where wijkqueue is)
#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "figures.hpp"
#include "proc_stats.hpp"
#include "support/http_client.hpp"
#include "support/raw_client.hpp"
#include "support/wijkqueue.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using wk::test::Wijkqueue;

// Thrown, not exit(): the service and its database made for the run are stopped on the way out.
[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error(what);
}

size_t append(char* data, size_t size, size_t n, void* to) {
  static_cast<std::string*>(to)->append(data, size * n);
  return size * n;
}

struct Display {
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  std::string body;
  double answered_ms = -1;
};

// How many long-polls the service holds now (/metrics, admin).
long waiting(const Wijkqueue& wq) {
  const auto r = wk::test::http_request("GET", wq.url("/metrics"), wq.ca_file(), wq.admin_token());
  const std::string key = "\nwijkqueue_long_polls_waiting ";
  const auto at = r.body.find(key);
  if (r.status != 200 || at == std::string::npos) fail("/metrics answered " + std::to_string(r.status));
  return std::atol(r.body.c_str() + at + key.size());
}

// Drives the transfers for up to `ms`; hands each finished one to `done`.
template <typename Done>
void drive(CURLM* multi, int ms, Done done) {
  int running = 0;
  curl_multi_perform(multi, &running);
  curl_multi_poll(multi, nullptr, 0, ms, nullptr);
  curl_multi_perform(multi, &running);
  int left = 0;
  while (CURLMsg* m = curl_multi_info_read(multi, &left))
    if (m->msg == CURLMSG_DONE) done(m->easy_handle, m->data.result);
}

std::string ticket_body(const Wijkqueue& wq, int n) {
  char id[40], token[40], code[16];
  std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", n);
  std::snprintf(token, sizeof token, "publicTokenForFanout%08d", n);
  std::snprintf(code, sizeof code, "W-%03d", n + 1);
  // Older ticket first, so "next" calls them in this order.
  return nlohmann::json{{"id", id},
                        {"code", code},
                        {"topic", "werk"},
                        {"language", "nl"},
                        {"created_at", wk::to_rfc3339(wq.now() - 600'000 + n * 1000LL)},
                        {"public_token", token}}
      .dump();
}

}  // namespace

int main(int argc, char** argv) try {
  if (argc < 3) fail("usage: bench_service_fanout DISPLAYS ROUNDS");
  const int displays = std::max(4, std::atoi(argv[1]));
  const int rounds = std::max(1, std::atoi(argv[2]));
  wk::test::raise_open_file_limit();
  curl_global_init(CURL_GLOBAL_DEFAULT);

  wk::test::WijkqueueOptions o;
  // A thousand TLS handshakes at once on a busy 2-core machine can outlast the 15 s a whole request
  // must arrive in (the slow-client defence cuts such a connection): what is measured here is the
  // fan-out, so the deadline is longer.
  o.serve_args = {"--max-per-address",    std::to_string(displays + 200),
                  "--max-connections",    std::to_string(displays + 1000),
                  "--request-deadline-s", "120"};
  o.start = false;
  Wijkqueue wq(o);
  // Four long-polls per display device are allowed (LongPollBoard): a device for every four displays.
  std::vector<std::string> tokens = {wq.display_token()};
  while (static_cast<int>(tokens.size()) * 4 < displays)
    tokens.push_back(wq.add_device("display", wq.location()));
  wq.start();
  const auto login = wk::test::http_request(
      "POST", wq.url("/v1/login"), wq.ca_file(), {},
      nlohmann::json{
          {"location", wq.location()}, {"user", wq.staff_user()}, {"password", wq.staff_password()}}
          .dump());
  if (login.status != 200) fail("staff login answered " + std::to_string(login.status));
  const std::string staff = nlohmann::json::parse(login.body)["token"].get<std::string>();
  for (int n = 0; n < rounds; ++n) {
    const auto r = wk::test::http_request("POST", wq.url("/v1/tickets"), wq.ca_file(), wq.kiosk_token(),
                                          ticket_body(wq, n));
    if (r.status != 201) fail("a ticket POST answered " + std::to_string(r.status) + ": " + r.body);
  }
  const auto calls = wk::test::http_request("GET", wq.url("/v1/calls?after=0"), wq.ca_file(), tokens[0]);
  if (calls.status != 200) fail("GET /v1/calls answered " + std::to_string(calls.status));
  std::int64_t seq = nlohmann::json::parse(calls.body)["last_seq"].get<std::int64_t>();

  std::this_thread::sleep_for(std::chrono::seconds(1));  // settle before the idle reading
  const auto before = wk::bench::memory_of(wq.pid());
  if (!before) fail("the service is gone");

  CURLM* multi = curl_multi_init();
  curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, static_cast<long>(displays + 10));  // keep every connection
  std::vector<Display> screens(static_cast<std::size_t>(displays));
  for (std::size_t i = 0; i < screens.size(); ++i) {
    Display& d = screens[i];
    d.easy = curl_easy_init();
    d.headers = curl_slist_append(nullptr, ("Authorization: Bearer " + tokens[i / 4]).c_str());
    curl_easy_setopt(d.easy, CURLOPT_CAINFO, wq.ca_file().c_str());
    curl_easy_setopt(d.easy, CURLOPT_HTTPHEADER, d.headers);
    curl_easy_setopt(d.easy, CURLOPT_WRITEFUNCTION, append);
    curl_easy_setopt(d.easy, CURLOPT_WRITEDATA, &d.body);
    curl_easy_setopt(d.easy, CURLOPT_CONNECTTIMEOUT, 240L);  // a handshake storm on a busy machine is slow
    curl_easy_setopt(d.easy, CURLOPT_PRIVATE, &d);
  }
  std::string called;
  long called_status = 0;
  CURL* desk = curl_easy_init();
  const std::string desk_auth = "Authorization: Bearer " + staff;
  curl_slist* desk_headers = curl_slist_append(nullptr, desk_auth.c_str());
  desk_headers = curl_slist_append(desk_headers, "Content-Type: application/json");
  curl_easy_setopt(desk, CURLOPT_URL, wq.url("/v1/desks/1/next").c_str());
  curl_easy_setopt(desk, CURLOPT_CAINFO, wq.ca_file().c_str());
  curl_easy_setopt(desk, CURLOPT_HTTPHEADER, desk_headers);
  curl_easy_setopt(desk, CURLOPT_POSTFIELDS, "{}");
  curl_easy_setopt(desk, CURLOPT_WRITEFUNCTION, append);
  curl_easy_setopt(desk, CURLOPT_WRITEDATA, &called);

  std::vector<double> p50s, p99s, maxes;
  double kib_per_display = 0;
  for (int round = 0; round < rounds; ++round) {
    const std::string url = wq.url("/v1/calls?after=" + std::to_string(seq) + "&wait=30");
    for (Display& d : screens) {
      d.body.clear();
      d.answered_ms = -1;
      curl_easy_setopt(d.easy, CURLOPT_URL, url.c_str());
      curl_multi_add_handle(multi, d.easy);
    }
    // Every display waits: the service holds them all (nothing may come back before the call).
    // A display whose 30 s wait ended while the others were still connecting asks again, as a display
    // does; anything else before the call is a failure.
    const auto early = [multi](CURL* e, CURLcode rc) {
      long status = 0;
      curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
      char* mine = nullptr;
      curl_easy_getinfo(e, CURLINFO_PRIVATE, &mine);
      Display* d = reinterpret_cast<Display*>(mine);
      const auto j = nlohmann::json::parse(d->body, nullptr, false);
      if (rc != CURLE_OK || status != 200 || j.is_discarded() || !j["calls"].empty())
        fail(std::string("a display was answered before any call (cut by the service?): ") +
             curl_easy_strerror(rc) + ", HTTP " + std::to_string(status));
      d->body.clear();
      curl_multi_remove_handle(multi, e);
      curl_multi_add_handle(multi, e);
    };
    const auto parked_by = Clock::now() + std::chrono::seconds(240);
    for (auto next_look = Clock::now();;) {
      drive(multi, 20, early);
      if (Clock::now() < next_look) continue;
      if (waiting(wq) >= displays) break;
      if (Clock::now() > parked_by) fail("not every display was waiting after 240 s");
      next_look = Clock::now() + std::chrono::milliseconds(200);
    }
    if (round == 0) {
      const auto parked = wk::bench::memory_of(wq.pid());
      if (!parked) fail("the service is gone");
      kib_per_display = static_cast<double>(parked->pss_kib - before->pss_kib) / displays;
    }

    called.clear();
    const auto t0 = Clock::now();
    curl_multi_add_handle(multi, desk);
    int answered = 0;
    bool desk_done = false;
    const auto answered_by = t0 + std::chrono::seconds(60);
    while (answered < displays || !desk_done) {
      drive(multi, 100, [&](CURL* e, CURLcode rc) {
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        long status = 0;
        curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
        if (rc != CURLE_OK) fail(std::string("a transfer failed: ") + curl_easy_strerror(rc));
        curl_multi_remove_handle(multi, e);
        if (e == desk) {
          called_status = status;
          desk_done = true;
          return;
        }
        char* mine = nullptr;
        curl_easy_getinfo(e, CURLINFO_PRIVATE, &mine);
        Display* d = reinterpret_cast<Display*>(mine);
        if (status != 200) fail("a display's long-poll answered " + std::to_string(status));
        d->answered_ms = ms;
        ++answered;
      });
      if (Clock::now() > answered_by)
        fail(std::to_string(answered) + " of " + std::to_string(displays) +
             " displays had the call after 60 s");
    }
    if (called_status != 200) fail("POST /v1/desks/1/next answered " + std::to_string(called_status));
    const std::string code = nlohmann::json::parse(called)["code"].get<std::string>();
    std::vector<double> ms;
    for (const Display& d : screens) {
      const auto j = nlohmann::json::parse(d.body, nullptr, false);
      if (j.is_discarded() || j["calls"].size() != 1 || j["calls"][0]["code"] != code)
        fail("a display got another answer than the call of " + code);
      ms.push_back(d.answered_ms);
    }
    seq = nlohmann::json::parse(screens[0].body)["last_seq"].get<std::int64_t>();
    p50s.push_back(wk::bench::percentile(ms, 0.50));
    p99s.push_back(wk::bench::percentile(ms, 0.99));
    maxes.push_back(*std::max_element(ms.begin(), ms.end()));
    std::printf("fan-out round %d: %d displays, p50 %.1f ms, p99 %.1f ms, max %.1f ms\n", round + 1, displays,
                p50s.back(), p99s.back(), maxes.back());
  }
  for (Display& d : screens) {
    curl_easy_cleanup(d.easy);
    curl_slist_free_all(d.headers);
  }
  curl_easy_cleanup(desk);
  curl_slist_free_all(desk_headers);
  curl_multi_cleanup(multi);
  curl_global_cleanup();

  wk::bench::figure("service.fanout.p50", wk::bench::median(p50s), "ms");
  wk::bench::figure("service.fanout.p99", wk::bench::median(p99s), "ms");
  wk::bench::figure("service.fanout.max", wk::bench::median(maxes), "ms");
  wk::bench::figure("service.fanout.kib_per_display", kib_per_display, "KiB");
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "bench: fan-out: %s\n", e.what());
  return 1;
}
