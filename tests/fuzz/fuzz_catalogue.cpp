// A .po catalogue (core/catalogue.cpp) as translators' tools write it, or broken: parsed, then every text
// looked up and filled as the screens do (tr, fill with the placeholders, language name, direction).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/catalogue.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto parsed = wk::Catalogue::parse(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.po");
  if (!parsed) return 0;
  wk::Catalogues all;
  all.add("xx", parsed.value());
  const wk::Catalogue& c = *all.get("xx");
  for (const auto& text : c.texts()) {
    (void)wk::fill(text, {{"n", "3"}, {"code", "S-012"}, {"minutes", "15"}, {"", "empty"}});
    (void)c.tr(text);
    (void)all.tr("nl", text);
  }
  (void)c.language_name();
  (void)c.right_to_left();
  (void)all.language_name("xx");
  return 0;
}
