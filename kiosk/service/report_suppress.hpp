#pragma once
// Internal to the reports engine: small-cell suppression over cells that still hold their true values.
// build_report() fills every Cell with its count, names the groups a reader could subtract in, and calls
// suppress(), which decides the `suppressed` flags and then zeroes every suppressed value. The rules and
// why: docs/reports.md, "Small cells".
#include <vector>

#include "service/report.hpp"

namespace wk::service::report {

// A total published together with parts of it. The parts may add up to the total (topics, languages,
// hours), be some of what it holds (no-shows and expired among a topic's tickets) or overlap (one
// registration names several interests). All get the same rules: parts that do not add up still give
// bounds by subtraction (a part >= total - the others), and together with "< 5" a bound can pin a value
// down. Where a reader cannot compute S below, the true S is used all the same: the cautious side.
struct Group {
  Cell* total = nullptr;
  std::vector<Cell*> parts;
};

// Primary: every cell of 1..4 is suppressed (0 is shown: an empty hour or a topic nobody came for is no
// one's data). Secondary, repeated until nothing changes, per group:
//  - a suppressed total suppresses all its parts, zeros too: a part can never be shown finer than its
//    whole, and zeros beside a "< 5" total would say where those few were;
//  - with a published total, the suppressed parts add up to a published number S (the total minus the
//    shown parts). While exactly one part is suppressed (S is that part), or S is 1..4 (a small count
//    again), or S is 4 x their number (each must then be 4), the smallest shown part joins them (a
//    non-zero one first: hiding a 0 beside a count protects less). S = 0 says only that the hidden
//    parts are all empty, which is no one's data.
// `cells`: every cell of the report, so the last step can zero the value of each suppressed one.
void suppress(const std::vector<Cell*>& cells, const std::vector<Group>& groups);

}  // namespace wk::service::report
