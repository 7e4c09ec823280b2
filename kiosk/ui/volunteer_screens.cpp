#include "ui/volunteer_screens.hpp"

#include <algorithm>

#include "core/keyboard.hpp"
#include "ui/touch_keyboard.hpp"
#include "ui/widgets.hpp"

namespace wk::ui {
namespace {

namespace v = volunteer;

constexpr float kNextMm = 20;

void emit(Ctx& c, v::Event e) {
  c.out.push_back(ev::Volunteer{std::move(e)});
}

const v::Form& form_of(const Ctx& c) {
  return *c.v.state->session.volunteer;
}

// "Next", just above the countdown's band; the content of a step ends above it.
float next_top(const Ctx& c) {
  return content_bottom(c) - c.t.mm(kNextMm);
}

void next_button(Ctx& c) {
  ImGui::SetCursorPos(ImVec2(c.margin, next_top(c)));
  if (big_button(c.t, c.tree, "next", c.tr("Next"), ImVec2(c.width - 2 * c.margin, c.t.mm(kNextMm)),
                 ButtonKind::Primary, c.t.large, Icon::Next))
    emit(c, v::ev::Next{});
}

// What to fix, in words, right under what it is about.
void problem_line(Ctx& c) {
  const std::string& problem = form_of(c).problem;
  if (problem.empty()) return;
  gap(c, 2);
  centered_text(c.t, c.tree, c.t.normal, c.t.accent, c.tr(problem), c.width - 2 * c.margin, "problem");
}

void title(Ctx& c, const char* msgid, const char* hint = nullptr) {
  ImGui::SetCursorPosY(c.margin * 2);
  heading(c, c.tr(msgid), "title");
  if (hint) {
    gap(c, 2);
    centered_text(c.t, c.tree, c.t.normal, c.t.muted, c.tr(hint), c.width - 2 * c.margin, "hint");
  }
  gap(c, 5);
}

// Choice tiles in one or two columns between `top` and `bottom`, as large as fit, a finger's height at
// least.
struct Grid {
  float top, w, h, gap;
  int cols;
  ImVec2 at(const Ctx& c, std::size_t i) const {
    return ImVec2(c.margin + static_cast<float>(i % static_cast<std::size_t>(cols)) * (w + gap),
                  top + static_cast<float>(i / static_cast<std::size_t>(cols)) * (h + gap));
  }
};
Grid grid(const Ctx& c, std::size_t n, float bottom, float max_mm) {
  const float top = ImGui::GetCursorPosY();
  const float gap_px = c.t.mm(3);
  const float min_row = c.t.mm(Theme::kMinTargetMm) + gap_px;
  const bool fits_one = static_cast<float>(n) * min_row <= bottom - top;
  const int cols = c.width > c.height || !fits_one ? 2 : 1;
  const int rows =
      static_cast<int>((n + static_cast<std::size_t>(cols) - 1) / static_cast<std::size_t>(cols));
  const float h =
      std::clamp((bottom - top - gap_px * static_cast<float>(rows)) / static_cast<float>(std::max(rows, 1)),
                 c.t.mm(Theme::kMinTargetMm), c.t.mm(max_mm));
  const float w = (c.width - 2 * c.margin - gap_px * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  return {top, w, h, gap_px, cols};
}

void interests(Ctx& c) {
  const KioskState& s = *c.v.state;
  const v::Form& f = form_of(c);
  title(c, "What would you like to do?", "Choose one or more.");
  const float bottom = next_top(c) - c.margin - (f.problem.empty() ? 0 : c.t.mm(12));
  const Grid g = grid(c, s.config.interests.size(), bottom, 28);
  for (std::size_t i = 0; i < s.config.interests.size(); ++i) {
    const Interest& in = s.config.interests[i];
    const auto pic = c.v.pictograms.find(in.pictogram);
    const bool on = std::find(f.interests.begin(), f.interests.end(), in.id) != f.interests.end();
    ImGui::SetCursorPos(g.at(c, i));
    if (choice_tile(c.t, c.tree, "interest:" + in.id, s.config.text_in(in.names, c.lang),
                    pic == c.v.pictograms.end() ? nullptr : pic->second, ImVec2(g.w, g.h), on))
      emit(c, v::ev::InterestToggled{in.id});
  }
  ImGui::SetCursorPosY(bottom + c.t.mm(1));
  problem_line(c);
  next_button(c);
}

void when(Ctx& c) {
  const v::Form& f = form_of(c);
  title(c, "When can you help?", "Choose one or more.");
  static constexpr struct {
    Availability a;
    const char* msgid;
  } kParts[] = {{Availability::mornings, "Mornings"},
                {Availability::afternoons, "Afternoons"},
                {Availability::evenings, "Evenings"},
                {Availability::weekends, "Weekends"}};
  const float bottom = next_top(c) - c.margin - (f.problem.empty() ? 0 : c.t.mm(12));
  const Grid g = grid(c, std::size(kParts), bottom, 26);
  for (std::size_t i = 0; i < std::size(kParts); ++i) {
    const bool on =
        std::find(f.availability.begin(), f.availability.end(), kParts[i].a) != f.availability.end();
    ImGui::SetCursorPos(g.at(c, i));
    if (choice_tile(c.t, c.tree, std::string("when:") + availability_name(kParts[i].a), c.tr(kParts[i].msgid),
                    nullptr, ImVec2(g.w, g.h), on))
      emit(c, v::ev::AvailabilityToggled{kParts[i].a});
  }
  ImGui::SetCursorPosY(bottom + c.t.mm(1));
  problem_line(c);
  next_button(c);
}

// The shared keyboard (ui/touch_keyboard.hpp), bottom-aligned just above "next"; a key reports press and
// release, and core makes a short press a letter and a long one the accent picker.
void keyboard(Ctx& c, KeyboardLayout layout) {
  const v::Form& f = form_of(c);
  KeyEvents on;
  on.down = [&c](const std::string& k) { emit(c, v::ev::KeyDown{k}); };
  on.up = [&c] { emit(c, v::ev::KeyUp{}); };
  on.erase = [&c] { emit(c, v::ev::Erased{}); };
  on.type = [&c](const std::string& k) { emit(c, v::ev::Typed{k}); };
  on.accent = [&c](const std::string& k) { emit(c, v::ev::AccentChosen{k}); };
  touch_keyboard(c, keyboard_rows(layout, c.lang, v::capitals_next(f)), next_top(c) - c.margin, f.accents,
                 !f.held_key.empty(), on);
}

void name(Ctx& c) {
  title(c, "What is your first name?", "Hold a key for letters like é, ë or ç.");
  field_box(c, form_of(c).first_name);
  problem_line(c);
  keyboard(c, KeyboardLayout::letters);
  next_button(c);
}

void contact(Ctx& c) {
  const v::Form& f = form_of(c);
  title(c, "How can we reach you?");
  const float w = (c.width - 3 * c.margin) / 2;
  const float h = c.t.mm(Theme::kMinTargetMm + 3);
  ImGui::SetCursorPosX(c.mirror(c.margin, w));
  const float y = ImGui::GetCursorPosY();
  if (choice_tile(c.t, c.tree, "contact:phone", c.tr("Phone number"), nullptr, ImVec2(w, h),
                  f.contact_kind == v::ContactKind::phone))
    emit(c, v::ev::ContactKindChosen{v::ContactKind::phone});
  ImGui::SetCursorPos(ImVec2(c.mirror(2 * c.margin + w, w), y));
  if (choice_tile(c.t, c.tree, "contact:email", c.tr("E-mail address"), nullptr, ImVec2(w, h),
                  f.contact_kind == v::ContactKind::email))
    emit(c, v::ev::ContactKindChosen{v::ContactKind::email});
  gap(c, 4);
  field_box(c, f.contact);
  problem_line(c);
  keyboard(c, f.contact_kind == v::ContactKind::phone ? KeyboardLayout::digits : KeyboardLayout::email);
  next_button(c);
}

void consent(Ctx& c) {
  const v::Form& f = form_of(c);
  title(c, "May we keep your details?");
  const float wrap = c.width - 2 * c.margin;
  // What is kept, who sees it, for how long, how to withdraw: in that order, in plain words.
  const std::string kept =
      fill(c.tr("We keep your first name ({name}), your {contact} and what you would like to do, and when."),
           {{"name", f.first_name}, {"contact", f.contact}});
  centered_text(c.t, c.tree, c.t.normal, c.t.ink, kept, wrap, "consent-what", true);
  gap(c, 3);
  centered_text(c.t, c.tree, c.t.normal, c.t.ink,
                c.tr("Only the neighbourhood team of this location sees them."), wrap, "consent-who");
  gap(c, 3);
  centered_text(
      c.t, c.tree, c.t.normal, c.t.ink,
      fill(c.tr("We delete them {handled} days after we contacted you, and after {unhandled} days at "
                "the latest."),
           {{"handled", std::to_string(c.v.state->config.volunteer_retention.handled_days)},
            {"unhandled", std::to_string(c.v.state->config.volunteer_retention.unhandled_days)}}),
      wrap, "consent-how-long");
  gap(c, 3);
  centered_text(c.t, c.tree, c.t.normal, c.t.ink,
                c.tr("Changed your mind? Tell us at the desk or when we call, and we delete them at once."),
                wrap, "consent-withdraw");
  const float h = c.t.mm(kNextMm);
  const float y = next_top(c) - h - c.margin;
  ImGui::SetCursorPos(ImVec2(c.margin, y));
  if (big_button(c.t, c.tree, "consent:yes", c.tr("Yes, I agree"), ImVec2(wrap, h), ButtonKind::Primary,
                 c.t.large, Icon::Yes))
    emit(c, v::ev::Consent{true});
  ImGui::SetCursorPos(ImVec2(c.margin, next_top(c)));
  if (big_button(c.t, c.tree, "consent:no", c.tr("No, thank you"), ImVec2(wrap, h), ButtonKind::Secondary,
                 c.t.large, Icon::No))
    emit(c, v::ev::Consent{false});
}

void thanks(Ctx& c) {
  const v::Form& f = form_of(c);
  ImGui::SetCursorPosY(c.height * 0.1f);
  heading(c, c.tr("Thank you!"), "title");
  gap(c, 8);
  centered_text(c.t, c.tree, c.t.large, c.t.ink, c.tr("Your reference"), c.width - 2 * c.margin);
  centered_text(c.t, c.tree, c.t.huge, c.t.primary, f.reference, c.width, "reference");
  gap(c, 8);
  centered_text(c.t, c.tree, c.t.large, c.t.ink, c.tr(v::kVolunteerNextStep), c.width - 2 * c.margin,
                "next-step");
  if (!c.v.notice.empty()) {
    gap(c, 4);
    centered_text(c.t, c.tree, c.t.normal, c.t.accent, c.v.notice, c.width - 2 * c.margin, "notice");
  }
}

}  // namespace

void draw_volunteer(Ctx& c) {
  switch (form_of(c).step) {
    case v::Step::interests:
      interests(c);
      break;
    case v::Step::when:
      when(c);
      break;
    case v::Step::name:
      name(c);
      break;
    case v::Step::contact:
      contact(c);
      break;
    case v::Step::consent:
      consent(c);
      break;
    case v::Step::thanks:
      thanks(c);
      break;
  }
  countdown(c);
  bottom_bar(c);
}

}  // namespace wk::ui
