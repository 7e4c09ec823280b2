// bench_micro: the small pieces of work inside the kiosk's tap and frame and the service's report answer,
// timed by Google Benchmark (run.sh turns its medians into micro.* figures; budgets in budgets.tsv).
//
//   bench_micro [--benchmark_...] [--city_db=PATH]    (PATH: bench_seed_city's database; without it the
//                                                      report cases are left out)
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>

#include "report_cases.hpp"

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  std::string city_db;
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--city_db=", 0) == 0)
      city_db = arg.substr(10);
    else
      argv[kept++] = argv[i];
  }
  argc = kept;
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  if (!city_db.empty())
    if (auto registered = wk::bench::micro::register_report_cases(city_db); !registered) {
      std::fprintf(stderr, "bench_micro: the city %s: %s\n", city_db.c_str(),
                   wk::to_string(registered.error()).c_str());
      return 1;
    }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
