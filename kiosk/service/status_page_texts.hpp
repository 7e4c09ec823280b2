#pragma once
// The status page's words per language, apart from its markup: a translator edits one table, and the
// plural rule that picks "1 minuut" or "5 minuten" is tested on its own.
#include <cstdint>
#include <string_view>

namespace wk::service::http {

// A count's forms by CLDR plural category ({n} is the number; a form may leave it out, as Arabic says
// "one minute" and "two minutes" in words). An empty form means `other`: Dutch, English, Turkish and
// Tigrinya have one and other, Polish and Ukrainian also few and many, Arabic all six.
struct PluralForms {
  std::string_view zero, one, two, few, many, other;
  // The form for `category` ("zero", "one", "two", "few", "many", "other"), `other` when the language
  // has no such form.
  std::string_view form(std::string_view category) const;
};

// The six CLDR categories, in CLDR's order.
inline constexpr std::string_view kPluralCategories[] = {"zero", "one", "two", "few", "many", "other"};

// Texts per language; {n} is filled in. Plain Dutch (B1), 'u'. dir: "ltr" or "rtl", for <html dir>.
struct PageTexts {
  std::string_view lang, dir, your_number, position;
  PluralForms wait;
  std::string_view turn, desk, served, no_show, keep_open, offline, unknown_title, unknown_text, expired;
  // A ticket joined from home, near its turn: "come in now: {n} people before you", and with nobody left
  // before it.
  PluralForms come_in;
  std::string_view come_next;
};

// The texts of `lang` ("nl", "en", ...), Dutch for an empty or unknown one.
const PageTexts& page_texts(std::string_view lang);

// The CLDR cardinal plural category of the whole number `n` in `lang`: what the page's script gets from
// Intl.PluralRules, so the first render and every update choose the same form.
std::string_view plural_category(std::string_view lang, std::int64_t n);

}  // namespace wk::service::http
