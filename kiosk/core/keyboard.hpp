#pragma once
// The kiosk's touch keyboard as data: which keys, in which rows, for what is being typed (a name, a phone
// number, an e-mail address) and in which language; and the letters a long press on a key offers, so the
// diacritics names need (é, ë, ï, ö, ü, ç, ñ, ş, ğ …) are there without a physical keyboard. The screen
// draws these rows and sends each key's text as an event; it decides nothing itself.
#include <string>
#include <string_view>
#include <vector>

namespace wk {

enum class KeyboardLayout { letters, digits, email };

struct Key {
  enum class Kind { text, space, erase };
  Kind kind = Kind::text;
  std::string text;  // what a tap types (UTF-8); for space " ", for erase nothing
};
using KeyRows = std::vector<std::vector<Key>>;

// Letters in the resident's script: Cyrillic for Ukrainian, Latin (QWERTY, as Dutch keyboards are) else.
// `capitals`: the letters in upper case, as a name's words begin (the form says when: no shift key to find).
KeyRows keyboard_rows(KeyboardLayout layout, const std::string& language, bool capitals = false);
// The letters a long press on `key` offers, the key's own letter first; just the key when it has none.
std::vector<std::string> accents_for(std::string_view key);

}  // namespace wk
