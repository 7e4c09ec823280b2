#pragma once
// Which writing system a language is written in: the app loads a script's glyphs only when one of the
// location's languages needs them (fonts cost memory), and the printer draws such text as an image.
// A domain rule, so it lives here once: the app and the printer ask, they do not decide.
#include <string>
#include <string_view>
#include <vector>

namespace wk {

enum class Script { latin_cyrillic, arabic, ethiopic };

// By ISO 639-1 code (or 639-3 where there is none): "ar", "fa", "ur" and "ps" are written in Arabic
// script, "ti" and "am" in Ge'ez (Ethiopic); everything the kiosk offers besides in Latin or Cyrillic.
Script script_of(std::string_view language);

// Whether any of `languages` is written in `script`.
bool any_written_in(const std::vector<std::string>& languages, Script script);

}  // namespace wk
