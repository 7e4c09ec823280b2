// The report cases need the seeded city (bench_seed_city), so they are registered at run time, once the
// database is known to hold it.
#pragma once

#include <string>

#include "core/result.hpp"

namespace wk::bench::micro {

// Opens the city's service database and registers the report/* cases over it.
Result<void> register_report_cases(const std::string& city_db);

}  // namespace wk::bench::micro
