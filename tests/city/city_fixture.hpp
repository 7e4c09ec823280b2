#pragma once
// Three wijkqueue instances on one PostgreSQL database, as a city runs them behind one address: a real
// server of the test's own (durable: fsync on), the first instance set up as any test's Wijkqueue, and
// two more serving the same directory (another_instance_of). Helpers that count what the database holds.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "service/queue_test_helpers.hpp"
#include "service/volunteer_test_helpers.hpp"
#include "support/postgres_cluster.hpp"
#include "support/wijkqueue.hpp"

namespace wk::test {

class CityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pg = std::make_unique<PostgresCluster>();
    pg->create_database("city");
    WijkqueueOptions o = volunteer_service();  // the test location, with volunteers' interests
    o.database_url = pg->url("city");
    instances.push_back(std::make_unique<Wijkqueue>(o));
    for (int i = 1; i < 3; ++i)
      instances.push_back(std::make_unique<Wijkqueue>(another_instance_of(*instances[0])));
  }
  void TearDown() override {
    instances.clear();  // the instances before their database
    pg.reset();
  }

  Wijkqueue& at(std::size_t i) { return *instances[i % instances.size()]; }
  // One number out of the city's database.
  long long count(const std::string& sql) {
    const RunResult r = pg->psql(sql, "city");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return std::stoll(r.out);
  }

  std::unique_ptr<PostgresCluster> pg;
  std::vector<std::unique_ptr<Wijkqueue>> instances;
};

// Ticket n of a test: a code of its own ("W-001", "S-001", "A-001", "W-002", ...), so any twin is a fault.
inline nlohmann::json city_ticket(const Wijkqueue& wq, int n) {
  static const char* topics[] = {"werk", "schulden", "anders"};
  static const char letters[] = {'W', 'S', 'A'};
  char code[16];
  std::snprintf(code, sizeof code, "%c-%03d", letters[n % 3], n / 3 + 1);
  return ticket_now(wq, n + 1, code, topics[n % 3], 0);
}

}  // namespace wk::test
