#pragma once
// Internal to service/: what the join page's routes share (routes_join.cpp, routes_join_callback.cpp): the
// location with its [join], the pages that refuse in words, and the caps' admission for an address.
#include <optional>
#include <string>
#include <string_view>

#include "service/http.hpp"
#include "service/join_page.hpp"

namespace wk::service::http {

constexpr const char* kJoinLocationPattern = "([a-z0-9_-]{1,64})";

// /join/{location}/callback (routes_join_callback.cpp).
void install_join_callback_routes(Router& router, Context& ctx);

// A location that has a join page.
struct JoinPlace {
  LocationView view;
  const LocationConfig& config() const { return *view.config; }
  const JoinPolicy& policy() const { return *view.config->join; }
};

// The location of /join/{location}; nullopt after a friendly 404 (none, or no [join]) or 503.
std::optional<JoinPlace> find_place(Context& ctx, const Request& req, Response& res);
std::string page_path(const JoinPlace& p);  // "/join/{location}"

void send_page(Response& res, int status, const std::string& nonce, std::string page);
// A page with a heading and a few lines, for every refusal and failure: why, and what to do instead.
void send_notice(Response& res, int status, const JoinTexts& tx, const LocationConfig& config,
                 std::string_view heading, const std::string& body_html, const std::string& back);
// The location's today, or a friendly 503.
std::optional<std::string> today_or_notice(Context& ctx, const JoinPlace& p, const JoinTexts& tx, UnixMs now,
                                           Response& res);
bool open_now(const JoinPlace& p, UnixMs now);  // remote joins allowed now
std::string closed_html(const JoinTexts& tx, const JoinPlace& p);
std::string callback_link(const JoinTexts& tx, const JoinPlace& p);  // empty without [callback]
// A form sent from another site (a page that posts for its visitors) is refused: a browser says so.
bool cross_site(const Request& req);
std::string refusal_text(const JoinTexts& tx, store::JoinRefusal r);
store::RemoteAdmission admission_of(Context& ctx, const JoinPlace& p, const Request& req);
// The page's language from a form's "lang" field (as ?lang= is for a GET).
const JoinTexts& form_language(const JoinPlace& p, const Request& req, const std::string& lang);

}  // namespace wk::service::http
