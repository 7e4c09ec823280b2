// The touch keyboard's keys: every layout can erase, phone numbers get digits and +, e-mail addresses
// @ and the common endings, names their script's letters and, on a long press, their diacritics.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/keyboard.hpp"
#include "core/volunteer.hpp"

namespace wk {
namespace {

std::vector<std::string> texts(const KeyRows& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows)
    for (const auto& k : r)
      if (k.kind == Key::Kind::text) out.push_back(k.text);
  return out;
}
bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}
bool can_erase(const KeyRows& rows) {
  for (const auto& r : rows)
    for (const auto& k : r)
      if (k.kind == Key::Kind::erase) return true;
  return false;
}

TEST(Keyboard, EveryLayoutErasesAndHasNoEmptyKey) {
  for (const auto layout : {KeyboardLayout::letters, KeyboardLayout::digits, KeyboardLayout::email})
    for (const char* lang : {"nl", "en", "tr", "uk"}) {
      const KeyRows rows = keyboard_rows(layout, lang);
      EXPECT_TRUE(can_erase(rows)) << lang;
      for (const auto& t : texts(rows)) EXPECT_FALSE(t.empty()) << lang;
    }
}

TEST(Keyboard, PhoneNumbersAndEmailAddressesCanBeTypedWithTheirOwnKeys) {
  const auto digits = texts(keyboard_rows(KeyboardLayout::digits, "nl"));
  for (const char* d : {"0", "1", "5", "9", "+"}) EXPECT_TRUE(has(digits, d)) << d;
  EXPECT_EQ(digits.size(), 11u) << "nothing a phone number cannot hold";
  const auto email = texts(keyboard_rows(KeyboardLayout::email, "nl"));
  for (const char* k : {"@", ".nl", ".com", ".", "-", "_", "a", "z", "0"}) EXPECT_TRUE(has(email, k)) << k;
  // What the keys type together passes the form's own check.
  EXPECT_TRUE(check_email(std::string("n") + "@" + "v" + ".nl"));
  EXPECT_TRUE(check_phone(std::string("+") + "31" + "612345678"));
}

TEST(Keyboard, NamesGetTheirScriptAndTheirDiacriticsOnALongPress) {
  const auto latin = texts(keyboard_rows(KeyboardLayout::letters, "nl"));
  EXPECT_EQ(std::count_if(latin.begin(), latin.end(),
                          [](const std::string& k) { return k.size() == 1 && k[0] >= 'a' && k[0] <= 'z'; }),
            26);
  EXPECT_TRUE(has(latin, "'") && has(latin, "-"));
  const auto cyrillic = texts(keyboard_rows(KeyboardLayout::letters, "uk"));
  for (const char* k : {"і", "ї", "є", "ґ", "ж"}) EXPECT_TRUE(has(cyrillic, k)) << k;
  EXPECT_EQ(accents_for("e"), (std::vector<std::string>{"e", "é", "è", "ê", "ë", "ę"}));
  EXPECT_TRUE(has(accents_for("c"), "ç"));
  EXPECT_TRUE(has(accents_for("n"), "ñ"));
  EXPECT_TRUE(has(accents_for("s"), "ş"));
  EXPECT_TRUE(has(accents_for("I"), "İ"));
  EXPECT_EQ(accents_for("k"), (std::vector<std::string>{"k"}));
  // Every letter a long press offers is one a first name may hold.
  for (const char* base : {"a", "c", "e", "g", "i", "n", "o", "s", "u", "y", "A", "E", "I", "O", "U"})
    for (const auto& letter : accents_for(base)) EXPECT_TRUE(check_first_name("Jo" + letter)) << letter;
}

// Arabic and Tigrinya names are typed in their own script: the 28 Arabic letters with hamza's seats and
// alef's forms on a long press; Tigrinya's consonants in Ge'ez, each long press the syllable's seven orders.
TEST(Keyboard, ArabicAndTigrinyaNamesAreTypedInTheirOwnScript) {
  const auto arabic = texts(keyboard_rows(KeyboardLayout::letters, "ar"));
  EXPECT_EQ(arabic, texts(keyboard_rows(KeyboardLayout::letters, "ar", true)));  // no capitals
  for (const char* k : {"ا", "ب", "ت", "ث", "ج", "ح", "خ", "د", "ذ", "ر", "ز", "س", "ش", "ص", "ض",
                        "ط", "ظ", "ع", "غ", "ف", "ق", "ك", "ل", "م", "ن", "ه", "و", "ي", "ء", "ة"})
    EXPECT_TRUE(has(arabic, k)) << k;
  EXPECT_EQ(accents_for("ا"), (std::vector<std::string>{"ا", "أ", "إ", "آ"}));
  const auto geez = texts(keyboard_rows(KeyboardLayout::letters, "ti"));
  EXPECT_EQ(geez.size(), 33u);
  EXPECT_EQ(accents_for("ለ"), (std::vector<std::string>{"ለ", "ሉ", "ሊ", "ላ", "ሌ", "ል", "ሎ"}));
  EXPECT_EQ(accents_for("ቐ"), (std::vector<std::string>{"ቐ", "ቑ", "ቒ", "ቓ", "ቔ", "ቕ", "ቖ"}));
  EXPECT_EQ(accents_for("ሉ"), (std::vector<std::string>{"ሉ"}));  // not a key: no picker
  // Every key and every order it offers may stand in a first name ("ሳራ", "سارة").
  for (const auto& key : geez)
    for (const auto& syllable : accents_for(key)) EXPECT_TRUE(check_first_name(syllable + "ራ")) << syllable;
  for (const auto& key : arabic)
    for (const auto& letter : accents_for(key)) EXPECT_TRUE(check_first_name("سا" + letter)) << letter;
}

}  // namespace
}  // namespace wk
