#include "ui/callback_screens.hpp"

#include <algorithm>

#include "core/keyboard.hpp"
#include "ui/touch_keyboard.hpp"
#include "ui/widgets.hpp"

namespace wk::ui {
namespace {

namespace cb = callback;

constexpr float kNextMm = 20;

// Emplaced in place: GCC 12 takes a temporary kiosk event holding the form's for "maybe uninitialised".
void emit(Ctx& c, cb::Event e) {
  c.out.emplace_back(std::in_place_type<ev::Callback>, ev::Callback{std::move(e)});
}

const cb::Form& form_of(const Ctx& c) {
  return *c.v.state->session.callback;
}

// "Next", just above the countdown's band, where the volunteer's form has it.
float next_top(const Ctx& c) {
  return content_bottom(c) - c.t.mm(kNextMm);
}

void next_button(Ctx& c) {
  ImGui::SetCursorPos(ImVec2(c.margin, next_top(c)));
  if (big_button(c.t, c.tree, "next", c.tr("Next"), ImVec2(c.width - 2 * c.margin, c.t.mm(kNextMm)),
                 ButtonKind::Primary, c.t.large, Icon::Next))
    emit(c, cb::ev::Next{});
}

// What to fix, in words, right under what it is about.
void problem_line(Ctx& c) {
  const std::string& problem = form_of(c).problem;
  if (problem.empty()) return;
  gap(c, 2);
  centered_text(c.t, c.tree, c.t.normal, c.t.accent, c.tr(problem), c.width - 2 * c.margin, "problem");
}

void title(Ctx& c, const char* msgid) {
  ImGui::SetCursorPosY(c.margin * 2);
  heading(c, c.tr(msgid), "title");
  gap(c, 5);
}

// One choice of `n` in a column (two on a wide screen or when one does not fit) between the cursor and
// `bottom`, as large as fit and a finger's height at least; tapped: `chosen(i)`.
template <class Label, class Chosen>
void choices(Ctx& c, std::size_t n, float max_mm, Label&& label, Chosen&& chosen) {
  const float top = ImGui::GetCursorPosY();
  const float bottom = next_top(c) - c.margin - (form_of(c).problem.empty() ? 0 : c.t.mm(12));
  const float gap_px = c.t.mm(3);
  const float min_row = c.t.mm(Theme::kMinTargetMm) + gap_px;
  const bool fits_one = static_cast<float>(n) * min_row <= bottom - top;
  const std::size_t cols = c.width > c.height || !fits_one ? 2 : 1;
  const std::size_t rows = std::max<std::size_t>(1, (n + cols - 1) / cols);
  const float h = std::clamp((bottom - top - gap_px * static_cast<float>(rows)) / static_cast<float>(rows),
                             c.t.mm(Theme::kMinTargetMm), c.t.mm(max_mm));
  const float w = (c.width - 2 * c.margin - gap_px * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  for (std::size_t i = 0; i < n; ++i) {
    ImGui::SetCursorPos(ImVec2(c.mirror(c.margin + static_cast<float>(i % cols) * (w + gap_px), w),
                               top + static_cast<float>(i / cols) * (h + gap_px)));
    if (label(i, ImVec2(w, h))) chosen(i);
  }
  ImGui::SetCursorPosY(bottom + c.t.mm(1));
}

void topic(Ctx& c) {
  const KioskState& s = *c.v.state;
  const cb::Form& f = form_of(c);
  title(c, "What is your question about?");
  const auto offered = cb::topics_offered(s.config);
  choices(
      c, offered.size(), 28,
      [&](std::size_t i, ImVec2 size) {
        const Topic& t = *offered[i];
        const auto pic = c.v.pictograms.find(t.pictogram);
        return choice_tile(c.t, c.tree, "topic:" + t.id, s.config.topic_name(t.id, c.lang),
                           pic == c.v.pictograms.end() ? nullptr : pic->second, size, f.topic == t.id);
      },
      [&](std::size_t i) { emit(c, cb::ev::TopicChosen{offered[i]->id}); });
  problem_line(c);
  next_button(c);
}

void phone(Ctx& c) {
  const cb::Form& f = form_of(c);
  title(c, "On which number can we call you?");
  field_box(c, f.phone);
  problem_line(c);
  KeyEvents on;
  on.down = [&c](const std::string& k) { emit(c, cb::ev::KeyDown{k}); };
  on.up = [&c] { emit(c, cb::ev::KeyUp{}); };
  on.erase = [&c] { emit(c, cb::ev::Erased{}); };
  on.type = [&c](const std::string& k) { emit(c, cb::ev::Typed{k}); };
  on.accent = [](const std::string&) {};  // digits offer no accents
  touch_keyboard(c, keyboard_rows(KeyboardLayout::digits, c.lang), next_top(c) - c.margin, {}, false, on);
  next_button(c);
}

void when(Ctx& c) {
  const cb::Form& f = form_of(c);
  title(c, "When shall we call you?");
  static constexpr struct {
    PartOfDay part;
    const char* msgid;
  } kParts[] = {{PartOfDay::morning, "In the morning"},
                {PartOfDay::afternoon, "In the afternoon"},
                {PartOfDay::any, "Any time of day"}};
  choices(
      c, std::size(kParts), 26,
      [&](std::size_t i, ImVec2 size) {
        return choice_tile(c.t, c.tree, std::string("when:") + part_of_day_name(kParts[i].part),
                           c.tr(kParts[i].msgid), nullptr, size, f.part_of_day == kParts[i].part);
      },
      [&](std::size_t i) { emit(c, cb::ev::PartChosen{kParts[i].part}); });
  problem_line(c);
  next_button(c);
}

void consent(Ctx& c) {
  const cb::Form& f = form_of(c);
  title(c, "May we keep your phone number?");
  const float wrap = c.width - 2 * c.margin;
  // What is kept, who sees it, for how long, how to withdraw: in that order, in plain words, as the
  // volunteer's consent says it.
  const std::string kept =
      fill(c.tr("We keep your phone number ({phone}) and the topic of your question, only to call you back."),
           {{"phone", f.phone}});
  centered_text(c.t, c.tree, c.t.normal, c.t.ink, kept, wrap, "consent-what", true);
  gap(c, 3);
  centered_text(c.t, c.tree, c.t.normal, c.t.ink,
                c.tr("Only the neighbourhood team of this location sees them."), wrap, "consent-who");
  gap(c, 3);
  const auto& policy = c.v.state->config.callback;
  centered_text(
      c.t, c.tree, c.t.normal, c.t.ink,
      fill(c.tr("We delete your number after {days} days at the latest."),
           {{"days", std::to_string(policy ? policy->retention_days : CallbackPolicy{}.retention_days)}}),
      wrap, "consent-how-long");
  gap(c, 3);
  centered_text(c.t, c.tree, c.t.normal, c.t.ink,
                c.tr("Changed your mind? Tell us when we call, and we delete it at once."), wrap,
                "consent-withdraw");
  const float h = c.t.mm(kNextMm);
  const float y = next_top(c) - h - c.margin;
  ImGui::SetCursorPos(ImVec2(c.margin, y));
  if (big_button(c.t, c.tree, "consent:yes", c.tr("Yes, I agree"), ImVec2(wrap, h), ButtonKind::Primary,
                 c.t.large, Icon::Yes))
    emit(c, cb::ev::Consent{true});
  ImGui::SetCursorPos(ImVec2(c.margin, next_top(c)));
  if (big_button(c.t, c.tree, "consent:no", c.tr("No, thank you"), ImVec2(wrap, h), ButtonKind::Secondary,
                 c.t.large, Icon::No))
    emit(c, cb::ev::Consent{false});
}

void thanks(Ctx& c) {
  const cb::Form& f = form_of(c);
  ImGui::SetCursorPosY(c.height * 0.1f);
  heading(c, c.tr("Thank you!"), "title");
  gap(c, 8);
  centered_text(c.t, c.tree, c.t.large, c.t.ink, c.tr("Your reference"), c.width - 2 * c.margin);
  centered_text(c.t, c.tree, c.t.huge, c.t.primary, f.reference, c.width, "reference");
  gap(c, 8);
  centered_text(c.t, c.tree, c.t.large, c.t.ink, c.tr(cb::kCallbackNextStep), c.width - 2 * c.margin,
                "next-step");
  if (!c.v.notice.empty()) {
    gap(c, 4);
    centered_text(c.t, c.tree, c.t.normal, c.t.accent, c.v.notice, c.width - 2 * c.margin, "notice");
  }
}

}  // namespace

void draw_callback(Ctx& c) {
  switch (form_of(c).step) {
    case cb::Step::topic:
      topic(c);
      break;
    case cb::Step::phone:
      phone(c);
      break;
    case cb::Step::when:
      when(c);
      break;
    case cb::Step::consent:
      consent(c);
      break;
    case cb::Step::thanks:
      thanks(c);
      break;
  }
  countdown(c);
  bottom_bar(c);
}

}  // namespace wk::ui
