#pragma once
// Which database backend the service's tests run on. The suite is one set of tests; ctest runs it twice:
// as it is (SQLite, wijkqueue's default) and with WIJKKIOSK_TEST_DB=postgres, where every Wijkqueue and
// every store test gets a fresh database of its own on one throwaway PostgreSQL server that this test
// process starts at its first use and removes at its exit (support/postgres_cluster.hpp).
#include <string>

namespace wk::test {

bool testing_postgres();
// A new, empty database on the process's PostgreSQL server: its URL (no password needed: the server's
// own socket). Throws unless testing_postgres().
std::string fresh_postgres_database();
// Drops a database fresh_postgres_database() made (its connections are ended first).
void drop_postgres_database(const std::string& url);
// psql -c on a database fresh_postgres_database() made: its output, unaligned and tuples only.
std::string postgres_query(const std::string& url, const std::string& sql);
// pg_dump of that database, data included: what a backup of it holds.
std::string postgres_dump(const std::string& url);

}  // namespace wk::test
