#include "ui/kiosk_screens.hpp"

#include <algorithm>
#include <cstdio>

#include "core/script.hpp"
#include "ui/callback_screens.hpp"
#include "ui/screen_context.hpp"
#include "ui/shapes.hpp"
#include "ui/volunteer_screens.hpp"
#include "ui/widgets.hpp"

namespace wk::ui {

void gap(const Ctx& c, float mm) {
  ImGui::Dummy(ImVec2(1, c.t.mm(mm)));
}

namespace {

constexpr float kAidMm = 20;  // each aid's square
constexpr float kAidGapMm = 3;

enum class Aid { LargePrint, Softer, Louder, ReadAloud };

// The aids this screen shows, in their order from the start of the row: those core offers here, the voice's
// only where the language has one.
std::vector<Aid> aids_shown(const Ctx& c) {
  const Screen on = c.v.state->session.screen;
  std::vector<Aid> out;
  if (offers_large_print(on)) out.push_back(Aid::LargePrint);
  if (offers_reading(on) && c.v.can_read_aloud)
    out.insert(out.end(), {Aid::Softer, Aid::Louder, Aid::ReadAloud});
  return out;
}

float aids_width(const Ctx& c, std::size_t count) {
  if (count == 0) return 0;
  return static_cast<float>(count) * c.t.mm(kAidMm) + static_cast<float>(count - 1) * c.t.mm(kAidGapMm);
}

}  // namespace

float bottom_bar_mm(const Ctx& c) {
  // Two lines of bigger text fit: "opnieuw beginnen" does not fit one line beside its pictogram at 12 mm.
  return c.v.state->session.aids.large_print ? 32 : 20;
}

float countdown_band_mm(const Ctx& c) {
  return c.v.state->session.aids.large_print ? 36 : 24;
}

void aids_bar(Ctx& c) {
  const auto shown = aids_shown(c);
  const Aids& aids = c.v.state->session.aids;
  const float side = c.t.mm(kAidMm);
  const float bar = c.t.mm(bottom_bar_mm(c));
  const float y = c.height - c.margin - bar + (bar - side) / 2;
  const float step = side + c.t.mm(kAidGapMm);
  const float x0 = c.width - c.margin - aids_width(c, shown.size());  // the group's left edge, unmirrored
  for (std::size_t slot = 0; slot < shown.size(); ++slot) {
    ImGui::SetCursorPos(ImVec2(c.mirror(x0 + static_cast<float>(slot) * step, side), y));
    switch (shown[slot]) {
      case Aid::LargePrint:
        if (icon_button(c.t, c.tree, "aid:large-print", c.tr("Bigger text"), Icon::LargePrint, side,
                        aids.large_print))
          c.out.push_back(ev::LargePrint{});
        break;
      case Aid::Softer:
        if (icon_button(c.t, c.tree, "aid:softer", c.tr("Softer"), Icon::Softer, side, false))
          c.out.push_back(ev::VolumeDown{});
        break;
      case Aid::Louder:
        if (icon_button(c.t, c.tree, "aid:louder", c.tr("Louder"), Icon::Louder, side, false))
          c.out.push_back(ev::VolumeUp{});
        break;
      case Aid::ReadAloud:
        if (icon_button(c.t, c.tree, "aid:read-aloud",
                        aids.reading ? c.tr("Stop reading") : c.tr("Read aloud"),
                        aids.reading ? Icon::Stop : Icon::Speaker, side, aids.reading))
          c.out.push_back(ev::ReadAloud{});
        break;
    }
  }
}

// The row at the bottom of every screen but welcome: back and start over, always in the same place (back
// first in the reading direction: on the right in Arabic), then the aids.
void bottom_bar(Ctx& c) {
  const float h = c.t.mm(bottom_bar_mm(c));
  const float gap_px = c.t.mm(kAidGapMm);
  const float aids_w = aids_width(c, aids_shown(c).size());
  const float w = (c.width - 2 * c.margin - (aids_w > 0 ? aids_w + c.margin : 0) - gap_px) / 2;
  const float y = c.height - h - c.margin;
  ImGui::SetCursorPos(ImVec2(c.mirror(c.margin, w), y));
  if (big_button(c.t, c.tree, "back", c.tr("Back"), ImVec2(w, h), ButtonKind::Secondary, c.t.large,
                 Icon::Back))
    c.out.push_back(ev::Back{});
  ImGui::SetCursorPos(ImVec2(c.mirror(c.margin + w + gap_px, w), y));
  if (big_button(c.t, c.tree, "start-over", c.tr("Start over"), ImVec2(w, h), ButtonKind::Secondary,
                 c.t.large, Icon::StartOver))
    c.out.push_back(ev::StartOver{});
  aids_bar(c);
}

float content_bottom(const Ctx& c) {
  return c.height - c.t.mm(bottom_bar_mm(c)) - 2 * c.margin - c.t.mm(countdown_band_mm(c)) - c.margin;
}

// WCAG 2.2.1: the resident is warned, and may ask for more time.
void countdown(Ctx& c) {
  const auto left = seconds_left(*c.v.state, c.v.now);
  if (!left || *left > kCountdownVisibleS) return;
  const float h = c.t.mm(countdown_band_mm(c));
  const float y = c.height - c.t.mm(bottom_bar_mm(c)) - 2 * c.margin - h;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 wp = ImGui::GetWindowPos();
  fill_rounded(dl, ImVec2(wp.x + c.margin, wp.y + y), ImVec2(wp.x + c.width - c.margin, wp.y + y + h),
               c.t.warning_bg, c.t.mm(3));
  const std::string msg = fill(c.tr("Back to the start in {s} seconds"), {{"s", std::to_string(*left)}});
  const float bw = c.t.mm(c.v.state->session.aids.large_print ? 80 : 60);
  // The words at the start, "more time" at the end of the band (mirrored in Arabic).
  const float text_w = c.width - 2 * c.margin - bw - c.t.mm(10);
  const float tx = c.mirror(c.margin + c.t.mm(4), text_w);
  const ImVec2 ts = text_size(c.t, c.t.normal, msg, text_w);
  const ImVec2 tp(wp.x + tx, wp.y + y + (h - ts.y) / 2);
  draw_text(c.t, c.t.normal, tp, text_w, c.t.ink, msg, Align::Start);
  record_text(c.tree, "countdown", msg, tp, ImVec2(tp.x + text_w, tp.y + ts.y), c.t.normal);
  ImGui::SetCursorPos(ImVec2(c.mirror(c.width - c.margin - bw - c.t.mm(3), bw), y + c.t.mm(3)));
  if (big_button(c.t, c.tree, "more-time", c.tr("More time"), ImVec2(bw, h - c.t.mm(6)), ButtonKind::Primary,
                 nullptr, Icon::MoreTime))
    c.out.push_back(ev::MoreTime{});
}

void heading(Ctx& c, const std::string& text, const std::string& id) {
  centered_text(c.t, c.tree, c.t.large, c.t.ink, text, c.width - 2 * c.margin, id);
}

namespace {

void language_buttons(Ctx& c) {
  const auto& langs = c.v.state->config.languages;
  const float h = c.t.mm(22);
  const int cols = c.width > c.height ? 4 : 2;
  const float w = (c.width - (cols + 1) * c.margin) / cols;
  for (std::size_t i = 0; i < langs.size(); ++i) {
    ImGui::SetCursorPosX(c.mirror(c.margin + static_cast<float>(i % cols) * (w + c.margin), w));
    // Each language is named in its own script, so a resident finds theirs without reading ours.
    if (big_button(c.t, c.tree, "language:" + langs[i], c.v.text->language_name(langs[i]), ImVec2(w, h),
                   ButtonKind::Secondary, c.t.large))
      c.out.push_back(ev::LanguageChosen{langs[i]});
    if (i % cols != static_cast<std::size_t>(cols - 1) && i + 1 < langs.size())
      ImGui::SameLine(0, c.margin);
    else
      ImGui::Dummy(ImVec2(1, c.margin / 2));
  }
}

void welcome(Ctx& c) {
  // The whole screen is a button: a tap anywhere outside the language buttons starts.
  ImGui::SetCursorPos(ImVec2(0, 0));
  if (ImGui::InvisibleButton("start", ImVec2(c.width, c.height))) c.out.push_back(ev::StartTapped{});
  c.tree.add({"start", c.tr("Tap the screen to start"), "button", 0, 0, c.width, c.height});
  ImGui::SetItemAllowOverlap();
  ImGui::SetCursorPos(ImVec2(0, c.height * 0.12f));
  centered_text(c.t, c.tree, c.t.normal, c.t.muted, c.v.state->config.name, c.width - 2 * c.margin,
                "location");
  gap(c, 6);
  centered_text(c.t, c.tree, c.t.huge, c.t.primary, c.tr("Welcome"), c.width - 2 * c.margin, "title");
  gap(c, 6);
  centered_text(c.t, c.tree, c.t.large, c.t.ink, c.tr("Tap the screen to start"), c.width - 2 * c.margin,
                "hint");
  ImGui::SetCursorPosY(c.height * 0.55f);
  centered_text(c.t, c.tree, c.t.normal, c.t.muted, c.tr("Or choose your language"), c.width - 2 * c.margin);
  gap(c, 4);
  language_buttons(c);
  aids_bar(c);
}

void language(Ctx& c) {
  ImGui::SetCursorPosY(c.margin * 2);
  heading(c, c.tr("Choose your language"), "title");
  gap(c, 10);
  language_buttons(c);
  countdown(c);  // WCAG 2.2.1: this screen times out too (the measured rule found it had no warning)
  bottom_bar(c);
}

void topics(Ctx& c) {
  const KioskState& s = *c.v.state;
  ImGui::SetCursorPosY(c.margin * 2);
  heading(c, c.tr("What is your question about?"), "title");
  gap(c, 6);
  std::vector<const Topic*> open;
  for (const auto& t : s.config.topics)
    if (t.open) open.push_back(&t);
  // The second door, as large as a topic: where the location takes volunteers.
  const bool door = !s.config.interests.empty();
  // "Bel mij terug", as large as a topic too: where the team calls residents back.
  const bool call_back = s.config.callback.has_value();
  const std::size_t tiles = open.size() + (door ? 1 : 0) + (call_back ? 1 : 0);
  const float top = ImGui::GetCursorPosY();
  const float bottom = content_bottom(c);
  const float gap_px = c.t.mm(3);
  // One column on a portrait screen while a finger's height per tile fits; two otherwise.
  const float min_row = c.t.mm(Theme::kMinTargetMm) + gap_px;
  const bool fits_one = static_cast<float>(tiles) * min_row <= bottom - top;
  const int cols = c.width > c.height || !fits_one ? 2 : 1;
  const int rows = static_cast<int>((tiles + cols - 1) / cols);
  const float h =
      std::clamp((bottom - top - gap_px * static_cast<float>(rows)) / static_cast<float>(std::max(rows, 1)),
                 c.t.mm(Theme::kMinTargetMm), c.t.mm(34));
  const float w = (c.width - 2 * c.margin - gap_px * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  for (std::size_t i = 0; i < open.size(); ++i) {
    const Topic& t = *open[i];
    auto text = [&](const Texts& m) { return s.config.text_in(m, c.lang); };
    const auto pic = c.v.pictograms.find(t.pictogram);
    ImGui::SetCursorPos(ImVec2(c.mirror(c.margin + static_cast<float>(i % cols) * (w + gap_px), w),
                               top + static_cast<float>(i / cols) * (h + gap_px)));
    if (topic_tile(c.t, c.tree, "topic:" + t.id, text(t.names), text(t.lines),
                   pic == c.v.pictograms.end() ? nullptr : pic->second, ImVec2(w, h)))
      c.out.push_back(ev::TopicChosen{t.id});
  }
  if (door) {
    const std::size_t i = open.size();
    const auto pic = c.v.pictograms.find(kVolunteerPictogram);
    ImGui::SetCursorPos(ImVec2(c.mirror(c.margin + static_cast<float>(i % cols) * (w + gap_px), w),
                               top + static_cast<float>(i / cols) * (h + gap_px)));
    if (topic_tile(c.t, c.tree, "volunteer-door", c.tr("Do something for someone else"),
                   c.tr("Sign up as a volunteer"), pic == c.v.pictograms.end() ? nullptr : pic->second,
                   ImVec2(w, h)))
      c.out.push_back(ev::VolunteerDoor{});
  }
  if (call_back) {
    const std::size_t i = open.size() + (door ? 1 : 0);
    const auto pic = c.v.pictograms.find(kCallbackPictogram);
    ImGui::SetCursorPos(ImVec2(c.mirror(c.margin + static_cast<float>(i % cols) * (w + gap_px), w),
                               top + static_cast<float>(i / cols) * (h + gap_px)));
    if (topic_tile(c.t, c.tree, "callback-door", c.tr("Call me back"),
                   c.tr("No time to wait? We will call you back."),
                   pic == c.v.pictograms.end() ? nullptr : pic->second, ImVec2(w, h)))
      c.out.push_back(ev::CallbackDoor{});
  }
  countdown(c);
  bottom_bar(c);
}

void ticket(Ctx& c) {
  const KioskState& s = *c.v.state;
  const Ticket& tk = *s.session.ticket;
  const Topic* topic = s.config.topic(tk.topic);
  ImGui::SetCursorPosY(c.height * 0.06f);
  centered_text(c.t, c.tree, c.t.large, c.t.ink, c.tr("Your number"), c.width - 2 * c.margin);
  centered_text(c.t, c.tree, c.t.huge, c.t.primary, tk.code, c.width, "ticket-code");
  if (topic)
    centered_text(c.t, c.tree, c.t.large, c.t.muted, s.config.topic_name(tk.topic, c.lang),
                  c.width - 2 * c.margin, "ticket-topic");
  gap(c, 10);
  if (c.v.qr) {
    const float side = std::max(c.v.qr_side_px, c.t.mm(kQrMinMm));
    ImGui::SetCursorPosX((c.width - side) / 2);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Image(c.v.qr, ImVec2(side, side));
    c.tree.add({"ticket-qr", c.tr("Scan to follow your turn on your phone"), "image", p.x, p.y, side, side});
  }
  gap(c, 3);
  centered_text(c.t, c.tree, c.t.normal, c.t.ink, c.tr("Scan to follow your turn on your phone"),
                c.width - 2 * c.margin, "qr-hint");
  gap(c, 8);
  centered_text(c.t, c.tree, c.t.large, c.t.ink, c.tr("Please take a seat. We will call your number."),
                c.width - 2 * c.margin, "wait-hint");
  if (!c.v.notice.empty()) {
    gap(c, 3);
    centered_text(c.t, c.tree, c.t.normal, c.t.accent, c.v.notice, c.width - 2 * c.margin, "notice");
  }
  countdown(c);
  bottom_bar(c);
}

void closed(Ctx& c) {
  const KioskState& s = *c.v.state;
  ImGui::SetCursorPosY(c.height * 0.15f);
  centered_text(c.t, c.tree, c.t.normal, c.t.muted, s.config.name, c.width - 2 * c.margin, "location");
  gap(c, 6);
  heading(c, c.tr("We are closed now"), "title");
  gap(c, 8);
  centered_text(c.t, c.tree, c.t.normal, c.t.ink, c.tr("Opening hours"), c.width - 2 * c.margin);
  static const char* kDays[7] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                 "Thursday", "Friday", "Saturday"};
  for (int d : {1, 2, 3, 4, 5, 6, 0}) {
    std::string line = c.tr(kDays[d]) + ": ";
    const auto& spans = s.config.hours.by_weekday[static_cast<std::size_t>(d)];
    if (spans.empty()) line += c.tr("closed");
    for (std::size_t i = 0; i < spans.size(); ++i) {
      char buf[48];
      std::snprintf(buf, sizeof buf, "%s%02d:%02d - %02d:%02d", i ? ", " : "", spans[i].from_min / 60,
                    spans[i].from_min % 60, spans[i].to_min / 60, spans[i].to_min % 60);
      line += buf;
    }
    centered_text(c.t, c.tree, c.t.normal, c.t.ink, line, c.width - 2 * c.margin);
  }
  aids_bar(c);
}

void failure(Ctx& c) {
  ImGui::SetCursorPosY(c.height * 0.2f);
  heading(c, c.tr("Sorry, something went wrong"), "title");
  gap(c, 6);
  // A full outbox has words in the resident's language (go to the desk); other failures their own sentence.
  const std::string notice = failure_notice(*c.v.state);
  centered_text(c.t, c.tree, c.t.normal, c.t.ink, notice.empty() ? c.v.state->session.failure : c.tr(notice),
                c.width - 2 * c.margin, "failure");
  gap(c, 4);
  centered_text(c.t, c.tree, c.t.normal, c.t.ink, c.tr("Please ask a staff member for help."),
                c.width - 2 * c.margin);
  countdown(c);
  bottom_bar(c);
}

// The hidden gesture: a target in the top-left corner, drawn last so it wins over the full-screen "start"
// button. It only reports pressed and released; core decides when a hold is long enough.
void hidden_corner(Ctx& c) {
  const float side = c.t.mm(Theme::kMinTargetMm);
  ImGui::SetCursorPos(ImVec2(0, 0));
  ImGui::InvisibleButton("staff-corner", ImVec2(side, side));
  const bool held = ImGui::IsItemActive();
  const bool known = c.v.state->session.corner_down_at.has_value();
  if (held && !known) c.out.push_back(ev::CornerDown{});
  if (!held && known) c.out.push_back(ev::CornerUp{});
}

}  // namespace

std::vector<Event> draw_kiosk(const KioskView& v, UiTree& tree) {
  std::vector<Event> out;
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
  ImGui::PushStyleColor(ImGuiCol_WindowBg,
                        ImGui::ColorConvertU32ToFloat4(v.state->session.aids.large_print
                                                           ? v.theme.with_more_contrast().background
                                                           : v.theme.background));
  ImGui::Begin("kiosk", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
  const KioskState& s = *v.state;
  // Arabic is read from the right: the layout is mirrored. Bigger text brings the colours of more contrast
  // (the fonts have grown in the shell already).
  Theme theme = s.session.aids.large_print ? v.theme.with_more_contrast() : v.theme;
  theme.rtl = script_of(session_language(s)) == Script::arabic;
  Ctx c{v, tree, out, session_language(s), theme, io.DisplaySize.x, io.DisplaySize.y, theme.mm(8)};
  switch (s.session.screen) {
    case Screen::Welcome:
      welcome(c);
      break;
    case Screen::Language:
      language(c);
      break;
    case Screen::Topics:
      topics(c);
      break;
    case Screen::Ticket:
      if (s.session.ticket) ticket(c);
      break;
    case Screen::Closed:
      closed(c);
      break;
    case Screen::Failure:
      failure(c);
      break;
    case Screen::StaffPin:
      draw_pin_pad(c);
      break;
    case Screen::StaffPanel:
      draw_staff_panel(c);
      break;
    case Screen::Volunteer:
      if (s.session.volunteer) draw_volunteer(c);
      break;
    case Screen::Callback:
      if (s.session.callback) draw_callback(c);
      break;
  }
  hidden_corner(c);
  ImGui::End();
  ImGui::PopStyleColor();
  ImGui::PopStyleVar(2);
  return out;
}

}  // namespace wk::ui
