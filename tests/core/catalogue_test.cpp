#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
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

TEST(Catalogues, FallBackToDutchThenMsgid) {
  Catalogues all;
  all.add("nl", Catalogue::parse("msgid \"Back\"\nmsgstr \"Terug\"\n", "nl.po").value());
  all.add("en", Catalogue::parse("msgid \"Welcome\"\nmsgstr \"Welcome!\"\n", "en.po").value());
  all.add(
      "pl",
      Catalogue::parse("msgid \"Next\"\nmsgstr \"Dalej\"\nmsgid \"Back\"\nmsgstr \"\"\n", "pl.po").value());
  EXPECT_EQ(all.tr("pl", "Next"), "Dalej");
  EXPECT_EQ(all.tr("pl", "Back"), "Terug");  // an empty msgstr is a missing one: Dutch
  EXPECT_EQ(all.tr("en", "Back"), "Terug");
  EXPECT_EQ(all.tr("nl", "Welcome"), "Welcome");  // Dutch lacks it too: the msgid
  EXPECT_EQ(all.tr("tr", "Other"), "Other");
  EXPECT_EQ(all.language_name("xx"), "xx");
}

// The placeholders of a text, "{n}" and "{desk}", as a sorted list (a name may appear twice).
std::vector<std::string> placeholders(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
    const std::size_t close = text.find('}', open);
    if (close == std::string::npos) break;
    out.push_back(text.substr(open, close - open + 1));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Every shipped catalogue (every .po under assets/i18n) parses, names its language and direction, and
// translates every msgid the Dutch one has, keeping its placeholders: the report lists each gap.
TEST(Catalogues, ShippedCataloguesAreCompleteWithTheirPlaceholders) {
  const std::string dir = std::string(WIJKKIOSK_SOURCE_DIR) + "/assets/i18n";
  std::map<std::string, std::string> texts;  // by language: the file's text
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".po") continue;
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    texts[entry.path().stem().string()] = ss.str();
  }
  ASSERT_TRUE(texts.count("nl"));
  ASSERT_GE(texts.size(), 7u);
  // The msgids in the order of the Dutch file, read from it directly (a Catalogue keeps only translated
  // ones).
  std::vector<std::string> msgids;
  std::istringstream lines(texts.at("nl"));
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("msgid \"", 0) == 0 && line.size() > 8) msgids.push_back(line.substr(7, line.size() - 8));
  ASSERT_GT(msgids.size(), 100u);
  std::string gaps;
  for (const auto& [lang, text] : texts) {
    auto c = Catalogue::parse(text, lang + ".po");
    ASSERT_TRUE(c) << c.error().message;
    const std::string direction = c->tr("TEXT_DIRECTION");
    EXPECT_TRUE(direction == "ltr" || direction == "rtl") << lang;
    EXPECT_NE(c->language_name(), "LANGUAGE_NAME") << lang;
    for (const auto& id : msgids) {
      if (!c->has(id))
        gaps += lang + ": no translation of \"" + id + "\"\n";
      else if (placeholders(c->tr(id)) != placeholders(id))
        gaps += lang + ": the placeholders of \"" + id + "\" differ\n";
    }
  }
  EXPECT_TRUE(gaps.empty()) << gaps;
  auto nl = Catalogue::parse(texts.at("nl"), "nl.po");
  EXPECT_EQ(nl->tr("Back"), "Terug");
  EXPECT_EQ(Catalogue::parse(texts.at("uk"), "uk.po")->language_name(), "Українська");
  // Arabic is the one right-to-left language; Tigrinya names itself in Ge'ez script.
  ASSERT_TRUE(texts.count("ar") && texts.count("ti"));
  const auto ar = Catalogue::parse(texts.at("ar"), "ar.po");
  EXPECT_EQ(ar->language_name(), "العربية");
  EXPECT_TRUE(ar->right_to_left());
  const auto ti = Catalogue::parse(texts.at("ti"), "ti.po");
  EXPECT_EQ(ti->language_name(), "ትግርኛ");
  EXPECT_FALSE(ti->right_to_left());
  for (const auto& [lang, text] : texts)
    EXPECT_EQ(Catalogue::parse(text, lang + ".po")->right_to_left(), lang == "ar") << lang;
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
