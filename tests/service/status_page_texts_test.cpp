// The status page's plural rule: the CLDR categories the page's script gets from Intl.PluralRules, so
// the page's first render and its updates say "1 minuut" and "5 хвилин" alike.
#include <gtest/gtest.h>

#include <string>

#include "service/status_page_texts.hpp"

namespace wk::service::http {
namespace {

TEST(StatusPageTexts, OneMinuteIsSingularInEveryLanguage) {
  for (const std::string lang : {"nl", "en", "tr", "pl", "uk"}) {
    SCOPED_TRACE(lang);
    const PageTexts& tx = page_texts(lang);
    EXPECT_EQ(tx.lang, lang);
    EXPECT_EQ(plural_category(lang, 1), "one");
    EXPECT_NE(tx.wait.form("one").find("{n}"), std::string::npos);
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

TEST(StatusPageTexts, AnUnknownLanguageIsDutchLeftToRight) {
  EXPECT_EQ(page_texts("xx").lang, "nl");
  EXPECT_EQ(page_texts("").lang, "nl");
  for (const std::string lang : {"nl", "en", "tr", "pl", "uk"}) EXPECT_EQ(page_texts(lang).dir, "ltr");
}

}  // namespace
}  // namespace wk::service::http
