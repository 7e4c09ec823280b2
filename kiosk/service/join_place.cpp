#include "service/join_place.hpp"

#include <cstdio>

#include "service/html_text.hpp"
#include "service/secrets.hpp"

namespace wk::service::http {

void send_page(Response& res, int status, const std::string& nonce, std::string page) {
  set_join_headers(res, nonce);
  res.status = status;
  res.set_content(std::move(page), "text/html; charset=utf-8");
}

// A page with a heading and a few lines, for every refusal and failure: why, and what to do instead.
void send_notice(Response& res, int status, const JoinTexts& tx, const LocationConfig& config,
                 std::string_view heading, const std::string& body_html, const std::string& back,
                 std::string_view purpose) {
  const std::string nonce = new_token();
  std::string page = join_head(tx, config, purpose.empty() ? tx.title : purpose, nonce, back) + "<h2>" +
                     html_escape(heading) + "</h2>" + body_html;
  page += "<p><a href=\"" + html_escape(back) + "?lang=" + std::string(tx.lang) + "\">" +
          html_escape(tx.back) + "</a></p>" + join_tail();
  send_page(res, status, nonce, std::move(page));
}

std::optional<JoinPlace> find_place(Context& ctx, const Request& req, Response& res) {
  auto found = ctx.locations.get(req.matches[1]);
  const JoinTexts& nl = *join_texts("nl");
  if (!found || !found.value() || !found.value()->config || !found.value()->config->join) {
    const bool failed = !found;
    if (failed)
      std::fprintf(stderr, "wijkqueue: the join page could not read its location: %s\n",
                   to_string(found.error()).c_str());
    const std::string nonce = new_token();
    const JoinTexts& tx = nl;
    send_page(res, failed ? 503 : 404, nonce,
              "<!doctype html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
              "content=\"width=device-width, initial-scale=1\"><title>" +
                  html_escape(failed ? tx.failed_text : tx.unknown_title) +
                  "</title></head><body><main><h1>" +
                  html_escape(failed ? tx.failed_text : tx.unknown_title) + "</h1><p>" +
                  html_escape(tx.unknown_text) + "</p></main></body></html>\n");
    return std::nullopt;
  }
  return JoinPlace{*found.value()};
}

std::string page_path(const JoinPlace& p) {
  return "/join/" + p.view.row.id;
}

// The location's today, or a friendly 503.
std::optional<std::string> today_or_notice(Context& ctx, const JoinPlace& p, const JoinTexts& tx, UnixMs now,
                                           Response& res) {
  auto today = ctx.day_end.today(p.view.row.id, p.view.tz, now);
  if (today) return today.value();
  std::fprintf(stderr, "wijkqueue: the join page of %s cannot tell today: %s\n", p.view.row.id.c_str(),
               to_string(today.error()).c_str());
  send_notice(res, 503, tx, p.config(), tx.failed_text, "", page_path(p));
  return std::nullopt;
}

bool open_now(const JoinPlace& p, UnixMs now) {
  return p.policy().is_open(p.config().hours, to_local(p.view.tz, now));
}

std::string closed_html(const JoinTexts& tx, const JoinPlace& p) {
  return "<p>" + html_escape(tx.closed_text) + "</p>" + other_ways(tx, p.config());
}

std::string callback_link(const JoinTexts& tx, const JoinPlace& p) {
  if (!p.config().callback) return "";
  return "<p><a href=\"" + page_path(p) + "/callback?lang=" + std::string(tx.lang) + "\">" +
         html_escape(tx.callback_link) + "</a></p>";
}

// A form sent from another site (a page that posts for its visitors) is refused: a browser says so.
bool cross_site(const Request& req) {
  return req.get_header_value("Sec-Fetch-Site") == "cross-site";
}

std::string refusal_text(const JoinTexts& tx, store::JoinRefusal r) {
  switch (r) {
    case store::JoinRefusal::waiting_full:
      return std::string(tx.full_text);
    case store::JoinRefusal::address_hourly:
      return std::string(tx.address_text);
    case store::JoinRefusal::location_hourly:
      return std::string(tx.location_text);
    case store::JoinRefusal::none:
      break;
  }
  return std::string(tx.failed_text);
}

store::RemoteAdmission admission_of(Context& ctx, const JoinPlace& p, const Request& req) {
  const JoinPolicy& j = p.policy();
  return store::RemoteAdmission{ctx.volunteer_box.keyed_hash("join-address " + req.remote_addr),
                                j.per_address_per_hour, j.per_location_per_hour, j.max_waiting};
}

const JoinTexts& form_language(const JoinPlace& p, const Request& req, const std::string& lang) {
  Request with_lang;
  with_lang.headers = req.headers;
  with_lang.params["lang"] = lang;
  return join_language(p.config(), with_lang);
}

}  // namespace wk::service::http
