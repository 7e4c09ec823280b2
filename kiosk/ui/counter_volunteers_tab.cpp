// The counter's "Vrijwilligers" tab: chips to filter by interest and by part of the week, the rows core's
// visible_volunteers lets through, and per row "handled" and "vergeet mij". Forgetting asks first, in a
// line above the rows; core decides what may be pressed and sends nothing before the yes.
#include <string>

#include "core/catalogue.hpp"
#include "ui/counter_parts.hpp"

namespace wk::ui::counter_parts {
namespace {

constexpr Availability kParts[] = {Availability::mornings, Availability::afternoons, Availability::evenings,
                                   Availability::weekends};

// A chip: a toggle that looks pressed when on, and is recorded as selected then.
bool chip(Cx& c, const std::string& id, const std::string& label, bool on, bool first) {
  const Theme& t = c.v.theme;
  const float width = ImGui::CalcTextSize(label.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x;
  flow(first, width);
  if (on) {
    ImGui::PushStyleColor(ImGuiCol_Button, t.primary);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, t.primary);
    ImGui::PushStyleColor(ImGuiCol_Text, t.primary_text);
  }
  const bool pressed = ImGui::Button((label + "##" + id).c_str(), ImVec2(0, t.mm(9)));
  if (on) ImGui::PopStyleColor(3);
  record(c, id, label, "button", on);
  return pressed;
}

void filter(Cx& c) {
  const auto& s = *c.v.state;
  const auto& f = s.volunteers.filter;
  ImGui::TextUnformatted(c.tr("Would like to do").c_str());
  bool first = true;
  for (const auto& interest : counter::volunteer_interests(s)) {
    if (chip(c, "interest:" + interest.id, counter::interest_label(s, interest.id),
             f.interests.count(interest.id) > 0, first))
      c.out.push_back(counter::ev::ToggleInterest{interest.id});
    first = false;
  }
  ImGui::TextUnformatted(c.tr("When").c_str());
  first = true;
  for (const auto part : kParts) {
    const std::string name = availability_name(part);
    if (chip(c, "availability:" + name, c.tr(counter::availability_label(part)),
             f.availability.count(part) > 0, first))
      c.out.push_back(counter::ev::ToggleAvailability{part});
    first = false;
  }
  const std::string all = c.tr("Show everyone");
  flow(false, ImGui::CalcTextSize(all.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x);
  if (button(c, "volunteer-filter-clear", all, ImVec2(0, c.v.theme.mm(9)),
             !(f == counter::VolunteerFilter{})))
    c.out.push_back(counter::ev::ClearVolunteerFilter{});
}

// "Vergeet mij" is asked once more above the rows: it removes the registration everywhere at once.
void confirm_forget(Cx& c) {
  const auto& s = *c.v.state;
  const auto& v = s.volunteers;
  if (!v.confirm_forget) return;
  const Theme& t = c.v.theme;
  std::string reference;
  for (const auto& row : v.rows)
    if (row.id == *v.confirm_forget) reference = row.reference;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, t.warning_bg);
  ImGui::BeginChild("forget", ImVec2(0, t.mm(24)), false);
  text(c, "forget-question",
       fill(c.tr("Forget {ref} everywhere? This cannot be undone."), {{"ref", reference}}), nullptr, t.ink);
  const bool can = counter::can_act_on_volunteer(s);
  if (button(c, "forget-yes", c.tr("Yes, forget"), ImVec2(t.mm(40), t.mm(9)), can))
    c.out.push_back(counter::ev::ConfirmForget{*v.confirm_forget});
  ImGui::SameLine();
  if (button(c, "forget-no", c.tr("Cancel"), ImVec2(t.mm(40), t.mm(9))))
    c.out.push_back(counter::ev::CancelForget{});
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

void row(Cx& c, const counter::Volunteer& v, float button_h) {
  const auto& s = *c.v.state;
  std::vector<std::string> interests, when;
  for (const auto& i : v.interests) interests.push_back(counter::interest_label(s, i));
  for (const auto a : v.availability) when.push_back(c.tr(counter::availability_label(a)));
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  text(c, "volunteer-ref:" + v.id, v.reference);
  ImGui::TableNextColumn();
  text(c, "volunteer-name:" + v.id, v.first_name);
  ImGui::TableNextColumn();
  text(c, "volunteer-contact:" + v.id, v.phone.empty() ? v.email : v.phone);
  ImGui::TableNextColumn();
  text(c, "volunteer-interests:" + v.id, joined(interests));
  ImGui::TableNextColumn();
  text(c, "volunteer-when:" + v.id, joined(when));
  ImGui::TableNextColumn();
  text(c, "volunteer-date:" + v.id, counter::registered_on(s, v));
  ImGui::TableNextColumn();
  const bool can = counter::can_act_on_volunteer(s);
  if (button(c, "handled:" + v.id, c.tr("Handled"), ImVec2(0, button_h), can))
    c.out.push_back(counter::ev::MarkHandled{v.id});
  ImGui::SameLine();
  if (button(c, "forget:" + v.id, c.tr("Forget (vergeet mij)"), ImVec2(0, button_h), can))
    c.out.push_back(counter::ev::ForgetVolunteer{v.id});
}

void table(Cx& c, const std::vector<counter::Volunteer>& rows) {
  const Theme& t = c.v.theme;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float actions = ImGui::CalcTextSize(c.tr("Handled").c_str()).x +
                        ImGui::CalcTextSize(c.tr("Forget (vergeet mij)").c_str()).x +
                        4 * style.FramePadding.x + style.ItemSpacing.x;
  if (!ImGui::BeginTable("volunteers", 7, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) return;
  ImGui::TableSetupColumn(c.tr("Reference").c_str(), ImGuiTableColumnFlags_WidthFixed, t.mm(24));
  ImGui::TableSetupColumn(c.tr("First name").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn(c.tr("Phone or e-mail").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.4f);
  ImGui::TableSetupColumn(c.tr("Would like to do").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.6f);
  ImGui::TableSetupColumn(c.tr("When").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn(c.tr("Registered on").c_str(), ImGuiTableColumnFlags_WidthFixed, t.mm(26));
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, actions);
  ImGui::TableHeadersRow();
  for (const auto& v : rows) row(c, v, t.mm(9));
  ImGui::EndTable();
}

}  // namespace

void volunteers_tab(Cx& c) {
  const auto& s = *c.v.state;
  const auto& v = s.volunteers;
  const Theme& t = c.v.theme;
  if (!v.notice.empty()) text(c, "volunteers-notice", c.tr(v.notice), nullptr, t.accent);
  if (v.refused) return;  // not this session's list: nothing of it, not even the filter
  filter(c);
  ImGui::Dummy(ImVec2(1, t.mm(2)));
  const auto rows = counter::visible_volunteers(s);
  if (v.rows.empty()) {
    text(c, "volunteers-empty", c.tr(v.loading ? "Loading…" : "No new volunteers to contact."), nullptr,
         t.muted);
    return;
  }
  text(c, "volunteers-count",
       fill(c.tr("{n} of {total} shown"),
            {{"n", std::to_string(rows.size())}, {"total", std::to_string(v.rows.size())}}));
  confirm_forget(c);
  if (rows.empty()) {
    text(c, "volunteers-empty", c.tr("Nobody matches this filter."), nullptr, t.muted);
    return;
  }
  table(c, rows);
}

}  // namespace wk::ui::counter_parts
