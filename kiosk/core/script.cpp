#include "core/script.hpp"

#include <algorithm>

namespace wk {

Script script_of(std::string_view language) {
  if (language == "ar" || language == "fa" || language == "ur" || language == "ps") return Script::arabic;
  if (language == "ti" || language == "am") return Script::ethiopic;
  return Script::latin_cyrillic;
}

bool any_written_in(const std::vector<std::string>& languages, Script script) {
  return std::any_of(languages.begin(), languages.end(),
                     [script](const std::string& l) { return script_of(l) == script; });
}

}  // namespace wk
