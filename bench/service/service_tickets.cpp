// Ticket POSTs over TLS with keep-alive from 8 concurrent clients (each its own connection, as 8 kiosks
// would hold), against the real wijkqueue: SQLite, PostgreSQL with one instance, PostgreSQL with three
// (the clients spread over them). Records tickets per second and latency p50/p99 as figures
// service.{sqlite,pg1,pg3}.{tps,p50,p99} (bench/common/figures.hpp); asserts nothing about timings, but a
// failed POST, or a client that opened more than its one connection, fails the run.
//
// PostgreSQL's peer, on the same cluster right after the service's run: pgbench (8 clients, like the 8
// kiosks) inserting ticket-sized rows into a copy of the service's tickets table -> raw.pg1.tps; and the
// same with one client -> raw.pg1.tps_1client, since the service takes a location's tickets one after the
// other (an advisory lock per location, store/service_db.hpp) and so never gets PostgreSQL's group commit.
// Usage: bench_service_tickets [TICKETS_PER_CLIENT [PGBENCH_SECONDS]]   (WIJKKIOSK_BIN_DIR: wijkqueue's dir)
#include <curl/curl.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "figures.hpp"
#include "support/postgres_cluster.hpp"
#include "support/wijkqueue.hpp"
#include "ticket_poster.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using wk::test::Wijkqueue;

constexpr int kClients = 8;

std::string ticket_json(const Wijkqueue& wq, int n) {
  static const char* topics[] = {"werk", "schulden", "anders"};
  static const char letters[] = {'W', 'S', 'A'};
  char id[40], token[40], code[16];
  std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", n);
  std::snprintf(token, sizeof token, "publicTokenForBench%09d", n);
  std::snprintf(code, sizeof code, "%c-%03d", letters[n % 3], n / 3 % 999 + 1);
  return std::string("{\"id\":\"") + id + "\",\"code\":\"" + code + "\",\"topic\":\"" + topics[n % 3] +
         "\",\"language\":\"nl\",\"created_at\":\"" + wk::to_rfc3339(wq.now()) + "\",\"public_token\":\"" +
         token + "\"}";
}

struct Figures {
  double per_s = 0, p50_ms = 0, p99_ms = 0;
  int failed = 0;
  long connects = 0;  // connections the clients opened: one each when keep-alive works
};

// Client c posts its tickets to instances[c % size], over one kept-alive connection.
Figures run(const std::vector<Wijkqueue*>& instances, int per_client, int first_n) {
  std::vector<std::vector<double>> lat(kClients);
  std::atomic<int> failed{0};
  std::atomic<long> connects{0};
  const auto t0 = Clock::now();
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c)
    clients.emplace_back([&, c] {
      Wijkqueue& wq = *instances[static_cast<std::size_t>(c) % instances.size()];
      wk::bench::TicketPoster poster(wq.url("/v1/tickets"), wq.ca_file(), wq.kiosk_token());
      for (int i = 0; i < per_client; ++i) {
        const std::string body = ticket_json(wq, first_n + c * per_client + i);
        const auto s = Clock::now();
        const long status = poster.post(body);
        lat[static_cast<std::size_t>(c)].push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - s).count());
        if (status != 201) ++failed;
      }
      connects += poster.connects();
    });
  for (auto& t : clients) t.join();
  const double took = std::chrono::duration<double>(Clock::now() - t0).count();
  std::vector<double> all;
  for (const auto& l : lat) all.insert(all.end(), l.begin(), l.end());
  Figures f;
  f.per_s = static_cast<double>(all.size()) / took;
  f.p50_ms = wk::bench::percentile(all, 0.50);
  f.p99_ms = wk::bench::percentile(all, 0.99);
  f.failed = failed;
  f.connects = connects;
  return f;
}

// A run with failed POSTs, or without keep-alive, is no figure: it says so and the program fails.
void record(const std::string& name, const Figures& f) {
  if (f.failed) {
    throw std::runtime_error(name + ": " + std::to_string(f.failed) + " ticket POSTs failed");
  }
  if (f.connects != kClients) {
    throw std::runtime_error(name + ": the " + std::to_string(kClients) + " clients opened " +
                             std::to_string(f.connects) + " connections, not one each (no keep-alive?)");
  }
  wk::bench::figure("service." + name + ".tps", f.per_s, "tickets/s");
  wk::bench::figure("service." + name + ".p50", f.p50_ms, "ms");
  wk::bench::figure("service." + name + ".p99", f.p99_ms, "ms");
}

// pgbench's "tps = N (without initial connection time)".
double pgbench_tps(const wk::test::PostgresCluster& pg, int clients, int seconds, const std::string& script) {
  const auto r = wk::test::run_command(
      {pg.bin_dir() + "/pgbench", "-n", "-c", std::to_string(clients), "-j",
       std::to_string(std::min(clients, 2)), "-T", std::to_string(seconds), "-f", script, "-h",
       pg.socket_dir(), "-p", std::to_string(pg.port()), "-U", pg.user(), "bench"},
      {}, std::chrono::seconds(seconds + 60));
  const auto at = r.out.find("tps = ");
  if (r.exit_code != 0 || at == std::string::npos ||
      r.out.find("failed transactions: 0 ") == std::string::npos) {
    throw std::runtime_error("pgbench failed (" + std::to_string(r.exit_code) + "):\n" + r.out + r.err);
  }
  return std::atof(r.out.c_str() + at + 6);
}

// Durable inserts of ticket-sized rows into a copy of the service's tickets table (its indexes too), each
// its own transaction, as the service commits a ticket.
void raw_postgres(const wk::test::PostgresCluster& pg, int seconds, const std::string& dir) {
  const auto made =
      pg.psql("CREATE TABLE raw_tickets (LIKE tickets INCLUDING ALL); CREATE SEQUENCE raw_seq;", "bench");
  if (made.exit_code != 0) {
    throw std::runtime_error("raw_tickets: " + made.err);
  }
  const std::string script = dir + "/insert.sql";
  wk::test::write_file(
      script,
      "INSERT INTO raw_tickets (id, location, code, topic, language, created_at, public_token, "
      "local_day, number, body_hash, status, received_at, device_id, issued_topic, code_twin) "
      "SELECT '00000000-0000-4000-8000-' || lpad(n::text, 12, '0'), 'centrum', 'W-' || n, "
      "'werk', 'nl', 1795000000000 + n, 'publicTokenForRawPg' || lpad(n::text, 9, '0'), "
      "'2026-11-24', n, repeat('a', 64), 'waiting', 1795000000000 + n, repeat('d', 36), "
      "'werk', 0 FROM nextval('raw_seq') AS n;\n");
  wk::bench::figure("raw.pg1.tps", pgbench_tps(pg, kClients, seconds, script), "tickets/s");
  wk::bench::figure("raw.pg1.tps_1client", pgbench_tps(pg, 1, seconds, script), "tickets/s");
}

}  // namespace

int main(int argc, char** argv) try {
  const int per_client = argc > 1 ? std::atoi(argv[1]) : 500;
  const int pgbench_s = argc > 2 ? std::max(1, std::atoi(argv[2])) : 10;
  curl_global_init(CURL_GLOBAL_DEFAULT);
  std::printf("wijkqueue: ticket POSTs over TLS, keep-alive, %d clients x %d tickets, %u cores\n", kClients,
              per_client, std::thread::hardware_concurrency());
  {
    Wijkqueue wq;
    run({&wq}, 50, 1'000'000);  // warm-up
    record("sqlite", run({&wq}, per_client, 0));
  }
  {
    wk::test::PostgresCluster pg;  // durable: fsync and synchronous_commit on, as a city runs it
    pg.create_database("bench");
    wk::test::WijkqueueOptions o;
    o.database_url = pg.url("bench");
    Wijkqueue a(o);
    run({&a}, 50, 1'000'000);
    record("pg1", run({&a}, per_client, 0));
    Wijkqueue b(wk::test::another_instance_of(a)), c(wk::test::another_instance_of(a));
    record("pg3", run({&a, &b, &c}, per_client, 100'000));
    raw_postgres(pg, pgbench_s, pg.dir());
  }
  curl_global_cleanup();
  return 0;
} catch (const std::exception& e) {
  // Thrown, so the services and the cluster made for the run were stopped on the way here.
  std::fprintf(stderr, "bench: service tickets: %s\n", e.what());
  return 1;
}
