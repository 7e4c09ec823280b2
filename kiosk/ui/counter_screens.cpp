#include "ui/counter_screens.hpp"
#include "ui/counter_parts.hpp"

#include <cstring>
#include <tuple>
#include <utility>

#include "core/ticket.hpp"
#include "ui/widgets.hpp"

namespace wk::ui {
namespace counter_parts {

void record(Cx& c, const std::string& id, const std::string& label, const char* role, bool selected) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  UiNode node{id, label, role, a.x, a.y, b.x - a.x, b.y - a.y};
  node.selected = selected;
  c.tree.add(std::move(node));
}

void text(Cx& c, const std::string& id, const std::string& s, ImFont* font, ImU32 color) {
  if (font) ImGui::PushFont(font);
  if (color) ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::TextWrapped("%s", s.c_str());
  if (color) ImGui::PopStyleColor();
  if (font) ImGui::PopFont();
  record(c, id, s, "text");
}

bool button(Cx& c, const std::string& id, const std::string& label, ImVec2 size, bool enabled) {
  if (!enabled) ImGui::BeginDisabled();
  const bool pressed = ImGui::Button((label + "##" + id).c_str(), size);
  if (!enabled) ImGui::EndDisabled();
  record(c, id, label, "button");
  return pressed && enabled;
}

void flow(bool first, float width) {
  if (first) return;
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  const float x = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x;
  if (x + width <= right) ImGui::SameLine();
}

}  // namespace counter_parts

namespace {

using namespace counter_parts;

std::string minutes(Cx& c, long seconds) {
  return fill(c.tr("{m} min"), {{"m", std::to_string((seconds + 59) / 60)}});
}

void notice(Cx& c) {
  const auto& s = *c.v.state;
  if (s.notice.empty()) return;
  std::string msg = c.tr(s.notice);
  msg = fill(msg, {{"s", std::to_string(s.retry_after_s)}});
  text(c, "notice", msg, nullptr, c.v.theme.accent);
}

// "Balie 2" at the top of both screens.
void desk_title(Cx& c) {
  const std::string title = fill(c.tr("Desk {n}"), {{"n", std::to_string(c.v.state->desk)}});
  ImGui::PushFont(c.v.theme.large);
  ImGui::TextUnformatted(title.c_str());
  ImGui::PopFont();
  record(c, "desk", title, "text");
}

void login(Cx& c) {
  const auto& s = *c.v.state;
  const Theme& t = c.v.theme;
  desk_title(c);
  ImGui::Dummy(ImVec2(1, t.mm(4)));
  const float w = t.mm(90);
  const bool busy = s.phase == counter::Phase::LoggingIn;
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(w);
  bool submit = ImGui::InputText((c.tr("User name") + "##user").c_str(), c.in.user, sizeof c.in.user,
                                 ImGuiInputTextFlags_EnterReturnsTrue);
  record(c, "login-user", c.tr("User name"), "input");
  ImGui::SetNextItemWidth(w);
  submit |= ImGui::InputText((c.tr("Password") + "##password").c_str(), c.in.password, sizeof c.in.password,
                             ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
  record(c, "login-password", c.tr("Password"), "input");
  ImGui::Dummy(ImVec2(1, t.mm(2)));
  submit |= button(c, "login", busy ? c.tr("Logging in…") : c.tr("Log in"), ImVec2(w, t.mm(12)), !busy);
  if (submit && !busy) {
    c.out.push_back(counter::ev::LoginSubmitted{c.in.user, c.in.password});
    std::memset(c.in.password, 0, sizeof c.in.password);  // the password lives no longer than this frame
  }
  notice(c);
}

void topics_table(Cx& c) {
  const auto& s = *c.v.state;
  const Theme& t = c.v.theme;
  if (ImGui::BeginTable("queue", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
    ImGui::TableSetupColumn(c.tr("Topic").c_str(), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(c.tr("Waiting").c_str(), ImGuiTableColumnFlags_WidthFixed, t.mm(25));
    ImGui::TableSetupColumn(c.tr("Longest wait").c_str(), ImGuiTableColumnFlags_WidthFixed, t.mm(35));
    ImGui::TableSetupColumn(c.tr("Expected wait").c_str(), ImGuiTableColumnFlags_WidthFixed, t.mm(35));
    ImGui::TableHeadersRow();
    for (const auto& l : counter::visible_loads(s)) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(c.topic(l.topic).c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%d", l.waiting);
      record(c, "waiting:" + l.topic, std::to_string(l.waiting), "text");
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(l.waiting > 0 ? minutes(c, l.longest_wait_s).c_str() : "-");
      record(c, "longest:" + l.topic, l.waiting > 0 ? minutes(c, l.longest_wait_s) : "-", "text");
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(l.waiting > 0 ? minutes(c, l.estimated_wait_s).c_str() : "-");
    }
    ImGui::EndTable();
  }
  ImGui::Dummy(ImVec2(1, t.mm(2)));
  ImGui::TextUnformatted(c.tr("My desk calls (none ticked: all topics)").c_str());
  const ImGuiStyle& style = ImGui::GetStyle();
  bool first = true;
  for (const auto& id : s.topics) {
    bool on = s.my_topics.count(id) > 0;
    flow(first,
         ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + ImGui::CalcTextSize(c.topic(id).c_str()).x);
    first = false;
    if (ImGui::Checkbox((c.topic(id) + "##filter:" + id).c_str(), &on))
      c.out.push_back(counter::ev::ToggleTopic{id});
    record(c, "filter:" + id, c.topic(id) + (s.my_topics.count(id) ? " [x]" : " [ ]"), "checkbox");
  }
}

// The small "thuis" beside a code: the resident joined from home and may not be in the room yet.
void from_home(Cx& c, const std::string& id) {
  const Theme& t = c.v.theme;
  const std::string label = c.tr("from home");
  ImGui::PushStyleColor(ImGuiCol_Text, t.accent);
  ImGui::TextUnformatted(label.c_str());
  ImGui::PopStyleColor();
  record(c, id, label, "text");
}

// The codes waiting for this desk's topics, oldest first, each joined from home marked: who may still
// be on the way is seen before calling.
void waiting_codes(Cx& c) {
  const auto& s = *c.v.state;
  if (!s.queue) return;
  const ImGuiStyle& style = ImGui::GetStyle();
  const std::string home = c.tr("from home");
  ImGui::TextUnformatted(c.tr("Waiting").c_str());
  bool first = true;
  for (const auto& w : s.queue->waiting) {
    if (!s.my_topics.empty() && !s.my_topics.count(w.topic)) continue;
    const float width = ImGui::CalcTextSize(w.code.c_str()).x +
                        (w.remote ? style.ItemInnerSpacing.x + ImGui::CalcTextSize(home.c_str()).x : 0);
    flow(first, width + style.ItemSpacing.x);
    first = false;
    ImGui::BeginGroup();
    ImGui::TextUnformatted(w.code.c_str());
    if (w.remote) {
      ImGui::SameLine(0, style.ItemInnerSpacing.x);
      from_home(c, "waiting-remote:" + w.id);
    }
    ImGui::EndGroup();
    record(c, "waiting-code:" + w.id, w.remote ? w.code + " " + home : w.code, "text");
  }
  if (first) ImGui::TextUnformatted("-");
}

void current(Cx& c) {
  const auto& s = *c.v.state;
  const Theme& t = c.v.theme;
  ImGui::TextUnformatted(c.tr("Now at this desk").c_str());
  if (!s.current) {
    text(c, "current-code", c.tr("Nobody at this desk yet."), t.large, t.muted);
    return;
  }
  text(c, "current-code", code_label(s.current->code, s.current->code_shared, s.current->issued_time), t.huge,
       t.ink);
  if (s.current->remote) {
    ImGui::SameLine();
    from_home(c, "current-remote");
  }
  text(c, "current-topic", c.topic(s.current->topic));
  const bool can = counter::can_act_on_current(s);
  const ImVec2 bs(t.mm(38), t.mm(12));
  if (button(c, "recall", c.tr("Recall") + " (F2)", bs, can)) c.out.push_back(counter::ev::Recall{});
  ImGui::SameLine();
  if (button(c, "served", c.tr("Served") + " (F3)", bs, can)) c.out.push_back(counter::ev::Served{});
  ImGui::SameLine();
  if (button(c, "no-show", c.tr("No-show") + " (F4)", bs, can)) c.out.push_back(counter::ev::NoShow{});
  ImGui::SameLine();
  // Joined from home: maybe still on the way. Back in the line instead of a no-show.
  if (s.current->remote) {
    if (button(c, "later", c.tr("Later again"), bs, counter::can_call_later(s)))
      c.out.push_back(counter::ev::Later{});
    ImGui::SameLine();
  }
  if (button(c, "reprint", c.tr("Reprint at the kiosk") + " (F5)", ImVec2(t.mm(60), t.mm(12)),
             counter::can_reprint(s)))
    c.out.push_back(counter::ev::Reprint{});
  ImGui::TextUnformatted(c.tr("Transfer to").c_str());
  bool first = true;
  for (const auto& id : s.topics) {
    if (id == s.current->topic) continue;
    flow(first, ImGui::CalcTextSize(c.topic(id).c_str()).x + 2 * ImGui::GetStyle().FramePadding.x);
    first = false;
    if (button(c, "transfer:" + id, c.topic(id), ImVec2(0, t.mm(9)), can))
      c.out.push_back(counter::ev::Transfer{id});
  }
}

// The desk's tabs: the queue, the volunteers who registered at the kiosk, and the residents to call back.
// Core holds which one is open (opening one loads its list), so the screen draws buttons, not ImGui's own
// tab bar.
void tabs(Cx& c) {
  const auto& s = *c.v.state;
  const Theme& t = c.v.theme;
  const std::tuple<counter::Tab, const char*, const char*> all[] = {
      {counter::Tab::queue, "Queue", "tab:queue"},
      {counter::Tab::volunteers, "Volunteers", "tab:volunteers"},
      {counter::Tab::callbacks, "Call-backs", "tab:callbacks"}};
  bool first = true;
  for (const auto& [tab, msgid, id] : all) {
    if (!first) ImGui::SameLine();
    first = false;
    const bool open = s.tab == tab;
    if (open) {
      ImGui::PushStyleColor(ImGuiCol_Button, t.primary);
      ImGui::PushStyleColor(ImGuiCol_ButtonHovered, t.primary);
      ImGui::PushStyleColor(ImGuiCol_Text, t.primary_text);
    }
    const bool pressed =
        ImGui::Button((c.tr(msgid) + "##" + std::string(id)).c_str(), ImVec2(t.mm(45), t.mm(10)));
    if (open) ImGui::PopStyleColor(3);
    record(c, id, c.tr(msgid), "button", open);
    if (pressed) c.out.push_back(counter::ev::ShowTab{tab});
  }
  ImGui::Separator();
}

void desk(Cx& c) {
  const auto& s = *c.v.state;
  const Theme& t = c.v.theme;
  if (!s.online) {
    // The banner: the one thing a staff member must see when calling cannot work.
    ImGui::PushStyleColor(ImGuiCol_ChildBg, t.warning_bg);
    ImGui::BeginChild("offline", ImVec2(0, t.mm(12)), false);
    text(c, "offline", c.tr("Offline: you cannot call until the service is reachable again."), t.large,
         t.ink);
    ImGui::EndChild();
    ImGui::PopStyleColor();
  }
  desk_title(c);
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - t.mm(30));
  if (button(c, "logout", c.tr("Log out"), ImVec2(t.mm(30), 0))) c.out.push_back(counter::ev::Logout{});
  tabs(c);
  if (s.tab == counter::Tab::volunteers) {
    notice(c);  // F1-F5 work on this tab too: what they answer shows here
    volunteers_tab(c);
    return;
  }
  if (s.tab == counter::Tab::callbacks) {
    notice(c);
    callbacks_tab(c);
    return;
  }
  topics_table(c);
  waiting_codes(c);
  ImGui::Separator();
  ImGui::PushFont(t.large);
  if (button(c, "call-next", c.tr("Call next") + " (F1)", ImVec2(t.mm(90), t.mm(20)), counter::can_call(s)))
    c.out.push_back(counter::ev::CallNext{});
  ImGui::PopFont();
  ImGui::SameLine(0, t.mm(8));
  ImGui::BeginGroup();
  ImGui::TextUnformatted(c.tr("Call by code").c_str());
  ImGui::SetNextItemWidth(t.mm(30));
  bool go = ImGui::InputText("##code", c.in.code, sizeof c.in.code,
                             ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CharsUppercase);
  record(c, "call-code-input", c.tr("Call by code"), "input");
  ImGui::SameLine();
  go |= button(c, "call-code", c.tr("Call"), ImVec2(0, 0), counter::can_call(s));
  ImGui::EndGroup();
  if (go && c.in.code[0] != '\0') {
    c.out.push_back(counter::ev::CallCode{c.in.code});
    c.in.code[0] = '\0';
  }
  notice(c);
  // The last reprint stays in view after its ticket is finished: the staff member may still wonder.
  if (const std::string msgid = counter::reprint_notice(s); !msgid.empty())
    text(c, "reprint-status", fill(c.tr(msgid), {{"code", s.reprint->code}}));

  ImGui::Separator();
  current(c);
}

}  // namespace

std::vector<counter::Event> draw_counter(const CounterView& view, CounterInput& input, UiTree& tree) {
  std::vector<counter::Event> out;
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(view.theme.mm(6), view.theme.mm(6)));
  ImGui::Begin(view.state->phase == counter::Phase::LoggedIn ? "counter##desk" : "counter##login", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  Cx c{view, input, tree, out, counter::counter_language(*view.state)};
  if (view.state->phase == counter::Phase::LoggedIn)
    desk(c);
  else
    login(c);
  ImGui::End();
  ImGui::PopStyleVar();
  return out;
}

}  // namespace wk::ui
