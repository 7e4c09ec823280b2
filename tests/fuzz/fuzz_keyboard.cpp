// The touch keyboard and the forms it types into (core/keyboard.cpp, volunteer_form.cpp, callback_form.cpp,
// volunteer.cpp): any run of presses, long presses, accents, erasures, steps back and forth and typed text,
// on the demo location's config. Each input byte is one event; a text event takes the key at the next
// byte's place among the keys the keyboard shows, or (Typed) the next few bytes as they are. The checks of
// a name, a phone number and an e-mail address also see the whole input at once.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/callback_form.hpp"
#include "core/config.hpp"
#include "core/keyboard.hpp"
#include "core/volunteer.hpp"
#include "core/volunteer_form.hpp"

namespace {

wk::LocationConfig demo_location() {
  std::ifstream in(WIJKKIOSK_SOURCE_DIR "/assets/locations/demo.toml");
  std::stringstream text;
  text << in.rdbuf();
  auto config = wk::location_config_from_toml(text.str(), "demo.toml");
  if (!config) std::abort();
  return config.value();
}

class Bytes {
 public:
  Bytes(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  bool empty() const { return at_ >= size_; }
  std::uint8_t next() { return at_ < size_ ? data_[at_++] : 0; }
  std::string text(std::size_t n) {
    const std::size_t take = n < size_ - at_ ? n : size_ - at_;
    std::string s(reinterpret_cast<const char*>(data_) + at_, take);
    at_ += take;
    return s;
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_, at_ = 0;
};

// A key the keyboard shows for `layout` in `language` (or one of its accents on a long press).
std::string key_text(Bytes& in, wk::KeyboardLayout layout, const std::string& language, bool capitals) {
  std::vector<std::string> keys;
  for (const auto& row : wk::keyboard_rows(layout, language, capitals))
    for (const auto& key : row) keys.push_back(key.text);
  if (keys.empty()) return {};
  const std::string& key = keys[in.next() % keys.size()];
  const auto accents = wk::accents_for(key);
  return accents.empty() ? key : accents[in.next() % accents.size()];
}

void volunteer_run(Bytes in, const wk::LocationConfig& config, const std::string& language) {
  namespace v = wk::volunteer;
  v::Form form;
  v::Inputs inputs{.now = 1'750'000'000'000, .entropy = {}, .language = language};
  while (!in.empty()) {
    const auto layout =
        form.step == v::Step::contact ? wk::KeyboardLayout::email : wk::KeyboardLayout::letters;
    v::Event e;
    switch (in.next() % 14) {
      case 0:
        e = v::ev::InterestToggled{
            config.interests.empty() ? "x" : config.interests[in.next() % config.interests.size()].id};
        break;
      case 1:
        e = v::ev::AvailabilityToggled{static_cast<wk::Availability>(in.next() % 4)};
        break;
      case 2:
        e = v::ev::Typed{in.text(in.next() % 8)};
        break;
      case 3:
        e = v::ev::Erased{};
        break;
      case 4:
        e = v::ev::KeyDown{key_text(in, layout, language, v::capitals_next(form))};
        break;
      case 5:
        e = v::ev::KeyUp{};
        break;
      case 6:
        inputs.now += in.next() * 10;
        e = v::ev::Tick{};
        break;
      case 7:
        e = v::ev::AccentChosen{key_text(in, layout, language, false)};
        break;
      case 8:
        e = v::ev::ContactKindChosen{in.next() % 2 ? v::ContactKind::email : v::ContactKind::phone};
        break;
      case 9:
        e = v::ev::Next{};
        break;
      case 10:
        e = v::ev::Back{};
        break;
      case 11:
        e = v::ev::Consent{(in.next() & 1) != 0};
        break;
      case 12:
        e = v::ev::Stored{"0b6f8a52-8c1e-4e0f-9f43-5d1f7c2a9b10"};
        break;
      default:
        e = v::ev::StoreFailed{wk::make_error("store_failed", "fuzz")};
        break;
    }
    form = v::update(std::move(form), e, inputs, config).state;
    (void)v::next_tick(form);
  }
}

void callback_run(Bytes in, const wk::LocationConfig& config, const std::string& language) {
  namespace c = wk::callback;
  c::Form form;
  const c::Inputs inputs{.now = 1'750'000'000'000, .entropy = {}, .language = language};
  const auto topics = c::topics_offered(config);
  while (!in.empty()) {
    c::Event e;
    switch (in.next() % 11) {
      case 0:
        e = c::ev::TopicChosen{topics.empty() ? "x" : topics[in.next() % topics.size()]->id};
        break;
      case 1:
        e = c::ev::Typed{in.text(in.next() % 8)};
        break;
      case 2:
        e = c::ev::Erased{};
        break;
      case 3:
        e = c::ev::KeyDown{key_text(in, wk::KeyboardLayout::digits, language, false)};
        break;
      case 4:
        e = c::ev::KeyUp{};
        break;
      case 5:
        e = c::ev::PartChosen{static_cast<wk::PartOfDay>(in.next() % 3)};
        break;
      case 6:
        e = c::ev::Next{};
        break;
      case 7:
        e = c::ev::Back{};
        break;
      case 8:
        e = c::ev::Consent{(in.next() & 1) != 0};
        break;
      case 9:
        e = c::ev::Stored{"0b6f8a52-8c1e-4e0f-9f43-5d1f7c2a9b10"};
        break;
      default:
        e = c::ev::StoreFailed{wk::make_error("store_failed", "fuzz")};
        break;
    }
    form = c::update(std::move(form), e, inputs, config).state;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const wk::LocationConfig config = demo_location();
  const std::string_view whole(reinterpret_cast<const char*>(data), size);
  (void)wk::check_first_name(whole);
  (void)wk::check_phone(whole);
  (void)wk::check_email(whole);
  (void)wk::accents_for(whole);
  if (size == 0) return 0;
  const std::string language = config.languages[data[0] % config.languages.size()];
  volunteer_run(Bytes(data + 1, size - 1), config, language);
  callback_run(Bytes(data + 1, size - 1), config, language);
  return 0;
}
