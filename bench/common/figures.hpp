// The one contract between the benchmark parts and the table (bench/run.sh, bench_table): every figure is a
// line "run<TAB>name<TAB>value<TAB>unit" appended to $BENCH_OUT/figures.tsv, where run is $BENCH_RUN. The
// table takes the median over the runs; budgets and peers live in each part's budgets.tsv.
#pragma once

#include <string_view>
#include <vector>

namespace wk::bench {

// Records one figure (and prints it, so a part run by hand shows what it measured).
void figure(std::string_view name, double value, std::string_view unit);

// Nearest-rank percentile of the samples (q in 0..1); 0 when there are none.
double percentile(std::vector<double> samples, double q);

// The median, as the table computes it: the middle one, or the mean of the middle two.
double median(std::vector<double> samples);

}  // namespace wk::bench
