// The status page's plural rule: the CLDR categories the page's script gets from Intl.PluralRules, so
// the page's first render and its updates say "1 minuut" and "5 хвилин" alike.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "service/status_page_texts.hpp"

namespace wk::service::http {
namespace {

TEST(StatusPageTexts, OneMinuteIsSingularInEveryLanguage) {
  for (const std::string lang : {"nl", "en", "tr", "ar", "pl", "uk", "ti"}) {
    SCOPED_TRACE(lang);
    const PageTexts& tx = page_texts(lang);
    EXPECT_EQ(tx.lang, lang);
    EXPECT_EQ(plural_category(lang, 1), "one");
    // Arabic says "one minute" in words; every other language shows the number.
    EXPECT_EQ(tx.wait.form("one").find("{n}") == std::string::npos, lang == "ar");
    EXPECT_NE(tx.wait.other.find("{n}"), std::string::npos);
    for (const std::string_view text : {tx.position, tx.desk}) EXPECT_NE(text.find("{n}"), std::string::npos);
  }
  EXPECT_EQ(page_texts("nl").wait.form("one"), "Wachttijd: ongeveer {n} minuut");
  EXPECT_EQ(page_texts("nl").wait.form(plural_category("nl", 5)), "Wachttijd: ongeveer {n} minuten");
  EXPECT_EQ(page_texts("en").wait.form("one"), "Waiting time: about {n} minute");
  EXPECT_EQ(page_texts("en").wait.form(plural_category("en", 0)), "Waiting time: about {n} minutes");
  EXPECT_EQ(page_texts("tr").wait.form(plural_category("tr", 7)), "Bekleme süresi: yaklaşık {n} dakika");
}

TEST(StatusPageTexts, UkrainianHasOneFewAndManyAsCldrSays) {
  for (const int n : {1, 21, 31, 101, 121}) EXPECT_EQ(plural_category("uk", n), "one") << n;
  for (const int n : {2, 3, 4, 22, 24, 102}) EXPECT_EQ(plural_category("uk", n), "few") << n;
  for (const int n : {0, 5, 11, 12, 14, 19, 20, 25, 111, 112})
    EXPECT_EQ(plural_category("uk", n), "many") << n;
  const PluralForms& w = page_texts("uk").wait;
  EXPECT_EQ(w.form(plural_category("uk", 21)), "Час очікування: приблизно {n} хвилина");
  EXPECT_EQ(w.form(plural_category("uk", 3)), "Час очікування: приблизно {n} хвилини");
  EXPECT_EQ(w.form(plural_category("uk", 11)), "Час очікування: приблизно {n} хвилин");
}

TEST(StatusPageTexts, PolishHasOneFewAndManyAsCldrSays) {
  EXPECT_EQ(plural_category("pl", 1), "one");
  for (const int n : {2, 3, 4, 22, 24, 102}) EXPECT_EQ(plural_category("pl", n), "few") << n;
  for (const int n : {0, 5, 11, 12, 14, 21, 25, 101, 111, 112})
    EXPECT_EQ(plural_category("pl", n), "many") << n;
  const PluralForms& w = page_texts("pl").wait;
  EXPECT_EQ(w.form(plural_category("pl", 1)), "Czas oczekiwania: ok. {n} minuta");
  EXPECT_EQ(w.form(plural_category("pl", 3)), "Czas oczekiwania: ok. {n} minuty");
  EXPECT_EQ(w.form(plural_category("pl", 21)), "Czas oczekiwania: ok. {n} minut");
}

TEST(StatusPageTexts, ArabicHasAllSixCategoriesAsCldrSays) {
  EXPECT_EQ(plural_category("ar", 0), "zero");
  EXPECT_EQ(plural_category("ar", 1), "one");
  EXPECT_EQ(plural_category("ar", 2), "two");
  for (const int n : {3, 5, 10, 103, 110, 1003}) EXPECT_EQ(plural_category("ar", n), "few") << n;
  for (const int n : {11, 26, 99, 111, 199, 1011}) EXPECT_EQ(plural_category("ar", n), "many") << n;
  for (const int n : {100, 101, 102, 200, 202, 1000}) EXPECT_EQ(plural_category("ar", n), "other") << n;
  const PluralForms& w = page_texts("ar").wait;
  EXPECT_EQ(w.form(plural_category("ar", 1)), "وقت الانتظار: حوالي دقيقة واحدة");
  EXPECT_EQ(w.form(plural_category("ar", 2)), "وقت الانتظار: حوالي دقيقتين");
  EXPECT_EQ(w.form(plural_category("ar", 7)), "وقت الانتظار: حوالي {n} دقائق");
  EXPECT_EQ(w.form(plural_category("ar", 15)), "وقت الانتظار: حوالي {n} دقيقة");
  EXPECT_EQ(w.form(plural_category("ar", 100)), "وقت الانتظار: حوالي {n} دقيقة");
  // Six different forms but for many and other, which Arabic writes alike with a number.
  for (const std::string_view c : kPluralCategories) EXPECT_FALSE(w.form(c).empty()) << c;
  EXPECT_NE(w.form("zero"), w.other);
  EXPECT_NE(w.form("two"), w.form("one"));
  EXPECT_NE(w.form("few"), w.form("many"));
}

TEST(StatusPageTexts, TigrinyaCountsZeroAndOneAsOne) {
  for (const int n : {0, 1}) EXPECT_EQ(plural_category("ti", n), "one") << n;
  for (const int n : {2, 5, 11, 21, 100}) EXPECT_EQ(plural_category("ti", n), "other") << n;
  const PluralForms& w = page_texts("ti").wait;
  EXPECT_EQ(w.form(plural_category("ti", 1)), "ግዜ ምጽባይ፦ ኣስታት {n} ደቒቕ");
  EXPECT_EQ(w.form(plural_category("ti", 5)), "ግዜ ምጽባይ፦ ኣስታት {n} ደቓይቕ");
  // A language without a category's form says `other`.
  EXPECT_EQ(w.form("few"), w.other);
  EXPECT_EQ(page_texts("nl").wait.form("two"), page_texts("nl").wait.other);
}

TEST(StatusPageTexts, AnUnknownLanguageIsDutchLeftToRight) {
  EXPECT_EQ(page_texts("xx").lang, "nl");
  EXPECT_EQ(page_texts("").lang, "nl");
  for (const std::string lang : {"nl", "en", "tr", "pl", "uk", "ti"}) EXPECT_EQ(page_texts(lang).dir, "ltr");
  EXPECT_EQ(page_texts("ar").dir, "rtl");
}

}  // namespace
}  // namespace wk::service::http
