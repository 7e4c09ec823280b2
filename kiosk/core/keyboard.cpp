#include "core/keyboard.hpp"

#include "core/utf8.hpp"

#include <array>
#include <utility>

namespace wk {
namespace {

// One row of text keys from UTF-8 letters separated by spaces.
std::vector<Key> row(std::string_view letters) {
  std::vector<Key> keys;
  std::size_t start = 0;
  while (start < letters.size()) {
    const std::size_t end = letters.find(' ', start);
    const std::string_view one = letters.substr(start, end == std::string_view::npos ? end : end - start);
    if (!one.empty()) keys.push_back({Key::Kind::text, std::string(one)});
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return keys;
}

Key erase() {
  return {Key::Kind::erase, ""};
}
Key space() {
  return {Key::Kind::space, " "};
}

// The long-press letters, lower and upper case, as Dutch, Turkish, French, Spanish and Polish names need.
constexpr std::array<std::pair<std::string_view, std::string_view>, 20> kAccents{{
    {"a", "a á à â ä ã å"}, {"c", "c ç ć č"}, {"e", "e é è ê ë ę"},   {"g", "g ğ"},
    {"i", "i í ì î ï ı"},   {"n", "n ñ ń"},   {"o", "o ó ò ô ö õ ø"}, {"s", "s ş ś š ß"},
    {"u", "u ú ù û ü"},     {"y", "y ý ÿ"},   {"A", "A Á À Â Ä Ã Å"}, {"C", "C Ç Ć Č"},
    {"E", "E É È Ê Ë Ę"},   {"G", "G Ğ"},     {"I", "I Í Ì Î Ï İ"},   {"N", "N Ñ Ń"},
    {"O", "O Ó Ò Ô Ö Õ Ø"}, {"S", "S Ş Ś Š"}, {"U", "U Ú Ù Û Ü"},     {"Y", "Y Ý Ÿ"},
}};

// Tigrinya's consonants in Ge'ez, each key its first order (the vowel ä); a long press offers the seven
// orders of the syllable, which Unicode keeps together: the key's code point and the six after it.
constexpr std::string_view kGeezKeys[3] = {
    "ሀ ለ ሐ መ ረ ሰ ሸ ቀ ቐ በ ቨ",
    "ተ ቸ ነ ኘ አ ከ ኸ ወ ዐ ዘ ዠ",
    "የ ደ ጀ ገ ጠ ጨ ጰ ጸ ፀ ፈ ፐ",
};

}  // namespace

KeyRows keyboard_rows(KeyboardLayout layout, const std::string& language, bool capitals) {
  switch (layout) {
    case KeyboardLayout::digits:
      return {row("1 2 3"),
              row("4 5 6"),
              row("7 8 9"),
              {{Key::Kind::text, "+"}, {Key::Kind::text, "0"}, erase()}};
    case KeyboardLayout::email:
      return {row("1 2 3 4 5 6 7 8 9 0"),
              row("q w e r t y u i o p"),
              row("a s d f g h j k l"),
              row("z x c v b n m . - _"),
              {{Key::Kind::text, "@"}, {Key::Kind::text, ".nl"}, {Key::Kind::text, ".com"}, erase()}};
    case KeyboardLayout::letters:
      break;
  }
  // Scripts without capitals: the same keys whatever `capitals` says.
  if (language == "ar")
    return {row("ض ص ث ق ف غ ع ه خ ح ج"),
            row("ش س ي ب ل ا ت ن م ك ط"),
            row("ء ؤ ر ى ة و ز ظ د ذ ئ"),
            {space(), erase()}};
  if (language == "ti") return {row(kGeezKeys[0]), row(kGeezKeys[1]), row(kGeezKeys[2]), {space(), erase()}};
  if (language == "uk" && capitals)
    return {row("Й Ц У К Е Н Г Ш Щ З Х Ї"),
            row("Ф І В А П Р О Л Д Ж Є Ґ"),
            row("Я Ч С М И Т Ь Б Ю ' -"),
            {space(), erase()}};
  if (language == "uk")
    return {row("й ц у к е н г ш щ з х ї"),
            row("ф і в а п р о л д ж є ґ"),
            row("я ч с м и т ь б ю ' -"),
            {space(), erase()}};
  if (capitals)
    return {
        row("Q W E R T Y U I O P"), row("A S D F G H J K L"), row("Z X C V B N M ' -"), {space(), erase()}};
  return {row("q w e r t y u i o p"), row("a s d f g h j k l"), row("z x c v b n m ' -"), {space(), erase()}};
}

std::vector<std::string> accents_for(std::string_view key) {
  if (key == "ا") return {"ا", "أ", "إ", "آ"};  // alef and its hamza and madda forms
  std::size_t at = 0;
  if (const char32_t c = key.empty() ? 0 : next_code_point(key, at);
      at == key.size() && c >= 0x1200 && c <= 0x1357 && (c - 0x1200) % 8 == 0) {
    std::vector<std::string> orders;
    for (char32_t o = 0; o < 7; ++o) orders.push_back(to_utf8(c + o));
    return orders;
  }
  for (const auto& [base, letters] : kAccents)
    if (base == key) {
      std::vector<std::string> out;
      for (const auto& k : row(letters)) out.push_back(k.text);
      return out;
    }
  return {std::string(key)};
}

}  // namespace wk
