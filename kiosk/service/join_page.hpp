#pragma once
// Internal to service/: the join page's markup (/join/{location}). Plain HTML forms and no script at all,
// so it works on any phone with JavaScript off, loads nothing from elsewhere, and a strict CSP keeps it so.
#include <string>
#include <string_view>
#include <vector>

#include "core/config.hpp"
#include "service/http_message.hpp"
#include "service/join_page_texts.hpp"

namespace wk::service::http {

// {n} in `text` replaced by `value`, the whole escaped for HTML.
std::string filled(std::string_view text, std::string_view value);

// The page's language: ?lang= when the location offers it and the page has texts in it; else the first
// of the browser's Accept-Language that is; else the location's first that is; else Dutch.
const JoinTexts& join_language(const LocationConfig& config, const Request& req);

// The start of a page up to and with <main>, its <h1> the location's name; the language links after it.
std::string join_head(const JoinTexts& tx, const LocationConfig& config, std::string_view title,
                      const std::string& nonce, std::string_view here);
std::string join_tail();

// The headers every join page is sent with: no caching, no referrer, a CSP that allows only its own style
// and forms to this service.
void set_join_headers(Response& res, const std::string& nonce);

// "come by at …", and "or call us: …" when the location has a number: what a refusal offers instead.
std::string other_ways(const JoinTexts& tx, const LocationConfig& config);

// A topic's name in `lang`, else in the location's default language, else its id.
std::string topic_name_in(const LocationConfig& config, const Topic& topic, std::string_view lang);

}  // namespace wk::service::http
