#pragma once
// The join page's words per language (/join/{location}, issue 18), apart from its markup, as the status
// page's are: a translator edits one table. {n} is filled in; plain language (B1), 'u' in Dutch.
#include <string_view>

#include "service/status_page_texts.hpp"

namespace wk::service::http {

struct JoinTexts {
  std::string_view lang, dir, language_name;  // language_name: the language's own name ("Nederlands")
  std::string_view title, intro, choose_topic;
  PluralForms waiting;  // "{n} people are waiting"
  std::string_view nobody_waits;
  std::string_view closed_title, closed_text, full_text, address_text, location_text, come_by, call_us;
  std::string_view callback_link, callback_title, callback_intro, topic_label, phone_label, phone_hint,
      phone_invalid, part_label, part_morning, part_afternoon, part_any, consent, consent_missing, send,
      thanks_title, thanks_text, reference;
  std::string_view unknown_title, unknown_text, failed_text, back;
};

// The texts of `lang`, or nullptr when the page has none in it.
const JoinTexts* join_texts(std::string_view lang);

}  // namespace wk::service::http
