#include "service/join_page.hpp"

#include <algorithm>

#include "service/html_text.hpp"

namespace wk::service::http {
namespace {

// Contrast on #f4f6f8 as the status page: text #111 17.4:1, grey #444 9.0:1; the buttons' white on
// #00507a 8.6:1, the refusal's #8a2500 8.3:1. Targets at least 48 px high, text from 18 px.
constexpr std::string_view kStyle =
    "body{margin:0;font:18px/1.45 system-ui,sans-serif;background:#f4f6f8;color:#111}"
    "main{max-width:34rem;margin:0 auto;padding:1rem}h1{font-size:1.5rem;margin:.5rem 0 0}"
    "h2{font-size:1.25rem}.sub{color:#444;margin:0 0 1rem}"
    "nav ul{list-style:none;padding:0;margin:0 0 1rem;display:flex;flex-wrap:wrap;gap:.4rem}"
    "nav a{display:inline-block;padding:.5rem .8rem;min-height:2rem;border:1px solid #444;border-radius:.4rem;"
    "color:#111;text-decoration:none}nav a[aria-current]{background:#111;color:#fff}"
    "fieldset{border:0;padding:0;margin:0 0 1rem}legend{font-weight:700;font-size:1.15rem;margin-bottom:.5rem}"
    ".topic{display:block;width:100%;text-align:start;margin:.5rem 0;padding:.8rem 1rem;min-height:3rem;"
    "font:inherit;font-weight:700;background:#00507a;color:#fff;border:0;border-radius:.5rem}"
    ".topic span{display:block;font-weight:400;font-size:1rem}"
    "label{display:block;font-weight:700;margin:.8rem 0 .3rem}.choice label{display:inline;font-weight:400}"
    ".choice{margin:.4rem 0;min-height:2rem}input[type=tel],select{font:inherit;width:100%;box-sizing:border-box;"
    "padding:.6rem;border:2px solid #444;border-radius:.4rem;background:#fff;color:#111}"
    "input[type=radio],input[type=checkbox]{width:1.4rem;height:1.4rem;vertical-align:middle;margin-inline-end:.5rem}"
    ".hint{color:#444;margin:.2rem 0}.err{color:#8a2500;font-weight:700}.ref{font-size:1.6rem;font-weight:700}"
    ".send{font:inherit;font-weight:700;padding:.8rem 1.4rem;min-height:3rem;background:#00507a;color:#fff;"
    "border:0;border-radius:.5rem;margin-top:1rem}a{color:#00507a}";

std::string_view language_of_header(std::string_view accept, std::size_t& from) {
  while (from < accept.size() && (accept[from] == ' ' || accept[from] == ',')) ++from;
  const std::size_t start = from;
  while (from < accept.size() && accept[from] != ',') ++from;
  std::string_view item = accept.substr(start, from - start);
  item = item.substr(0, item.find(';'));
  return item.substr(0, item.find('-'));
}

}  // namespace

std::string filled(std::string_view text, std::string_view value) {
  std::string out(text);
  if (const auto at = out.find("{n}"); at != std::string::npos) out.replace(at, 3, value);
  return html_escape(out);
}

const JoinTexts& join_language(const LocationConfig& config, const Request& req) {
  const auto offered = [&](std::string_view lang) -> const JoinTexts* {
    if (std::find(config.languages.begin(), config.languages.end(), lang) == config.languages.end())
      return nullptr;
    return join_texts(lang);
  };
  if (const JoinTexts* t = offered(req.get_param_value("lang"))) return *t;
  const std::string accept = req.get_header_value("Accept-Language");
  for (std::size_t at = 0; at < accept.size();)
    if (const JoinTexts* t = offered(language_of_header(accept, at))) return *t;
  for (const auto& l : config.languages)
    if (const JoinTexts* t = join_texts(l)) return *t;
  return *join_texts("nl");
}

std::string join_head(const JoinTexts& tx, const LocationConfig& config, std::string_view title,
                      const std::string& nonce, std::string_view here) {
  std::string h = "<!doctype html>\n<html lang=\"" + std::string(tx.lang) + "\" dir=\"" + std::string(tx.dir) +
                  "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, "
                  "initial-scale=1\"><title>" +
                  html_escape(title) + " · " + html_escape(config.name) + "</title><style nonce=\"" + nonce +
                  "\">" + std::string(kStyle) + "</style></head><body><main><h1>" + html_escape(config.name) +
                  "</h1><p class=\"sub\">" + html_escape(title) + "</p>";
  // Each language by its own name, marked with its own lang, so a screen reader says it right.
  std::string links;
  for (const auto& l : config.languages) {
    const JoinTexts* t = join_texts(l);
    if (t == nullptr) continue;
    links += "<li><a href=\"" + html_escape(here) + "?lang=" + std::string(t->lang) + "\" lang=\"" +
             std::string(t->lang) + "\" hreflang=\"" + std::string(t->lang) + "\"" +
             (t->lang == tx.lang ? " aria-current=\"page\"" : "") + ">" + html_escape(t->language_name) +
             "</a></li>";
  }
  if (!links.empty()) h += "<nav aria-label=\"Language / Taal\"><ul>" + links + "</ul></nav>";
  return h;
}

std::string join_tail() { return "</main></body></html>\n"; }

void set_join_headers(Response& res, const std::string& nonce) {
  res.set_header("Cache-Control", "no-store");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Content-Security-Policy", "default-src 'none'; style-src 'nonce-" + nonce +
                                                "'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
}

std::string other_ways(const JoinTexts& tx, const LocationConfig& config) {
  std::string out = "<p>" + filled(tx.come_by, config.name) + "</p>";
  if (config.join && !config.join->phone.empty()) {
    std::string digits;
    for (const char c : config.join->phone)
      if ((c >= '0' && c <= '9') || c == '+') digits += c;
    const std::string text(tx.call_us);
    const auto at = text.find("{n}");
    out += "<p>" + html_escape(text.substr(0, at)) + "<a href=\"tel:" + digits + "\">" +
           html_escape(config.join->phone) + "</a>" + html_escape(text.substr(at + 3)) + "</p>";
  }
  return out;
}

std::string topic_name_in(const LocationConfig& config, const Topic& topic, std::string_view lang) {
  if (const auto it = topic.names.find(std::string(lang)); it != topic.names.end() && !it->second.empty())
    return it->second;
  if (!config.languages.empty())
    if (const auto it = topic.names.find(config.languages.front()); it != topic.names.end()) return it->second;
  return topic.id;
}

}  // namespace wk::service::http
