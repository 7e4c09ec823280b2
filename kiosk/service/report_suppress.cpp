// Small-cell suppression (see report_suppress.hpp for the rules, docs/reports.md for why).
#include "service/report_suppress.hpp"

namespace wk::service::report {

namespace {

// The shown cell to hide next in a group: the smallest non-zero one, else a zero one; null when every
// part is hidden already. Ties go to the first, so the same data always gives the same report.
Cell* next_to_hide(const Group& g) {
  Cell* best = nullptr;
  for (Cell* c : g.parts) {
    if (c->suppressed) continue;
    if (best == nullptr) {
      best = c;
      continue;
    }
    const bool c_better =
        (c->value > 0 && best->value == 0) || ((c->value > 0) == (best->value > 0) && c->value < best->value);
    if (c_better) best = c;
  }
  return best;
}

// What a reader learns of the hidden parts of a group with a shown total: how many, and their sum.
struct Hidden {
  std::int64_t count = 0, sum = 0;
};

Hidden hidden_of(const Group& g) {
  Hidden h;
  for (const Cell* c : g.parts)
    if (c->suppressed) {
      ++h.count;
      h.sum += c->value;
    }
  return h;
}

bool hidden_give_away(const Hidden& h) {
  if (h.count == 0) return false;
  return h.count == 1 || (h.sum > 0 && h.sum < kMinCell) || h.sum == (kMinCell - 1) * h.count;
}

// One pass over one group; true when it changed something.
bool step(const Group& g) {
  if (g.total->suppressed) {
    bool changed = false;
    for (Cell* c : g.parts)
      if (!c->suppressed) c->suppressed = changed = true;
    return changed;
  }
  if (!hidden_give_away(hidden_of(g))) return false;
  Cell* next = next_to_hide(g);
  if (next == nullptr) return false;  // all hidden: only the total shows, as it must
  next->suppressed = true;
  return true;
}

}  // namespace

void suppress(const std::vector<Cell*>& cells, const std::vector<Group>& groups) {
  for (Cell* c : cells)
    if (c->value > 0 && c->value < kMinCell) c->suppressed = true;
  // Each pass hides at least one more cell or ends, so this ends after at most cells.size() passes.
  for (bool changed = true; changed;) {
    changed = false;
    for (const Group& g : groups) changed = step(g) || changed;
  }
  for (Cell* c : cells)
    if (c->suppressed) c->value = 0;
}

}  // namespace wk::service::report
