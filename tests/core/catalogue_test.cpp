#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/catalogue.hpp"

namespace wk {
namespace {

TEST(Catalogue, ParsesEntriesContinuationsAndEscapes) {
  const char* po = R"(# comment
msgid ""
msgstr ""
"Language: nl\n"

msgid "Back"
msgstr "Terug"

msgid "Two"
" lines"
msgstr "Twee\n"
"regels \"echt\""

msgid "Untranslated"
msgstr ""
)";
  auto c = Catalogue::parse(po, "nl.po");
  ASSERT_TRUE(c) << to_string(c.error());
  EXPECT_EQ(c->tr("Back"), "Terug");
  EXPECT_EQ(c->tr("Two lines"), "Twee\nregels \"echt\"");
  EXPECT_EQ(c->tr("Untranslated"), "Untranslated");
  EXPECT_EQ(c->tr("Unknown"), "Unknown");
  EXPECT_EQ(c->size(), 2u);
}

TEST(Catalogue, ErrorsNameFileAndLine) {
  auto bad = Catalogue::parse("msgid \"a\"\nmsgstr \"b\nmsgid \"c\"\n", "tr.po");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("tr.po: line 2"), std::string::npos) << bad.error().message;
  auto orphan = Catalogue::parse("msgstr \"b\"\n", "x.po");
  ASSERT_FALSE(orphan);
  EXPECT_NE(orphan.error().message.find("x.po: line 1"), std::string::npos);
}

TEST(Catalogue, FillsPlaceholders) {
  EXPECT_EQ(fill("Over {s} seconden, {s}!", {{"s", "12"}}), "Over 12 seconden, 12!");
  EXPECT_EQ(fill("{n}{n}", {{"n", "{n}"}}), "{n}{n}");  // a value is never expanded again
}

TEST(Catalogues, FallBackToEnglishThenMsgid) {
  Catalogues all;
  all.add("nl", Catalogue::parse("msgid \"Back\"\nmsgstr \"Terug\"\n", "nl.po").value());
  all.add("en", Catalogue::parse("msgid \"Welcome\"\nmsgstr \"Welcome!\"\n", "en.po").value());
  EXPECT_EQ(all.tr("nl", "Back"), "Terug");
  EXPECT_EQ(all.tr("nl", "Welcome"), "Welcome!");
  EXPECT_EQ(all.tr("tr", "Other"), "Other");
  EXPECT_EQ(all.language_name("xx"), "xx");
}

// The shipped catalogues parse, name their language, and translate every msgid the English one has.
TEST(Catalogues, ShippedCataloguesAreComplete) {
  const char* dir = WIJKKIOSK_SOURCE_DIR;
  auto load = [&](const std::string& lang) {
    std::ifstream in(std::string(dir) + "/assets/i18n/" + lang + ".po");
    std::stringstream ss;
    ss << in.rdbuf();
    auto c = Catalogue::parse(ss.str(), lang + ".po");
    EXPECT_TRUE(c) << (c ? "" : c.error().message);
    return c ? c.value() : Catalogue{};
  };
  const Catalogue en = load("en");
  ASSERT_GT(en.size(), 20u);
  for (const char* lang : {"nl", "tr", "uk"}) {
    const Catalogue c = load(lang);
    EXPECT_EQ(c.size(), en.size()) << lang << " misses translations";
    EXPECT_NE(c.language_name(), "LANGUAGE_NAME") << lang;
  }
  EXPECT_EQ(load("nl").tr("Back"), "Terug");
  EXPECT_EQ(load("uk").language_name(), "Українська");
}

TEST(Catalogue, ListsTheLanguagesItHasInOrder) {
  Catalogues all;
  EXPECT_TRUE(all.languages().empty());
  all.add("uk", Catalogue::parse("msgid \"Back\"\nmsgstr \"Назад\"\n", "uk.po").value());
  all.add("nl", Catalogue::parse("msgid \"Back\"\nmsgstr \"Terug\"\n", "nl.po").value());
  EXPECT_EQ(all.languages(), (std::vector<std::string>{"nl", "uk"}));
}

}  // namespace
}  // namespace wk
