#include "core/update_trial.hpp"

#include <nlohmann/json.hpp>

namespace wk {
namespace {

using nlohmann::json;

Result<json> object_of(std::string_view text, const char* what) {
  auto j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object())
    return make_error("bad_file", std::string("The updater's ") + what + " does not read.",
                      "not a JSON object");
  return j;
}

bool get_string(const json& j, const char* key, std::string& out) {
  if (!j.contains(key) || !j.at(key).is_string()) return false;
  out = j.at(key).get<std::string>();
  return true;
}

}  // namespace

Result<TrialRecord> trial_from_json(std::string_view text) {
  auto j = object_of(text, "trial record");
  if (!j) return j.error();
  TrialRecord t;
  if (!get_string(*j, "version", t.version) || !get_string(*j, "previous", t.previous) ||
      !j->contains("tries_left") || !j->at("tries_left").is_number_integer() || !j->contains("serial") ||
      !j->at("serial").is_number_unsigned())
    return make_error("bad_file", "The updater's trial record does not read.", "a field is missing");
  t.tries_left = j->at("tries_left").get<int>();
  t.serial = j->at("serial").get<std::uint64_t>();
  return t;
}

std::string trial_to_json(const TrialRecord& t) {
  return json{{"version", t.version},
              {"previous", t.previous},
              {"serial", t.serial},
              {"tries_left", t.tries_left}}
             .dump() +
         "\n";
}

Result<UpdateState> update_state_from_json(std::string_view text) {
  auto j = object_of(text, "state");
  if (!j) return j.error();
  UpdateState s;
  if (!j->contains("highest_serial_seen") || !j->at("highest_serial_seen").is_number_unsigned() ||
      !j->contains("last_manifest_time_seen") || !j->at("last_manifest_time_seen").is_number_integer() ||
      !j->contains("bad_versions") || !j->at("bad_versions").is_array())
    return make_error("bad_file", "The updater's state does not read.", "a field is missing");
  s.highest_serial_seen = j->at("highest_serial_seen").get<std::uint64_t>();
  s.last_manifest_time_seen = j->at("last_manifest_time_seen").get<UnixMs>();
  for (const auto& v : j->at("bad_versions"))
    if (v.is_string()) s.bad_versions.insert(v.get<std::string>());
  return s;
}

std::string update_state_to_json(const UpdateState& s) {
  return json{{"highest_serial_seen", s.highest_serial_seen},
              {"last_manifest_time_seen", s.last_manifest_time_seen},
              {"bad_versions", s.bad_versions}}
             .dump() +
         "\n";
}

TrialStep judge_trial(const TrialRecord& trial, const TrialFacts& facts) {
  if (facts.current != trial.version)
    return {facts.current == trial.previous ? TrialVerdict::finish_install : TrialVerdict::stray, trial};
  if (facts.marked_good) return {TrialVerdict::good, trial};
  if (facts.app_failed || trial.tries_left <= 0) return {TrialVerdict::roll_back, trial};
  TrialRecord fewer = trial;
  --fewer.tries_left;
  return {TrialVerdict::try_again, fewer};
}

std::string update_report_to_json(const UpdateReport& r) {
  json j = {
      {"state", r.state},     {"release", r.release},   {"version", r.version},          {"code", r.code},
      {"message", r.message}, {"at", to_rfc3339(r.at)}, {"bad_versions", r.bad_versions}};
  return j.dump() + "\n";
}

Result<UpdateReport> update_report_from_json(std::string_view text) {
  auto j = object_of(text, "report");
  if (!j) return j.error();
  UpdateReport r;
  std::string at;
  if (!get_string(*j, "state", r.state) || !get_string(*j, "release", r.release) ||
      !get_string(*j, "version", r.version) || !get_string(*j, "code", r.code) ||
      !get_string(*j, "message", r.message) || !get_string(*j, "at", at) || !j->contains("bad_versions") ||
      !j->at("bad_versions").is_array())
    return make_error("bad_file", "The updater's report does not read.", "a field is missing");
  auto when = parse_rfc3339(at);
  if (!when) return when.error();
  r.at = when.value();
  for (const auto& v : j->at("bad_versions"))
    if (v.is_string()) r.bad_versions.insert(v.get<std::string>());
  return r;
}

}  // namespace wk
