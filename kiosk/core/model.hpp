#pragma once
// The shape of every role's model: update(state, event, inputs) -> {state, effects}. The state is the
// whole truth of the screen; the effects are what the shell's adapters do next, answered with events.
#include <vector>

namespace wk {

template <class State, class Effect>
struct ModelUpdate {
  State state;
  std::vector<Effect> effects;
};

}  // namespace wk
