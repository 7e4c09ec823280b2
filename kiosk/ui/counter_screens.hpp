#pragma once
// The staff counter's screens in a normal desktop window, keyboard first: the login form, then the queue
// per topic, the desk's topic filter, "call next", the ticket at the desk with its actions, call by code.
// They draw core's CounterState and turn clicks and Enter into core's events; F1-F4 are mapped by the
// app from the SDL keys to the same events. No rule lives here (what may be pressed comes from core).
#include <map>
#include <string>
#include <vector>

#include "core/catalogue.hpp"
#include "core/counter.hpp"
#include "ui/theme.hpp"
#include "ui/ui_tree.hpp"

namespace wk::ui {

struct CounterView {
  const counter::CounterState* state = nullptr;
  const Catalogues* text = nullptr;
  Theme theme;
};

// What is being typed: it belongs to the screen until Enter sends it (the password then is wiped).
struct CounterInput {
  char user[64] = {};
  char password[128] = {};
  char code[24] = {};
};

std::vector<counter::Event> draw_counter(const CounterView& view, CounterInput& input, UiTree& tree);

}  // namespace wk::ui
