// /proc figures for the shell parts of the benchmark (bench/*/run.sh), read by the same code the C++
// drivers use:
//   bench_proc tree PID [--match STR]   the process and its descendants (and STR's matches), one per line
//   bench_proc pss PID...               summed PSS in KiB ("pss anon file")
//   bench_proc cpu PID...               summed CPU seconds (user + system)
//   bench_proc wakeups PID...           summed voluntary context switches
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "proc_stats.hpp"

int main(int argc, char** argv) {
  using namespace wk::bench;
  if (argc < 3) {
    std::fprintf(stderr,
                 "usage: bench_proc tree PID [--match STR] | pss PID... | cpu PID... | wakeups PID...\n");
    return 2;
  }
  const std::string what = argv[1];
  if (what == "tree") {
    const std::string match = argc > 4 && std::string(argv[3]) == "--match" ? argv[4] : "";
    for (pid_t pid : process_tree(std::atoi(argv[2]), match)) std::printf("%d\n", pid);
    return 0;
  }
  std::vector<pid_t> pids;
  for (int i = 2; i < argc; ++i) pids.push_back(std::atoi(argv[i]));
  if (what == "pss") {
    ProcMemory sum;
    for (pid_t pid : pids)
      if (auto m = memory_of(pid)) {
        sum.pss_kib += m->pss_kib;
        sum.pss_anon_kib += m->pss_anon_kib;
        sum.pss_file_kib += m->pss_file_kib;
      }
    std::printf("%ld %ld %ld\n", sum.pss_kib, sum.pss_anon_kib, sum.pss_file_kib);
  } else if (what == "cpu") {
    double s = 0;
    for (pid_t pid : pids) s += cpu_seconds_of(pid);
    std::printf("%.3f\n", s);
  } else if (what == "wakeups") {
    long n = 0;
    for (pid_t pid : pids) n += wakeups_of(pid);
    std::printf("%ld\n", n);
  } else {
    std::fprintf(stderr, "bench_proc: unknown '%s'\n", what.c_str());
    return 2;
  }
  return 0;
}
