#include "support/test_database.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "support/postgres_cluster.hpp"

namespace wk::test {
namespace {

// fsync off: these tests are about what the service does, not about the server's durability (the
// multi-instance and restart tests make clusters of their own for that).
PostgresCluster& shared_cluster() {
  static std::once_flag once;
  static std::unique_ptr<PostgresCluster> cluster;
  std::call_once(once, [] {
    PostgresOptions o;
    o.fast = true;
    cluster = std::make_unique<PostgresCluster>(o);
  });
  return *cluster;
}

std::string name_of(const std::string& url) {
  const auto slash = url.find("@/");
  const auto q = url.find('?', slash);
  if (slash == std::string::npos || q == std::string::npos)
    throw std::logic_error("not a test database: " + url);
  return url.substr(slash + 2, q - slash - 2);
}

}  // namespace

bool testing_postgres() {
  const char* v = std::getenv("WIJKKIOSK_TEST_DB");
  return v != nullptr && std::string(v) == "postgres";
}

std::string fresh_postgres_database() {
  if (!testing_postgres())
    throw std::logic_error("fresh_postgres_database() without WIJKKIOSK_TEST_DB=postgres");
  static std::atomic<int> next{1};
  PostgresCluster& c = shared_cluster();
  const std::string name = "wq_" + std::to_string(::getpid()) + "_" + std::to_string(next++);
  c.create_database(name);
  return c.url(name);
}

void drop_postgres_database(const std::string& url) {
  const RunResult r = shared_cluster().psql("DROP DATABASE IF EXISTS \"" + name_of(url) + "\" WITH (FORCE)");
  if (r.exit_code != 0) throw std::runtime_error("DROP DATABASE failed: " + r.err);
}

std::string postgres_query(const std::string& url, const std::string& sql) {
  const RunResult r = shared_cluster().psql(sql, name_of(url));
  if (r.exit_code != 0) throw std::runtime_error("psql failed: " + r.err + " for " + sql);
  return r.out;
}

std::string postgres_dump(const std::string& url) {
  PostgresCluster& c = shared_cluster();
  const RunResult r = run_command({c.bin_dir() + "/pg_dump", "--no-owner", "-d", c.conninfo(name_of(url))});
  if (r.exit_code != 0) throw std::runtime_error("pg_dump failed: " + r.err);
  return r.out;
}

}  // namespace wk::test
