// "Bel mij terug" on the join page (/join/{location}/callback): a plain form with a topic, a phone number,
// a part of the day and consent in plain words; sent, it is taken in exactly as a kiosk's request is
// (sealed, once per form: the form's id is the idempotency key), and the resident gets a short reference.
// A mistake comes back as the same form with the fields kept and the problem said beside the field.
#include <string>

#include "core/callback.hpp"
#include "core/ticket.hpp"
#include "core/volunteer.hpp"
#include "service/callback_intake.hpp"
#include "service/form_body.hpp"
#include "service/html_text.hpp"
#include "service/join_place.hpp"
#include "service/secrets.hpp"

namespace wk::service::http {
namespace {

// What the resident sent so far, and what to fix.
struct CallbackForm {
  std::string id, topic, phone, part = "any";
  bool consent = false;
  bool phone_wrong = false, consent_missing = false;
};

std::string radio(const char* value, std::string_view label, const CallbackForm& f) {
  const std::string id = std::string("part-") + value;
  return "<div class=\"choice\"><input type=\"radio\" id=\"" + id + "\" name=\"part_of_day\" value=\"" + value +
         "\"" + (f.part == value ? " checked" : "") + "><label for=\"" + id + "\">" + html_escape(label) +
         "</label></div>";
}

std::string form_html(const JoinTexts& tx, const JoinPlace& p, const CallbackForm& f) {
  std::string h = "<p>" + html_escape(tx.callback_intro) + "</p><form method=\"post\" action=\"" +
                  page_path(p) + "/callback\" novalidate><input type=\"hidden\" name=\"id\" value=\"" +
                  html_escape(f.id) + "\"><input type=\"hidden\" name=\"lang\" value=\"" + std::string(tx.lang) +
                  "\">";
  h += "<label for=\"topic\">" + html_escape(tx.topic_label) + "</label><select id=\"topic\" name=\"topic\">";
  for (const auto& t : p.config().topics) {
    if (!t.open) continue;
    h += "<option value=\"" + html_escape(t.id) + "\"" + (t.id == f.topic ? " selected" : "") + ">" +
         html_escape(topic_name_in(p.config(), t, tx.lang)) + "</option>";
  }
  h += "</select>";
  // A problem is said beside its field, and the field points at it, so a screen reader reads both.
  h += "<label for=\"phone\">" + html_escape(tx.phone_label) +
       "</label><p class=\"hint\" id=\"phone-hint\">" + html_escape(tx.phone_hint) + "</p>";
  if (f.phone_wrong) h += "<p class=\"err\" id=\"phone-err\">" + html_escape(tx.phone_invalid) + "</p>";
  h += "<input type=\"tel\" id=\"phone\" name=\"phone\" autocomplete=\"tel\" inputmode=\"tel\" maxlength=\"32\" "
       "value=\"" +
       html_escape(f.phone) + "\" aria-describedby=\"phone-hint" + (f.phone_wrong ? " phone-err" : "") + "\"" +
       (f.phone_wrong ? " aria-invalid=\"true\"" : "") + ">";
  h += "<fieldset><legend>" + html_escape(tx.part_label) + "</legend>" + radio("morning", tx.part_morning, f) +
       radio("afternoon", tx.part_afternoon, f) + radio("any", tx.part_any, f) + "</fieldset>";
  if (f.consent_missing) h += "<p class=\"err\" id=\"consent-err\">" + html_escape(tx.consent_missing) + "</p>";
  h += "<div class=\"choice\"><input type=\"checkbox\" id=\"consent\" name=\"consent\" value=\"yes\"" +
       std::string(f.consent ? " checked" : "") + (f.consent_missing ? " aria-describedby=\"consent-err\"" : "") +
       "><label for=\"consent\">" +
       filled(tx.consent, std::to_string(p.config().callback->retention_days)) + "</label></div>";
  return h + "<button class=\"send\" type=\"submit\">" + html_escape(tx.send) + "</button></form>";
}

void send_form(Response& res, int status, const JoinTexts& tx, const JoinPlace& p, const CallbackForm& f) {
  const std::string nonce = new_token();
  send_page(res, status, nonce,
            join_head(tx, p.config(), tx.callback_title, nonce, page_path(p) + "/callback") + "<h2>" +
                html_escape(tx.callback_title) + "</h2>" + form_html(tx, p, f) + "<p><a href=\"" + page_path(p) +
                "?lang=" + std::string(tx.lang) + "\">" + html_escape(tx.back) + "</a></p>" + join_tail());
}

// A location without [callback] has no such page.
bool offers_callback(const JoinPlace& p, const Request& req, Response& res) {
  if (p.config().callback) return true;
  const JoinTexts& tx = join_language(p.config(), req);
  send_notice(res, 404, tx, p.config(), tx.unknown_title, "<p>" + html_escape(tx.unknown_text) + "</p>",
              page_path(p));
  return false;
}

void get_callback_page(Context& ctx, const Request& req, Response& res) {
  auto place = find_place(ctx, req, res);
  if (!place || !offers_callback(*place, req, res)) return;
  CallbackForm f;
  f.id = new_uuid();
  if (const std::string t = req.get_param_value("topic"); place->config().topic(t) != nullptr) f.topic = t;
  send_form(res, 200, join_language(place->config(), req), *place, f);
}

void post_callback_page(Context& ctx, const Request& req, Response& res) {
  auto place = find_place(ctx, req, res);
  if (!place || !offers_callback(*place, req, res)) return;
  auto fields = form_fields(req.body);
  const JoinTexts& tx = form_language(*place, req, fields["lang"]);
  const std::string back = page_path(*place) + "/callback";
  if (cross_site(req)) return send_notice(res, 403, tx, place->config(), tx.failed_text, "", back);
  CallbackForm f;
  f.id = is_uuid(fields["id"]) ? fields["id"] : new_uuid();
  f.topic = fields["topic"];
  f.phone = fields["phone"].substr(0, 64);
  f.part = fields["part_of_day"];
  f.consent = fields["consent"] == "yes";
  auto part = part_of_day_from_name(f.part);
  if (!part) f.part = "any";
  auto phone = check_phone(f.phone);
  f.phone_wrong = !phone;
  f.consent_missing = !f.consent;
  const Topic* topic = place->config().topic(f.topic);
  if (f.phone_wrong || f.consent_missing || topic == nullptr || !topic->open)
    return send_form(res, 422, tx, *place, f);
  CallbackRequest c;
  c.id = f.id;
  c.created_at = ctx.now();
  c.language = std::string(tx.lang);
  c.topic = f.topic;
  c.phone = phone.value();
  c.part_of_day = part ? part.value() : PartOfDay::any;
  c.consent = true;
  auto taken = take_in_callback(ctx, place->view, c, "", admission_of(ctx, *place, req));
  if (!taken) {
    std::fprintf(stderr, "wijkqueue: a call-back request from the join page of %s failed: %s\n",
                 place->view.row.id.c_str(), taken.error().code.c_str());
    return send_notice(res, 503, tx, place->config(), tx.failed_text, "", back);
  }
  if (taken->refused != store::JoinRefusal::none) {
    res.set_header("Retry-After", "3600");
    return send_notice(res, 429, tx, place->config(), tx.closed_title,
                       "<p>" + html_escape(refusal_text(tx, taken->refused)) + "</p>" +
                           other_ways(tx, place->config()),
                       back);
  }
  // The thanks: the reference to keep, and nothing of the number.
  send_notice(res, taken->created ? 201 : 200, tx, place->config(), tx.thanks_title,
              "<p>" + html_escape(tx.thanks_text) + "</p><p class=\"ref\">" +
                  filled(tx.reference, callback::reference_of(c.id)) + "</p>",
              page_path(*place));
}

}  // namespace

void install_join_callback_routes(Router& router, Context& ctx) {
  router.get(std::string("/join/") + kJoinLocationPattern + "/callback", route(ctx, get_callback_page));
  router.post(std::string("/join/") + kJoinLocationPattern + "/callback", route(ctx, post_callback_page));
}

}  // namespace wk::service::http
