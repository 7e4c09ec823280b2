// The join page's words (issue 18): every language the status page speaks has them all, and the ones with
// a number to fill in hold its {n}.
#include <gtest/gtest.h>

#include "service/join_page_texts.hpp"
#include "service/status_page_texts.hpp"

namespace wk::service::http {
namespace {

TEST(JoinPageTexts, EveryLanguageOfTheStatusPageHasEveryText) {
  for (const std::string_view lang : {"nl", "en", "tr", "pl", "uk", "ar", "ti"}) {
    const JoinTexts* tx = join_texts(lang);
    ASSERT_NE(tx, nullptr) << lang;
    EXPECT_EQ(tx->lang, lang);
    EXPECT_EQ(tx->dir, lang == "ar" ? "rtl" : "ltr") << lang;
    for (const std::string_view text :
         {tx->language_name, tx->title,           tx->intro,          tx->choose_topic, tx->nobody_waits,
          tx->closed_title,  tx->closed_text,     tx->full_text,      tx->address_text, tx->location_text,
          tx->callback_link, tx->callback_title,  tx->callback_intro, tx->topic_label,  tx->phone_label,
          tx->phone_hint,    tx->phone_invalid,   tx->part_label,     tx->part_morning, tx->part_afternoon,
          tx->part_any,      tx->consent_missing, tx->send,           tx->thanks_title, tx->thanks_text,
          tx->unknown_title, tx->unknown_text,    tx->failed_text,    tx->back})
      EXPECT_FALSE(text.empty()) << lang;
    for (const std::string_view text : {tx->come_by, tx->call_us, tx->consent, tx->reference})
      EXPECT_NE(text.find("{n}"), std::string_view::npos) << lang << ": " << text;
    // The count of people waiting, in the form the language's plural rule picks (5 is "few" nowhere, and
    // "other" or "many" everywhere).
    EXPECT_NE(tx->waiting.form(plural_category(lang, 5)).find("{n}"), std::string_view::npos) << lang;
    const PageTexts& status = page_texts(lang);
    EXPECT_EQ(status.lang, lang);
    EXPECT_FALSE(status.come_next.empty()) << lang;
    EXPECT_NE(status.come_in.form(plural_category(lang, 3)).find("{n}"), std::string_view::npos) << lang;
  }
  EXPECT_EQ(join_texts("xx"), nullptr);
}

}  // namespace
}  // namespace wk::service::http
