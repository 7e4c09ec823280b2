#pragma once
// The service database of a store test or of a test's Wijkqueue, on the backend the suite runs on.
// A new, empty service database for a store test, on the backend the suite runs on: a SQLite file in
// `dir`, or with WIJKKIOSK_TEST_DB=postgres a fresh PostgreSQL database (support/test_database.hpp).
#include <memory>

#include "store/service_db.hpp"
#include "support/temp_dir.hpp"
#include "support/test_database.hpp"
#include "support/wijkqueue.hpp"

namespace wk::test {

inline Result<std::unique_ptr<store::ServiceDb>> fresh_service_db(const TempDir& dir) {
  if (testing_postgres())
    return store::ServiceDb::open_postgres({fresh_postgres_database(), "", 4}, store::OpenMode::create_new);
  return store::ServiceDb::open(dir.file("wijkqueue.db"), store::OpenMode::create_new);
}

// The test service's database, opened beside it as the CLI would: SQLite's file or PostgreSQL's.
inline Result<std::unique_ptr<store::ServiceDb>> open_database_of(const Wijkqueue& wq) {
  if (wq.on_postgres())
    return store::ServiceDb::open_postgres({wq.db_url(), "", 1}, store::OpenMode::existing);
  return store::ServiceDb::open(wq.db_file(), store::OpenMode::existing);
}

}  // namespace wk::test
