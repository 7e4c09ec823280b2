#pragma once
// Inside the counter's screens only (counter_screens.cpp, counter_volunteers_tab.cpp,
// counter_callbacks_tab.cpp): what one frame draws with, and the few widgets every part of the desk uses,
// each recorded in the UI tree.
#include <imgui.h>

#include <string>
#include <vector>

#include "core/counter.hpp"
#include "ui/counter_screens.hpp"
#include "ui/ui_tree.hpp"

namespace wk::ui::counter_parts {

struct Cx {
  const CounterView& v;
  CounterInput& in;
  UiTree& tree;
  std::vector<counter::Event>& out;
  std::string lang;  // the location's (counter_language)
  std::string tr(const std::string& msgid) const { return v.text->tr(lang, msgid); }
  std::string topic(const std::string& id) const { return v.state->config.topic_name(id, lang); }
};

// Records the last ImGui item in the UI tree, so tests find it where a person sees it; `selected` for a
// choice that is on (a chip, the open tab).
void record(Cx& c, const std::string& id, const std::string& label, const char* role, bool selected = false);
void text(Cx& c, const std::string& id, const std::string& s, ImFont* font = nullptr, ImU32 color = 0);
bool button(Cx& c, const std::string& id, const std::string& label, ImVec2 size, bool enabled = true);
// Puts the next item on this line when `width` still fits, else starts a new line: a row of topics
// wraps instead of running off the window's edge.
void flow(bool first, float width);

// The "Vrijwilligers" tab: its filter, its rows, "handled" and "vergeet mij" (counter_volunteers_tab.cpp).
void volunteers_tab(Cx& c);
// The "Terugbellen" tab: the call-back requests, "Bellen", the call this counter has
// (counter_callbacks_tab.cpp).
void callbacks_tab(Cx& c);

}  // namespace wk::ui::counter_parts
