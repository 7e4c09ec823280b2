#include "figures.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

namespace wk::bench {

void figure(std::string_view name, double value, std::string_view unit) {
  const char* run = std::getenv("BENCH_RUN");
  const char* out = std::getenv("BENCH_OUT");
  std::printf("  %-44.*s %12.4g %.*s\n", static_cast<int>(name.size()), name.data(), value,
              static_cast<int>(unit.size()), unit.data());
  std::fflush(stdout);
  if (!out || !*out) return;  // run by hand: printed only
  std::ofstream tsv(std::string(out) + "/figures.tsv", std::ios::app);
  char number[64];
  std::snprintf(number, sizeof number, "%.6g", std::isfinite(value) ? value : 0.0);
  tsv << (run && *run ? run : "1") << '\t' << name << '\t' << number << '\t' << unit << '\n';
}

double percentile(std::vector<double> samples, double q) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  // Nearest rank: the smallest sample with at least q of them at or below it.
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(samples.size())));
  return samples[std::clamp<std::size_t>(rank, 1, samples.size()) - 1];
}

double median(std::vector<double> samples) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  const std::size_t n = samples.size();
  return n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
}

}  // namespace wk::bench
