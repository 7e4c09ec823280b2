// Joining the queue from home or from the door (issue 18): /join/{location} shows the topics a resident
// may join remotely, how many wait and roughly how long; a tap on one is a plain form POST that gives a
// ticket like the kiosk's and sends the phone on to its status page. No app, no account, no script, no
// personal data: the caps per address are counted under a keyed hash of the address, never the address.
// /join/{location}/callback is "bel mij terug" for a resident who cannot wait.
#include <optional>
#include <string>

#include "core/ticket.hpp"
#include "service/form_body.hpp"
#include "service/html_text.hpp"
#include "service/http.hpp"
#include "service/join_page.hpp"
#include "service/join_place.hpp"
#include "service/secrets.hpp"

namespace wk::service::http {
namespace {

// "3 people are waiting now. Waiting time: about 20 minutes", for one topic's queue.
std::string queue_line(const JoinTexts& tx, const store::TopicQueue* q) {
  if (q == nullptr || q->waiting == 0) return html_escape(tx.nobody_waits);
  std::string line =
      filled(tx.waiting.form(plural_category(tx.lang, q->waiting)), std::to_string(q->waiting));
  const PageTexts& status = page_texts(tx.lang);
  const std::int64_t minutes = std::max<std::int64_t>(1, (q->estimated_wait_s + 30) / 60);
  return line + " " + filled(status.wait.form(plural_category(tx.lang, minutes)), std::to_string(minutes));
}

void get_join(Context& ctx, const Request& req, Response& res) {
  auto place = find_place(ctx, req, res);
  if (!place) return;
  const JoinTexts& tx = join_language(place->config(), req);
  const UnixMs now = ctx.now();
  const std::string nonce = new_token();
  std::string page = join_head(tx, place->config(), tx.title, nonce, page_path(*place));
  if (!open_now(*place, now)) {
    page +=
        "<h2>" + html_escape(tx.closed_title) + "</h2>" + closed_html(tx, *place) + callback_link(tx, *place);
    return send_page(res, 200, nonce, page + join_tail());
  }
  const auto today = today_or_notice(ctx, *place, tx, now, res);
  if (!today) return;
  std::vector<std::string> ids;
  for (const auto& t : place->config().topics) ids.push_back(t.id);
  auto queue = ctx.db.queue(place->view.row.id, ids, *today, now);
  if (!queue) return send_notice(res, 503, tx, place->config(), tx.failed_text, "", page_path(*place));
  // The form's id is made now, so the same form sent twice (a double tap, a reload) is one ticket.
  page += "<p>" + html_escape(tx.intro) + "</p><form method=\"post\" action=\"" + page_path(*place) +
          "\"><input type=\"hidden\" name=\"id\" value=\"" + new_uuid() +
          "\"><input type=\"hidden\" name=\"lang\" value=\"" + std::string(tx.lang) +
          "\"><fieldset><legend>" + html_escape(tx.choose_topic) + "</legend>";
  for (const auto& id : place->policy().topics) {
    const Topic* topic = place->config().topic(id);
    if (topic == nullptr || !topic->open) continue;
    const store::TopicQueue* q = nullptr;
    for (const auto& each : queue->topics)
      if (each.topic == id) q = &each;
    page += "<button class=\"topic\" type=\"submit\" name=\"topic\" value=\"" + html_escape(id) + "\">" +
            html_escape(topic_name_in(place->config(), *topic, tx.lang)) + "<span>" + queue_line(tx, q) +
            "</span></button>";
  }
  page += "</fieldset></form>" + callback_link(tx, *place);
  send_page(res, 200, nonce, page + join_tail());
}

void post_join(Context& ctx, const Request& req, Response& res) {
  auto place = find_place(ctx, req, res);
  if (!place) return;
  auto fields = form_fields(req.body);
  const JoinTexts& tx = form_language(*place, req, fields["lang"]);
  const UnixMs now = ctx.now();
  const std::string back = page_path(*place);
  if (cross_site(req)) return send_notice(res, 403, tx, place->config(), tx.failed_text, "", back);
  if (!open_now(*place, now))
    return send_notice(res, 403, tx, place->config(), tx.closed_title, closed_html(tx, *place), back);
  const std::string& topic_id = fields["topic"];
  const Topic* topic = place->config().topic(topic_id);
  if (topic == nullptr || !topic->open || !place->policy().offers(topic_id) || !is_uuid(fields["id"]))
    return send_notice(res, 422, tx, place->config(), tx.failed_text, "", back);
  const auto today = today_or_notice(ctx, *place, tx, now, res);
  if (!today) return;
  Ticket t;
  t.id = fields["id"];
  t.topic = topic_id;
  t.language = std::string(tx.lang);
  t.created_at = now;
  t.public_token = new_token();
  t.local_day = *today;
  auto joined = ctx.db.join_remote(t, topic->letter, place->view.row.id, admission_of(ctx, *place, req), now);
  if (!joined) {
    std::fprintf(stderr, "wijkqueue: a join from home at %s failed: %s\n", place->view.row.id.c_str(),
                 to_string(joined.error()).c_str());
    return send_notice(res, joined.error().code == "id_conflict" ? 409 : 503, tx, place->config(),
                       tx.failed_text, "", back);
  }
  if (joined->refused != store::JoinRefusal::none) {
    res.set_header("Retry-After", "3600");
    return send_notice(res, 429, tx, place->config(), tx.closed_title,
                       "<p>" + html_escape(refusal_text(tx, joined->refused)) + "</p>" +
                           other_ways(tx, place->config()) + callback_link(tx, *place),
                       back);
  }
  if (!joined->retry) ctx.long_polls.bump(counter_channel(place->view.row.id));
  // See Other: the phone lands on the ticket's status page, and a reload there never posts again.
  res.status = 303;
  res.set_header("Location", "/t/" + joined->stored->ticket.public_token);
  res.set_header("Cache-Control", "no-store");
}

}  // namespace

void install_join_routes(Router& router, Context& ctx) {
  router.get(std::string("/join/") + kJoinLocationPattern, route(ctx, get_join));
  router.post(std::string("/join/") + kJoinLocationPattern, route(ctx, post_join));
  install_join_callback_routes(router, ctx);
}

}  // namespace wk::service::http
