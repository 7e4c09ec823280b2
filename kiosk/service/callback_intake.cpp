#include "service/callback_intake.hpp"

namespace wk::service::http {
Result<TakenCallback> take_in_callback(Context& ctx, const LocationView& view, CallbackRequest c,
                                       const std::string& device_id,
                                       const std::optional<store::RemoteAdmission>& admission) {
  if (!view.config || view.config->topic(c.topic) == nullptr)
    return make_error(
        "unknown_topic",
        "The field 'topic' names '" + c.topic + "', which is no topic of location '" + view.row.id + "'.",
        "topic");
  // Keyed, over the checked fields in one canonical form and before the service's time may replace
  // created_at: a retry is recognised, and nobody without the key can test guesses of a number.
  const std::string body_mac = ctx.volunteer_box.keyed_hash("callback " + callback_to_json(c).dump());
  const UnixMs now = ctx.now();
  const auto filed = filed_at(c.created_at, now, device_id, "a call-back request");
  if (!filed) return filed.error();
  c.created_at = filed.value();
  store::CallbackRow row;
  row.id = c.id;
  row.location = view.row.id;
  row.device_id = device_id;
  row.created_at = c.created_at;
  row.received_at = now;
  row.language = c.language;
  row.topic = c.topic;
  row.part_of_day = part_of_day_name(c.part_of_day);
  row.personal = ctx.volunteer_box.seal(nlohmann::json{{"phone", c.phone}}.dump());
  row.body_mac = body_mac;
  auto inserted = ctx.db.insert_callback(row, admission, now);
  if (!inserted) return inserted.error();
  const bool created =
      inserted->outcome == store::VolunteerOutcome::created && inserted->refused == store::JoinRefusal::none;
  if (created) ctx.long_polls.bump(counter_channel(view.row.id));  // the counters' Terugbellen tab
  return TakenCallback{created, inserted->refused, std::move(inserted->stored)};
}

std::optional<TakenCallback> take_in_callback(Context& ctx, const LocationView& view, CallbackRequest c,
                                              const std::string& device_id,
                                              const std::optional<store::RemoteAdmission>& admission,
                                              Response& res) {
  auto taken = take_in_callback(ctx, view, std::move(c), device_id, admission);
  if (taken) return std::move(taken).value();
  const Error& e = taken.error();
  if (e.code == "unknown_topic" || e.code == "field_invalid")
    send_error(res, 422, e.code, e.message, e.detail);
  else if (e.code == "id_conflict")
    send_error(res, 409, e.code, e.message);
  else
    send_store_error(res, e);
  return std::nullopt;
}

nlohmann::json callback_receipt_json(const store::CallbackRow& row) {
  return {{"id", row.id},
          {"reference", callback::reference_of(row.id)},
          {"created_at", to_rfc3339(row.created_at)}};
}

std::optional<std::string> open_callback_phone(const Context& ctx, const store::CallbackRow& row) {
  auto opened = ctx.volunteer_box.open(row.personal);
  if (!opened) return std::nullopt;
  const auto j = nlohmann::json::parse(opened.value(), nullptr, false);
  if (!j.is_object() || !j.contains("phone") || !j["phone"].is_string()) return std::nullopt;
  return j["phone"].get<std::string>();
}

}  // namespace wk::service::http
