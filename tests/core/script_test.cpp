// Which script a language is written in (core/script.hpp): the fonts and the printer follow it.
#include "core/script.hpp"

#include <gtest/gtest.h>

namespace wk {
namespace {

TEST(Script, EachLanguageHasItsScript) {
  for (const char* l : {"ar", "fa", "ur", "ps"}) EXPECT_EQ(script_of(l), Script::arabic) << l;
  for (const char* l : {"ti", "am"}) EXPECT_EQ(script_of(l), Script::ethiopic) << l;
  for (const char* l : {"nl", "en", "tr", "pl", "uk", "so", ""})
    EXPECT_EQ(script_of(l), Script::latin_cyrillic) << l;
}

TEST(Script, ALocationNeedsAScriptWhenAnyOfItsLanguagesIsWrittenInIt) {
  EXPECT_FALSE(any_written_in({"nl", "en", "tr", "uk"}, Script::arabic));
  EXPECT_TRUE(any_written_in({"nl", "ar"}, Script::arabic));
  EXPECT_TRUE(any_written_in({"nl", "ti"}, Script::ethiopic));
  EXPECT_FALSE(any_written_in({}, Script::arabic));
}

}  // namespace
}  // namespace wk
