// The counter's "Terugbellen" tab: the location's call-back requests, oldest first, "Bellen" per open
// request, and for the one this staff member took a panel above the rows with its number and how the call
// ended. Core decides what may be pressed and holds the number only while the call is this counter's.
#include <string>

#include "core/catalogue.hpp"
#include "ui/counter_parts.hpp"

namespace wk::ui::counter_parts {
namespace {

// The call this staff member has: the number, big enough to dial from, and the three ways it can end.
void calling(Cx& c, const counter::Callback& cb) {
  const Theme& t = c.v.theme;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, t.warning_bg);
  ImGui::BeginChild(("calling:" + cb.id).c_str(), ImVec2(0, t.mm(40)), false);
  text(c, "callback-calling:" + cb.id,
       fill(c.tr("You are calling {ref} about {topic}."),
            {{"ref", cb.reference}, {"topic", counter::callback_topic(*c.v.state, cb)}}),
       nullptr, t.ink);
  // Empty once the outcome went out: the number is gone from memory then, the buttons wait for the answer.
  if (!cb.phone.empty()) text(c, "callback-phone:" + cb.id, cb.phone, t.large, t.ink);
  const bool can = counter::can_act_on_callback(*c.v.state);
  const ImVec2 size(t.mm(45), t.mm(12));
  if (button(c, "callback-reached:" + cb.id, c.tr("Reached"), size, can))
    c.out.push_back(counter::ev::ReportOutcome{cb.id, counter::CallOutcome::reached});
  ImGui::SameLine();
  if (button(c, "callback-not-reached:" + cb.id, c.tr("Not reached"), size, can))
    c.out.push_back(counter::ev::ReportOutcome{cb.id, counter::CallOutcome::not_reached});
  ImGui::SameLine();
  if (button(c, "callback-done:" + cb.id, c.tr("Done"), size, can))
    c.out.push_back(counter::ev::ReportOutcome{cb.id, counter::CallOutcome::done});
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

void row(Cx& c, const counter::Callback& cb, float button_h) {
  const auto& s = *c.v.state;
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  text(c, "callback-ref:" + cb.id, cb.reference);
  ImGui::TableNextColumn();
  text(c, "callback-topic:" + cb.id, counter::callback_topic(s, cb));
  ImGui::TableNextColumn();
  text(c, "callback-when:" + cb.id, c.tr(counter::part_of_day_label(cb.part_of_day)));
  ImGui::TableNextColumn();
  text(c, "callback-made:" + cb.id, counter::requested_at(s, cb));
  ImGui::TableNextColumn();
  text(c, "callback-attempts:" + cb.id, std::to_string(cb.attempts));
  ImGui::TableNextColumn();
  if (cb.taken_by_me) {
    text(c, "callback-mine:" + cb.id, c.tr("You are calling"), nullptr, c.v.theme.accent);
  } else if (cb.state == counter::CallbackState::taken) {
    // Listed so that nobody calls twice; the number stays with the colleague.
    text(c, "callback-taken:" + cb.id, c.tr("Taken by a colleague"), nullptr, c.v.theme.muted);
  } else if (button(c, "callback-take:" + cb.id, c.tr("Call back"), ImVec2(0, button_h),
                    counter::can_act_on_callback(s))) {
    c.out.push_back(counter::ev::TakeCallback{cb.id});
  }
}

void table(Cx& c, const std::vector<counter::Callback>& rows) {
  const Theme& t = c.v.theme;
  if (!ImGui::BeginTable("callbacks", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) return;
  ImGui::TableSetupColumn(c.tr("Reference").c_str(), ImGuiTableColumnFlags_WidthFixed, t.mm(24));
  ImGui::TableSetupColumn(c.tr("Topic").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.6f);
  ImGui::TableSetupColumn(c.tr("When to call").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn(c.tr("Asked on").c_str(), ImGuiTableColumnFlags_WidthFixed, t.mm(36));
  ImGui::TableSetupColumn(c.tr("Attempts").c_str(), ImGuiTableColumnFlags_WidthFixed, t.mm(20));
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableHeadersRow();
  for (const auto& cb : rows) row(c, cb, t.mm(9));
  ImGui::EndTable();
}

}  // namespace

void callbacks_tab(Cx& c) {
  const auto& s = *c.v.state;
  const auto& tab = s.callbacks;
  const Theme& t = c.v.theme;
  if (!tab.notice.empty()) text(c, "callbacks-notice", c.tr(tab.notice), nullptr, t.accent);
  if (tab.refused) return;  // not this session's list: nothing of it
  if (tab.rows.empty()) {
    text(c, "callbacks-empty", c.tr(tab.loading ? "Loading…" : "Nobody is waiting to be called back."),
         nullptr, t.muted);
    return;
  }
  for (const auto& cb : tab.rows)
    if (cb.taken_by_me) calling(c, cb);
  ImGui::Dummy(ImVec2(1, t.mm(2)));
  table(c, tab.rows);
}

}  // namespace wk::ui::counter_parts
