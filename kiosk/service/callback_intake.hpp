#pragma once
// Internal to service/: a call-back request taken in, from a kiosk (POST /v1/callbacks) or from the join
// page (/join/{location}/callback): checked against the location, its number sealed, stored once.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/callback.hpp"
#include "service/http.hpp"

namespace wk::service::http {

struct TakenCallback {
  bool created = false;  // false: a retry of one stored before
  store::JoinRefusal refused = store::JoinRefusal::none;
  store::CallbackRow stored;
};

// Errors: "unknown_topic" (not the location's), "id_conflict" (the id holds another request), or the
// store's. `admission`: the join page's caps, checked and counted in the same transaction.
Result<TakenCallback> take_in_callback(Context& ctx, const LocationView& location, CallbackRequest request,
                                       const std::string& device_id,
                                       const std::optional<store::RemoteAdmission>& admission);
// The same as a response: 201/200 on success, else 422/409/5xx with the error body; nullopt then.
std::optional<TakenCallback> take_in_callback(Context& ctx, const LocationView& location,
                                              CallbackRequest request, const std::string& device_id,
                                              const std::optional<store::RemoteAdmission>& admission,
                                              Response& res);

// {"id", "reference", "created_at"}: what the resident is given to keep.
nlohmann::json callback_receipt_json(const store::CallbackRow& row);
// The sealed phone number opened; nullopt when this service's key cannot (the caller logs the id).
std::optional<std::string> open_callback_phone(const Context& ctx, const store::CallbackRow& row);

}  // namespace wk::service::http
