#pragma once
// Inside the counter's model only (counter_model.cpp, counter_volunteers.cpp, counter_callbacks.cpp): how a
// part of the model takes an event, and the parts that live in files of their own. Not for the screens or the
// workers.
#include <optional>
#include <utility>
#include <variant>
#include <vector>

#include "core/counter.hpp"
#include "core/overloaded.hpp"

namespace wk::counter::parts {

// Another part's event: this part leaves it, and the state, alone. (A function, not a generic lambda's
// `return Update{}`, which made GCC 12 crash.)
inline Update not_mine(bool& mine) {
  mine = false;
  return Update{CounterState{}, {}};
}

// A part's handlers applied to the event when one of them takes it; none when it is another part's.
template <class... Handlers>
std::optional<Update> take(const Event& event, Handlers... handlers) {
  bool mine = true;
  Update u = std::visit(Overloaded{handlers..., [&](const auto&) { return not_mine(mine); }}, event);
  if (!mine) return std::nullopt;
  return u;
}

inline Update done(CounterState s, std::vector<Effect> fx = {}) {
  return {std::move(s), std::move(fx)};
}

// The volunteers tab (counter_volunteers.cpp).
std::optional<Update> reduce_volunteers(CounterState& s, const Event& event, const Inputs& in);
// Back to the queue: a ticket was called to this desk, or the staff member chose it. The rows go from
// memory: they are loaded again when the tab opens.
void show_queue(CounterState& s);

// The call-back tab (counter_callbacks.cpp).
std::optional<Update> reduce_callbacks(CounterState& s, const Event& event, const Inputs& in);
// Opens the tab (or shows it afresh): the list is asked for.
Update open_callbacks(CounterState s);
// Leaves the tab: its rows, and the numbers in them, go from memory.
void leave_callbacks(CounterState& s);
// Asks for the open tab's list again when nothing is awaited (after a queue refresh).
void refresh_callbacks(Update& u);

}  // namespace wk::counter::parts
