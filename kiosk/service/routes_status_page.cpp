// The resident's status page: one small HTML page per ticket, made from the same ctx.db.public_ticket()
// as the JSON endpoint, that keeps itself current by polling that JSON. No framework and nothing from
// elsewhere: it must load at once on a cheap phone with a weak signal, and a strict CSP keeps it honest.
#include "service/routes_status_page.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ticket.hpp"
#include "service/code_fields.hpp"
#include "service/html_text.hpp"
#include "service/secrets.hpp"
#include "service/status_page_texts.hpp"

namespace wk::service::http {
namespace {

// A text with its {n} as <b id=ID>value</b>, so the script can change the number and nothing else.
std::string with_slot(std::string_view text, std::string_view id, std::string_view value) {
  const auto at = text.find("{n}");
  if (at == std::string_view::npos) return html_escape(text);
  return html_escape(text.substr(0, at)) + "<b id=\"" + std::string(id) + "\">" + html_escape(value) +
         "</b>" + html_escape(text.substr(at + 3));
}

// Whole minutes, never "0": an estimate is rough, and "0 minutes" reads as "now".
std::optional<std::int64_t> wait_minutes(const std::optional<std::int64_t>& seconds) {
  if (!seconds || *seconds < 0) return std::nullopt;
  return std::max<std::int64_t>(1, (*seconds + 30) / 60);
}

// The wait line with every plural form of the language as data-*, so the script picks the form for a new
// number the way this page picked it for the first (Intl.PluralRules gives the same CLDR categories).
std::string wait_line(const PageTexts& tx, const std::optional<std::int64_t>& minutes) {
  std::string p = "<p id=\"wait\"";
  for (const std::string_view category : kPluralCategories) {
    const std::string_view form = tx.wait.form(category);
    if (category == "other" || form != tx.wait.other)
      p += " data-" + std::string(category) + "=\"" + html_escape(form) + "\"";
  }
  if (!minutes) return p + " hidden>" + with_slot(tx.wait.other, "min", "") + "</p>";
  return p + ">" +
         with_slot(tx.wait.form(plural_category(tx.lang, *minutes)), "min", std::to_string(*minutes)) +
         "</p>";
}

// "Come in now: 2 people before you" (or "you are next") for `before` waiting ahead.
std::string come_line_text(const PageTexts& tx, int before) {
  if (before == 0) return std::string(tx.come_next);
  std::string text(tx.come_in.form(plural_category(tx.lang, before)));
  if (const auto at = text.find("{n}"); at != std::string::npos) text.replace(at, 3, std::to_string(before));
  return text;
}

// A ticket joined from home: the line that asks its resident to come in, shown once they are near (the
// location's come_when_before), with every plural form as data-* for the script, as the wait line has.
std::string come_line(const PageTexts& tx, const std::optional<int>& before, const std::string& text) {
  std::string p = "<p id=\"come\" class=\"come\" data-next=\"" + html_escape(tx.come_next) + "\"";
  for (const std::string_view category : kPluralCategories) {
    const std::string_view form = tx.come_in.form(category);
    if (category == "other" || form != tx.come_in.other)
      p += " data-" + std::string(category) + "=\"" + html_escape(form) + "\"";
  }
  return p + (before ? ">" : " hidden>") + html_escape(text) + "</p>";
}

// The topic as the resident chose it at the kiosk: its name in the page's language, else in Dutch, else
// in the location's default language; its id only when the location has no name for it at all. As
// <p id=topic>, with lang= when the name is in another language, so a screen reader says it right.
std::string topic_line(Context& ctx, const store::PublicTicket& t, const std::string& page_lang) {
  std::string name = t.topic, lang;
  auto view = ctx.locations.get(t.location);
  const LocationConfig* config = view && view.value() ? view.value()->config.get() : nullptr;
  if (const Topic* topic = config ? config->topic(t.topic) : nullptr) {
    std::vector<std::string> order{page_lang, "nl"};
    if (!config->languages.empty()) order.push_back(config->languages.front());
    for (const std::string& l : order) {
      if (const auto it = topic->names.find(l); it != topic->names.end() && !it->second.empty()) {
        name = it->second;
        lang = l;
        break;
      }
    }
  }
  return "<p id=\"topic\"" +
         (lang.empty() || lang == page_lang ? std::string() : " lang=\"" + html_escape(lang) + "\"") + ">" +
         html_escape(name) + "</p>";
}

// Polls the JSON every 5 s and changes only text (textContent) and the hidden flags. It stops once the
// ticket is served (or expired); a failed poll shows the "no connection" line and tries again. Everything
// under #now is a live region, read out on each change: so a value is only written when it differs.
constexpr std::string_view kScript = R"JS(
(function(){
var T=document.title,C=!!document.querySelector('#come:not([hidden])'),K=false,u='/v1/public/tickets/'+location.pathname.split('/').pop(),S=['waiting','called','served','no_show','expired'],
R=window.Intl&&Intl.PluralRules?new Intl.PluralRules(document.documentElement.lang):null;
if(C)T=T.slice(T.indexOf(' \u00b7 ')+3);
function $(i){return document.getElementById(i)}
function put(e,v){v=String(v);if(e.textContent!==v)e.textContent=v}
function show(e,on){if(e.hidden===on)e.hidden=!on}
function wait(n){var e=$('wait'),d=e.dataset,t=(d[R?R.select(n):n===1?'one':'other']||d.other).split('{n}'),b;
if(e.textContent===t.join(n))return;b=document.createElement('b');b.id='min';b.textContent=n;
e.textContent=t[0];e.append(b,t.slice(1).join(n))}
function come(on,n){var e=$('come'),d,t;if(!e)return;show(e,on);if(!on){if(C){C=false;document.title=T}return}
d=e.dataset;t=(n===0?d.next:(d[R?R.select(n):n===1?'one':'other']||d.other)).split('{n}').join(n);put(e,t);
if(!C){C=true;if(navigator.vibrate)navigator.vibrate([300,150,300]);document.title=t}}
function tick(){fetch(u,{cache:'no-store'}).then(function(r){if(!r.ok)throw r.status;return r.json()})
.then(function(j){var st=j.status==='no-show'?'no_show':j.status,w=j.estimated_wait_s,c=$('code'),
sh=j.code_shared&&j.issued_time;
S.forEach(function(s){show($('s-'+s),s===st)});come(!!j.come_in&&st==='waiting',j.people_before);
if(st==='called'&&!K){K=true;if(navigator.vibrate)navigator.vibrate([500,200,500]);document.title=$('s-called').textContent}
put(c,sh?j.code+' \u00b7 '+j.issued_time:j.code);if(c.className!==(sh?'t':''))c.className=sh?'t':'';
if(j.position>0)put($('pos'),j.position);
show($('wait'),w>0);if(w>0)wait(Math.max(1,Math.round(w/60)));
show($('dl'),j.desk!=null);if(j.desk!=null)put($('desk'),j.desk);
show($('off'),false);if(st!=='served'&&st!=='expired')setTimeout(tick,5000)})
.catch(function(){show($('off'),true);setTimeout(tick,5000)})}
setTimeout(tick,5000)})();
)JS";

// Contrast on the page's #f4f6f8 (docs/accessibility.md has the figures): text #111 17.4:1, the grey
// lines #444 9.0:1, the offline line #8a2500 8.3:1; "your turn" white on #005a32 8.4:1. Every pair
// passes 7:1, so a resident who sees badly reads every state; each state says what it means in words.
constexpr std::string_view kStyle =
    "[hidden]{display:none!important}"
    "body{margin:0;font:18px/1.4 system-ui,sans-serif;background:#f4f6f8;color:#111}"
    "main{max-width:32rem;margin:0 auto;padding:1.5rem 1rem;text-align:center}"
    "h1{font-size:1.6rem}h1.l{margin:0;font-size:1rem;font-weight:400;color:#444}"
    "#code{font-size:4.5rem;font-weight:700;margin:.2rem 0;letter-spacing:.03em}#code.t{font-size:2.6rem}"
    "#topic{margin:0 0 1.5rem;font-size:1.25rem}section p{font-size:1.4rem;margin:.6rem 0}"
    "#s-called{background:#005a32;color:#fff;border-radius:.5rem;padding:.4rem 1rem}"
    "#s-called p{font-size:2rem;font-weight:700}section .s{color:#444;font-size:1rem}"
    "#off{color:#8a2500;font-size:1rem;font-weight:700}"
    ".come{background:#005a32;color:#fff;border-radius:.5rem;padding:.6rem 1rem;font-weight:700}";

void set_headers(Response& res, const std::string& nonce) {
  res.set_header("Cache-Control", "no-store");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Content-Security-Policy",
                 "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'nonce-" + nonce +
                     "'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
}

std::string head(const PageTexts& tx, std::string_view title, const std::string& nonce, bool refresh) {
  std::string h = "<!doctype html>\n<html lang=\"" + std::string(tx.lang) + "\" dir=\"" +
                  std::string(tx.dir) +
                  "\"><head><meta charset=\"utf-8\">"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                  "<title>" +
                  html_escape(title) + "</title>";
  if (refresh) h += "<noscript><meta http-equiv=\"refresh\" content=\"30\"></noscript>";
  return h + "<style nonce=\"" + nonce + "\">" + std::string(kStyle) + "</style></head><body><main>";
}

// The 404 page: no ticket, so no ticket language; the browser's first language when we have it.
void send_unknown(const Request& req, Response& res) {
  const PageTexts& tx = page_texts(req.get_header_value("Accept-Language").substr(0, 2));
  const std::string nonce = new_token();
  set_headers(res, nonce);
  res.status = 404;
  res.set_content(head(tx, tx.unknown_title, nonce, false) + "<h1>" + html_escape(tx.unknown_title) +
                      "</h1><p>" + html_escape(tx.unknown_text) + "</p></main></body></html>\n",
                  "text/html; charset=utf-8");
}

std::string section(std::string_view state, bool shown, const std::string& content) {
  return "<section id=\"s-" + std::string(state) + "\"" + (shown ? "" : " hidden") + ">" + content +
         "</section>";
}

void get_status_page(Context& ctx, const Request& req, Response& res) {
  auto found = find_public_ticket(ctx, req.matches[1]);
  if (!found) return send_store_error(res, found.error());
  if (!found.value()) return send_unknown(req, res);
  const store::PublicTicket& t = *found.value();

  const PageTexts& tx = page_texts(t.language);  // nl for an empty or unknown language
  const std::string lang(tx.lang);
  const std::string status = t.status == "no-show" ? "no_show" : t.status;
  const auto desk = t.desk ? std::optional(std::to_string(*t.desk)) : std::nullopt;
  const auto hidden_unless = [](bool shown) { return shown ? "" : " hidden"; };
  // "S-012 · 09:14" when another resident holds S-012 today: the time printed on their own ticket.
  const std::string code =
      code_label(t.code, t.code_shared, issued_time(ctx.locations, t.location, t.created_at));

  const auto come = come_in_now(ctx, t);
  const std::string come_text = come_line_text(tx, come.value_or(0));
  const std::string nonce = new_token();
  std::string page = head(tx, (come ? come_text + " · " : std::string()) + std::string(tx.your_number) + " " + code,
                          nonce, status != "served" && status != "expired");
  // The same heading ("Your number", the code under it) in every state; the state itself is in the live
  // region below it, which a screen reader reads out when the script changes it (called to a desk, a new
  // place in line).
  page += "<h1 class=\"l\">" + html_escape(tx.your_number) + "</h1><p id=\"code\"" +
          (code != t.code ? " class=\"t\"" : "") + ">" + html_escape(code) + "</p>" +
          topic_line(ctx, t, lang) + "<div id=\"now\" aria-live=\"polite\" aria-atomic=\"true\">";
  page += section("waiting", status == "waiting",
                  (t.remote ? come_line(tx, come, come_text) : std::string()) + "<p>" + with_slot(tx.position, "pos", std::to_string(t.position)) + "</p>" +
                      wait_line(tx, wait_minutes(t.estimated_wait_s)) + "<p class=\"s\">" +
                      html_escape(tx.keep_open) + "</p>");
  page += section("called", status == "called",
                  "<p>" + html_escape(tx.turn) + "</p><p id=\"dl\"" + hidden_unless(desk.has_value()) + ">" +
                      with_slot(tx.desk, "desk", desk.value_or("")) + "</p>");
  page += section("served", status == "served", "<p>" + html_escape(tx.served) + "</p>");
  page += section("no_show", status == "no_show", "<p>" + html_escape(tx.no_show) + "</p>");
  page += section("expired", status == "expired", "<p>" + html_escape(tx.expired) + "</p>");
  page += "<p id=\"off\" hidden>" + html_escape(tx.offline) + "</p></div></main><script nonce=\"" + nonce +
          "\">" + std::string(kScript) + "</script></body></html>\n";

  set_headers(res, nonce);
  res.status = 200;
  res.set_content(page, "text/html; charset=utf-8");
}

}  // namespace

void install_status_page_routes(Router& router, Context& ctx) {
  // The same token alphabet as the JSON route; anything else is the router's 404.
  router.get(R"(/t/([A-Za-z0-9_-]{1,128}))",
             [&ctx](const Request& req, Response& res) { get_status_page(ctx, req, res); });
}

}  // namespace wk::service::http
