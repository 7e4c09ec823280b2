// The resident's status page: one small HTML page per ticket, made from the same ctx.db.public_ticket()
// as the JSON endpoint, that keeps itself current by polling that JSON. No framework and nothing from
// elsewhere: it must load at once on a cheap phone with a weak signal, and a strict CSP keeps it honest.
#include "service/routes_status_page.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/ticket.hpp"
#include "service/code_fields.hpp"
#include "service/secrets.hpp"

namespace wk::service::http {
namespace {

// Texts per language; {n} is filled in. Plain Dutch (B1), 'u'. The first row is the fallback.
struct PageTexts {
  std::string_view lang, your_number, position, wait, turn, desk, served, no_show, keep_open, offline,
      unknown_title, unknown_text, expired;
};
constexpr std::array<PageTexts, 4> kTexts{{
    {"nl", "Uw nummer", "U bent nummer {n} in de rij", "Wachttijd: ongeveer {n} minuten",
     "U bent aan de beurt!", "Ga naar balie {n}", "U bent geholpen. Een fijne dag!",
     "We hebben u geroepen, maar u was er niet. Vraag bij de balie wat u nu kunt doen.",
     "Houd deze pagina open. Hij ververst vanzelf.", "Geen verbinding. We proberen het opnieuw.",
     "Dit ticket kennen we niet", "Kijk of het adres goed is. Of vraag het bij de balie.",
     "Dit nummer was voor een andere dag. Neem een nieuw nummer bij de kiosk."},
    {"en", "Your number", "You are number {n} in line", "Waiting time: about {n} minutes", "It is your turn!",
     "Go to desk {n}", "You have been helped. Have a nice day!",
     "We called you, but you were not there. Please ask at the desk what to do now.",
     "Keep this page open. It updates by itself.", "No connection. Trying again.",
     "We do not know this ticket", "Check that the address is right, or ask at the desk.",
     "This number was for another day. Please take a new number at the kiosk."},
    {"tr", "Numaranız", "Sırada {n}. kişisiniz", "Bekleme süresi: yaklaşık {n} dakika", "Sıra sizde!",
     "{n} numaralı masaya gidin", "Size yardım edildi. İyi günler!",
     "Sizi çağırdık ama burada değildiniz. Ne yapabileceğinizi masada sorun.",
     "Bu sayfayı açık tutun. Kendiliğinden güncellenir.", "Bağlantı yok. Tekrar deneniyor.",
     "Bu bileti tanımıyoruz", "Adresin doğru olup olmadığına bakın veya masada sorun.",
     "Bu numara başka bir gün içindi. Lütfen kioskten yeni bir numara alın."},
    {"uk", "Ваш номер", "Ви {n}-й у черзі", "Час очікування: приблизно {n} хв", "Ваша черга!",
     "Підійдіть до віконця {n}", "Вам допомогли. Гарного дня!",
     "Ми вас викликали, але вас не було. Запитайте біля віконця, що робити далі.",
     "Тримайте цю сторінку відкритою. Вона оновлюється сама.", "Немає з'єднання. Пробуємо ще раз.",
     "Ми не знаємо цього талона", "Перевірте адресу або запитайте біля віконця.",
     "Цей номер був на інший день. Візьміть, будь ласка, новий номер у кіоску."},
}};

const PageTexts& texts_for(std::string_view lang) {
  for (const auto& t : kTexts)
    if (t.lang == lang) return t;
  return kTexts[0];
}

std::string escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// A text with its {n} as <b id=ID>value</b>, so the script can change the number and nothing else.
std::string with_slot(std::string_view text, std::string_view id, std::string_view value) {
  const auto at = text.find("{n}");
  if (at == std::string_view::npos) return escape(text);
  return escape(text.substr(0, at)) + "<b id=\"" + std::string(id) + "\">" + escape(value) + "</b>" +
         escape(text.substr(at + 3));
}

// Whole minutes, never "0": an estimate is rough, and "0 minutes" reads as "now".
std::optional<std::string> wait_minutes(const std::optional<std::int64_t>& seconds) {
  if (!seconds || *seconds < 0) return std::nullopt;
  return std::to_string(std::max<std::int64_t>(1, (*seconds + 30) / 60));
}

// Polls the JSON every 5 s and changes only text (textContent) and the hidden flags. It stops once the
// ticket is served (or expired); a failed poll shows the "no connection" line and tries again.
constexpr std::string_view kScript = R"JS(
(function(){
var u='/v1/public/tickets/'+location.pathname.split('/').pop(),S=['waiting','called','served','no_show','expired'];
function $(i){return document.getElementById(i)}
function tick(){fetch(u,{cache:'no-store'}).then(function(r){if(!r.ok)throw r.status;return r.json()})
.then(function(j){var st=j.status==='no-show'?'no_show':j.status,w=j.estimated_wait_s;
S.forEach(function(s){$('s-'+s).hidden=s!==st});
var sh=j.code_shared&&j.issued_time;$('code').textContent=sh?j.code+' \u00b7 '+j.issued_time:j.code;
$('code').className=sh?'t':'';
if(j.position>0)$('pos').textContent=j.position;
$('wait').hidden=!(w>0);if(w>0)$('min').textContent=Math.max(1,Math.round(w/60));
$('dl').hidden=j.desk==null;if(j.desk!=null)$('desk').textContent=j.desk;
$('off').hidden=true;if(st!=='served'&&st!=='expired')setTimeout(tick,5000)})
.catch(function(){$('off').hidden=false;setTimeout(tick,5000)})}
setTimeout(tick,5000)})();
)JS";

constexpr std::string_view kStyle =
    "[hidden]{display:none!important}"
    "body{margin:0;font:18px/1.4 system-ui,sans-serif;background:#f4f6f8;color:#111}"
    "main{max-width:32rem;margin:0 auto;padding:1.5rem 1rem;text-align:center}"
    ".l{margin:0;color:#444}#code{font-size:4.5rem;font-weight:700;margin:.2rem 0;letter-spacing:.03em}"
    "#code.t{font-size:2.6rem}"
    "#topic{margin:0 0 1.5rem;font-size:1.25rem}section p{font-size:1.4rem;margin:.6rem 0}"
    "#s-called p{font-size:2rem;font-weight:700;color:#0a5}.s{color:#555;font-size:1rem}"
    "#off{color:#a30;font-size:1rem}";

void set_headers(Response& res, const std::string& nonce) {
  res.set_header("Cache-Control", "no-store");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Content-Security-Policy",
                 "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'nonce-" + nonce +
                     "'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
}

std::string head(std::string_view lang, std::string_view title, const std::string& nonce, bool refresh) {
  std::string h = "<!doctype html>\n<html lang=\"" + std::string(lang) +
                  "\"><head><meta charset=\"utf-8\">"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                  "<title>" +
                  escape(title) + "</title>";
  if (refresh) h += "<noscript><meta http-equiv=\"refresh\" content=\"30\"></noscript>";
  return h + "<style nonce=\"" + nonce + "\">" + std::string(kStyle) + "</style></head><body><main>";
}

// The 404 page: no ticket, so no ticket language; the browser's first language when we have it.
void send_unknown(const Request& req, Response& res) {
  const PageTexts& tx = texts_for(req.get_header_value("Accept-Language").substr(0, 2));
  const std::string nonce = new_token();
  set_headers(res, nonce);
  res.status = 404;
  res.set_content(head(tx.lang, tx.unknown_title, nonce, false) + "<h1>" + escape(tx.unknown_title) +
                      "</h1><p>" + escape(tx.unknown_text) + "</p></main></body></html>\n",
                  "text/html; charset=utf-8");
}

void get_status_page(Context& ctx, const Request& req, Response& res) {
  auto found = find_public_ticket(ctx, req.matches[1]);
  if (!found) return send_store_error(res, found.error());
  if (!found.value()) return send_unknown(req, res);
  const store::PublicTicket& t = *found.value();

  const PageTexts& tx = texts_for(t.language);  // nl for an empty or unknown language
  const std::string lang(tx.lang);
  const std::string status = t.status == "no-show" ? "no_show" : t.status;
  const auto desk = t.desk ? std::optional(std::to_string(*t.desk)) : std::nullopt;
  const auto minutes = wait_minutes(t.estimated_wait_s);
  const auto hidden_unless = [](bool shown) { return shown ? "" : " hidden"; };
  // "S-012 · 09:14" when another resident holds S-012 today: the time printed on their own ticket.
  const std::string code =
      code_label(t.code, t.code_shared, issued_time(ctx.locations, t.location, t.created_at));

  const std::string nonce = new_token();
  std::string page =
      head(lang, std::string(tx.your_number) + " " + code, nonce, status != "served" && status != "expired");
  page += "<p class=\"l\">" + escape(tx.your_number) + "</p><p id=\"code\"" +
          (code != t.code ? " class=\"t\"" : "") + ">" + escape(code) + "</p><p id=\"topic\">" +
          escape(t.topic) + "</p>";
  page += "<section id=\"s-waiting\"" + std::string(hidden_unless(status == "waiting")) + "><p>" +
          with_slot(tx.position, "pos", std::to_string(t.position)) + "</p><p id=\"wait\"" +
          hidden_unless(minutes.has_value()) + ">" + with_slot(tx.wait, "min", minutes.value_or("")) +
          "</p><p class=\"s\">" + escape(tx.keep_open) + "</p></section>";
  page += "<section id=\"s-called\"" + std::string(hidden_unless(status == "called")) + "><p>" +
          escape(tx.turn) + "</p><p id=\"dl\"" + hidden_unless(desk.has_value()) + ">" +
          with_slot(tx.desk, "desk", desk.value_or("")) + "</p></section>";
  page += "<section id=\"s-served\"" + std::string(hidden_unless(status == "served")) + "><p>" +
          escape(tx.served) + "</p></section>";
  page += "<section id=\"s-no_show\"" + std::string(hidden_unless(status == "no_show")) + "><p>" +
          escape(tx.no_show) + "</p></section>";
  page += "<section id=\"s-expired\"" + std::string(hidden_unless(status == "expired")) + "><p>" +
          escape(tx.expired) + "</p></section>";
  page += "<p id=\"off\" hidden>" + escape(tx.offline) + "</p></main><script nonce=\"" + nonce + "\">" +
          std::string(kScript) + "</script></body></html>\n";

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
