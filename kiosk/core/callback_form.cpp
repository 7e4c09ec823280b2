#include "core/callback_form.hpp"

#include "core/overloaded.hpp"
#include "core/volunteer.hpp"

namespace wk::callback {
namespace {

// Room for any number a person writes, with spaces and a "(0)"; more is no phone number.
constexpr std::size_t kPhoneMaxBytes = 32;

bool offered(const LocationConfig& config, const std::string& topic) {
  const Topic* t = config.topic(topic);
  return t && t->open;
}

// Moves the form on when what this step holds is good; otherwise says what to fix.
void next(Form& f, const LocationConfig& config) {
  switch (f.step) {
    case Step::topic:
      if (!offered(config, f.topic))
        f.problem = "Choose what your question is about.";
      else
        f.step = Step::phone;
      return;
    case Step::phone:
      // The volunteer's rule exactly (core/volunteer.hpp): the service checks with the same one.
      if (auto phone = check_phone(f.phone)) {
        f.phone = phone.value();
        f.step = Step::when;
      } else {
        f.problem = phone.error().message;
      }
      return;
    case Step::when:
      if (!f.part_of_day)
        f.problem = "Choose a part of the day.";
      else
        f.step = Step::consent;
      return;
    case Step::consent:  // moved on by the consent's own answer
    case Step::thanks:
      return;
  }
}

void type_into(Form& f, const std::string& text) {
  if (f.step == Step::phone && f.phone.size() + text.size() <= kPhoneMaxBytes) f.phone += text;
}

CallbackRequest request_of(const Form& f, const Inputs& in) {
  CallbackRequest r;
  r.id = uuid_v4(in.entropy.bytes.data());
  r.created_at = in.now;
  r.language = in.language;
  r.topic = f.topic;
  r.phone = f.phone;
  r.part_of_day = f.part_of_day.value_or(PartOfDay::any);
  r.consent = true;
  return r;
}

}  // namespace

const char* step_name(Step s) {
  switch (s) {
    case Step::topic:
      return "topic";
    case Step::phone:
      return "phone";
    case Step::when:
      return "when";
    case Step::consent:
      return "consent";
    case Step::thanks:
      return "thanks";
  }
  return "?";
}

std::vector<const Topic*> topics_offered(const LocationConfig& config) {
  std::vector<const Topic*> out;
  for (const Topic& t : config.topics)
    if (t.open) out.push_back(&t);
  return out;
}

Update update(Form f, const Event& event, const Inputs& in, const LocationConfig& config) {
  std::vector<Effect> effects;
  const bool typing = std::holds_alternative<ev::Typed>(event) || std::holds_alternative<ev::Erased>(event) ||
                      std::holds_alternative<ev::KeyDown>(event) || std::holds_alternative<ev::KeyUp>(event);
  // A problem is said until the person does something about it.
  if (!f.storing && !typing) f.problem.clear();
  if (!std::holds_alternative<ev::KeyUp>(event)) f.held_key.clear();
  std::visit(Overloaded{
                 [&](const ev::TopicChosen& e) {
                   if (f.step == Step::topic && offered(config, e.topic)) f.topic = e.topic;
                 },
                 [&](const ev::Typed& e) { type_into(f, e.text); },
                 [&](const ev::Erased&) {
                   if (f.step == Step::phone && !f.phone.empty()) f.phone.pop_back();  // ASCII only
                 },
                 [&](const ev::KeyDown& e) {
                   if (f.step == Step::phone) f.held_key = e.text;
                 },
                 [&](const ev::KeyUp&) {
                   if (!f.held_key.empty()) type_into(f, f.held_key);
                   f.held_key.clear();
                 },
                 [&](const ev::PartChosen& e) {
                   if (f.step == Step::when) f.part_of_day = e.part;
                 },
                 [&](const ev::Next&) { next(f, config); },
                 [&](const ev::Back&) {
                   if (f.storing || f.step == Step::thanks) return;
                   if (f.step == Step::topic)
                     effects.emplace_back(std::in_place_type<fx::Leave>, fx::Leave{false});
                   else
                     f.step = static_cast<Step>(static_cast<int>(f.step) - 1);
                 },
                 [&](const ev::Consent& e) {
                   if (f.step != Step::consent || f.storing) return;
                   if (!e.yes) {  // "no thanks": nothing is kept, not even here
                     f = Form{};
                     effects.emplace_back(std::in_place_type<fx::Leave>, fx::Leave{false});
                     return;
                   }
                   f.storing = true;
                   effects.emplace_back(std::in_place_type<fx::Store>, fx::Store{request_of(f, in)});
                 },
                 [&](const ev::Stored& e) {
                   if (!f.storing) return;
                   f.storing = false;
                   f.id = e.id;
                   f.reference = reference_of(e.id);
                   f.step = Step::thanks;
                   // The thank-you screen needs no personal data: the number goes from memory now.
                   f.phone.clear();
                 },
                 [&](const ev::StoreFailed&) {
                   if (!f.storing) return;
                   f = Form{};
                   effects.emplace_back(std::in_place_type<fx::Leave>, fx::Leave{true});
                 },
             },
             event);
  return {std::move(f), std::move(effects)};
}

}  // namespace wk::callback
