#include "ui/volunteer_screens.hpp"

#include <algorithm>

#include "core/keyboard.hpp"
#include "ui/widgets.hpp"

namespace wk::ui {
namespace {

namespace v = volunteer;

constexpr float kNextMm = 20;
constexpr float kKeyMm = 19;
constexpr float kKeyGapMm = 3;  // issue 15: at least 3 mm between targets

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

// What has been typed, in a box with a caret; recorded as the field's text.
void field_box(Ctx& c, const std::string& text) {
  const float h = c.t.mm(20);
  const float w = c.width - 2 * c.margin;
  ImGui::SetCursorPosX(c.margin);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), c.t.tile, c.t.mm(2));
  dl->AddRect(p, ImVec2(p.x + w, p.y + h), c.t.tile_border, c.t.mm(2), 0, c.t.mm(0.8f));
  const std::string shown = c.t.shown(text) + "|";
  ImFont* f = c.t.large;
  const ImVec2 ts = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, shown.c_str());
  // The end of a long entry stays in sight: it is where the next letter goes.
  const float x = p.x + c.t.mm(4) + std::min(0.0f, w - c.t.mm(8) - ts.x);
  dl->PushClipRect(p, ImVec2(p.x + w, p.y + h), true);
  dl->AddText(f, f->FontSize, ImVec2(x, p.y + (h - ts.y) / 2), c.t.ink, shown.c_str());
  dl->PopClipRect();
  const ImVec2 wp = ImGui::GetWindowPos();
  record_text(c.tree, "field", text, ImVec2(p.x - wp.x, p.y - wp.y), ImVec2(p.x - wp.x + w, p.y - wp.y + h),
              f, true);
  ImGui::Dummy(ImVec2(w, h));
}

// A key drawn as the picker's buttons are, but not one yet: the finger is still on the key it came from.
void preview_key(Ctx& c, const std::string& text, ImVec2 size) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), c.t.primary, c.t.mm(3));
  const ImVec2 ts = c.t.large->CalcTextSizeA(c.t.large->FontSize, FLT_MAX, 0, text.c_str());
  dl->AddText(c.t.large, c.t.large->FontSize, ImVec2(p.x + (size.x - ts.x) / 2, p.y + (size.y - ts.y) / 2),
              c.t.primary_text, text.c_str());
}

// The keyboard's rows from core, bottom-aligned just above "next"; a key reports press and release, and
// core makes a short press a letter and a long one the accent picker.
void keyboard(Ctx& c, KeyboardLayout layout) {
  const v::Form& f = form_of(c);
  const KeyRows rows = keyboard_rows(layout, c.lang, v::capitals_next(f));
  const float key_h = c.t.mm(kKeyMm);
  const float gap_px = c.t.mm(kKeyGapMm);
  std::size_t widest = 1;
  for (const auto& row : rows) {
    std::size_t units = 0;
    for (const Key& k : row) units += k.kind == Key::Kind::space ? 4 : k.kind == Key::Kind::erase ? 2 : 1;
    widest = std::max(widest, units);
  }
  const float unit =
      (c.width - 2 * c.margin - gap_px * static_cast<float>(widest - 1)) / static_cast<float>(widest);
  float y = next_top(c) - c.margin - static_cast<float>(rows.size()) * (key_h + gap_px);
  // The accent picker, over the row above the keyboard: the letters the held key offers. While the finger
  // is still on the key they only show; once it lifts they are buttons to tap.
  if (!f.accents.empty()) {
    const float ay = y - c.t.mm(kKeyMm + 2 + kKeyGapMm);  // its keys are 2 mm taller; a gap above the keys
    const float aw = std::max(unit, c.t.mm(Theme::kMinTargetMm));
    const ImVec2 size(aw, key_h + c.t.mm(2));
    const bool lifted = f.held_key.empty();
    float x = (c.width - static_cast<float>(f.accents.size()) * (aw + gap_px)) / 2;
    std::string offered;
    for (const std::string& a : f.accents) {
      ImGui::SetCursorPos(ImVec2(x, ay));
      if (lifted) {
        if (big_button(c.t, c.tree, "accent:" + a, a, size, ButtonKind::Primary, c.t.large))
          emit(c, v::ev::AccentChosen{a});
      } else {
        preview_key(c, a, size);
        offered += (offered.empty() ? "" : " ") + a;
      }
      x += aw + gap_px;
    }
    if (!lifted)
      record_text(c.tree, "accents-offered", offered, ImVec2(0, ay), ImVec2(c.width, ay + size.y), c.t.large);
  }
  for (const auto& row : rows) {
    std::size_t units = 0;
    for (const Key& k : row) units += k.kind == Key::Kind::space ? 4 : k.kind == Key::Kind::erase ? 2 : 1;
    float x = (c.width - static_cast<float>(units) * unit - gap_px * static_cast<float>(row.size() - 1)) / 2;
    for (const Key& k : row) {
      const float span = k.kind == Key::Kind::space ? 4 : k.kind == Key::Kind::erase ? 2 : 1;
      const float w = unit * span + gap_px * (span - 1);
      ImGui::SetCursorPos(ImVec2(x, y));
      if (k.kind == Key::Kind::erase) {
        if (big_button(c.t, c.tree, "key:erase", c.tr("Erase"), ImVec2(w, key_h), ButtonKind::Secondary,
                       nullptr, Icon::Erase))
          emit(c, v::ev::Erased{});
      } else if (k.kind == Key::Kind::space) {
        if (big_button(c.t, c.tree, "key:space", c.tr("Space"), ImVec2(w, key_h), ButtonKind::Secondary))
          emit(c, v::ev::Typed{" "});
      } else {
        big_button(c.t, c.tree, "key:" + k.text, k.text, ImVec2(w, key_h), ButtonKind::Secondary, c.t.large);
        if (ImGui::IsItemActivated()) emit(c, v::ev::KeyDown{k.text});
        if (ImGui::IsItemDeactivated()) emit(c, v::ev::KeyUp{});
      }
      x += w + gap_px;
    }
    y += key_h + gap_px;
  }
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
