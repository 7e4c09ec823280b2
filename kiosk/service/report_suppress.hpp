#pragma once
// Internal to the reports engine: small-cell suppression over cells that still hold their true values.
// build_report() fills every Cell with its count, names the groups a reader could subtract in, and calls
// suppress(), which decides the `suppressed` flags and then zeroes every suppressed value. The rules and
// why: docs/reports.md, "Small cells".
#include <vector>

#include "service/report.hpp"

namespace wk::service::report {

// A total published together with parts of it. `exhaustive`: the parts add up to the total (topics,
// languages, hours); otherwise they are some of what the total holds (no-shows and expired among a
// topic's tickets) or overlap (one registration names several interests). Both get the same rules: a
// part that is not exhaustive still gives bounds by subtraction (total - the others <= it), and together
// with "< 5" a bound can pin a value down.
struct Group {
  Cell* total = nullptr;
  std::vector<Cell*> parts;
  bool exhaustive = true;
};

// Primary: every cell of 1..4 is suppressed (0 is shown: an empty hour or a topic nobody came for is no
// one's data). Secondary, repeated until nothing changes, per group:
//  - a suppressed total suppresses all its parts, zeros too: a part can never be shown finer than its
//    whole, and zeros beside a "< 5" total would say where those few were;
//  - with a published total, the suppressed parts add up to a published number S (the total minus the
//    shown parts). While exactly one part is suppressed (S is that part), or S is 1..4 (a small count
//    again), or S is 4 x their number (each must then be 4), the smallest shown part joins them (a
//    non-zero one first: hiding a 0 beside a count protects less).
// `cells`: every cell of the report, so the last step can zero the value of each suppressed one.
void suppress(const std::vector<Cell*>& cells, const std::vector<Group>& groups);

// Whether a reader can work out a suppressed part of `group` from published cells only (values of hidden
// cells are 0 there): the check the tests run on output. For a group that is not exhaustive, only "never
// exactly one hidden part" can be checked from outside.
bool group_is_safe(const Group& group);

}  // namespace wk::service::report
