#pragma once
// Receipt printers know no UTF-8: text goes in a one-byte code page chosen with ESC t. PC858 (ESC t 19 on
// Epson) is Latin-1's letters plus the euro sign, which covers Dutch (é, ë, ï, €) and most Western names.
#include <optional>
#include <string>
#include <string_view>

#include "print/printer.hpp"

namespace wk::print {

// The code points of UTF-8 text; an invalid or truncated sequence becomes U+FFFD, so text from config or a
// catalogue can never break the encoder.
std::u32string decode_utf8(std::string_view utf8);

// True for the ESC t pages this encoder has a table for: 0 (PC437) and 19 (PC858).
bool code_page_known(int code_page);

// The bytes `utf8` prints as in the page: a character the page lacks becomes '?', and so does every control
// character, so that text can never smuggle a printer command in. Typographic quotes, dashes and the
// ellipsis print as their ASCII look-alikes. An unknown page prints ASCII only.
Bytes to_code_page(std::string_view utf8, int code_page);

// True when to_code_page() prints every character of `utf8` as itself or its look-alike, none as '?'.
bool fits_code_page(std::string_view utf8, int code_page);

}  // namespace wk::print
