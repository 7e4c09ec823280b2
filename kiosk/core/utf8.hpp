#pragma once
// UTF-8, the one encoding of every text the kiosk handles: reading code points out of it (a name's letters,
// a key's syllable) and writing them back.
#include <cstddef>
#include <string>
#include <string_view>

namespace wk {

// The code point at `i`, moving `i` past it; U+FFFD for a broken sequence (which no check accepts).
char32_t next_code_point(std::string_view s, std::size_t& i);
std::string to_utf8(char32_t c);

}  // namespace wk
