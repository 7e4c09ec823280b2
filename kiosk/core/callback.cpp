#include "core/callback.hpp"

#include <array>
#include <cctype>

#include "core/ticket.hpp"
#include "core/volunteer.hpp"

namespace wk {
namespace {
constexpr std::array<const char*, 3> kPartNames{"morning", "afternoon", "any"};
}

const char* part_of_day_name(PartOfDay p) {
  return kPartNames[static_cast<std::size_t>(p)];
}

Result<PartOfDay> part_of_day_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kPartNames.size(); ++i)
    if (name == kPartNames[i]) return static_cast<PartOfDay>(i);
  return make_error("field_invalid", "The field 'part_of_day' must be morning, afternoon or any.",
                    "part_of_day");
}

nlohmann::json callback_to_json(const CallbackRequest& c) {
  return {{"id", c.id},
          {"created_at", to_rfc3339(c.created_at)},
          {"language", c.language},
          {"topic", c.topic},
          {"phone", c.phone},
          {"part_of_day", part_of_day_name(c.part_of_day)},
          {"consent", c.consent}};
}

Result<CallbackRequest> callback_from_json(const nlohmann::json& j) {
  const auto field = [](const std::string& name, const std::string& what) {
    return make_error("field_invalid", "The field '" + name + "' " + what + ".", name);
  };
  if (!j.is_object()) return make_error("field_invalid", "The body must be a JSON object.", "");
  const auto text = [&](const char* name) -> std::string {
    return j.contains(name) && j[name].is_string() ? j[name].get<std::string>() : std::string();
  };
  CallbackRequest c;
  if (!j.contains("consent") || j["consent"] != true)
    return make_error("consent_missing", "A call-back request is only taken with the resident's consent.",
                      "consent");
  c.consent = true;
  c.id = text("id");
  if (!is_uuid(c.id)) return field("id", "must be a UUID");
  auto created = parse_rfc3339(text("created_at"));
  if (!created) return field("created_at", "must be an RFC 3339 time");
  c.created_at = created.value();
  c.language = text("language");
  if (c.language.size() < 2 || c.language.size() > 8) return field("language", "must be a language code");
  c.topic = text("topic");
  if (c.topic.empty() || c.topic.size() > 32) return field("topic", "must be a topic id");
  auto phone = check_phone(text("phone"));
  if (!phone) return field("phone", "is not a number a person can be called at");
  c.phone = phone.value();
  auto part = part_of_day_from_name(text("part_of_day"));
  if (!part) return part.error();
  c.part_of_day = part.value();
  return c;
}

std::string callback::reference_of(const std::string& id) {
  std::string ref = "B-";
  for (const char ch : id) {
    if (ref.size() == 8) break;
    if (std::isxdigit(static_cast<unsigned char>(ch)))
      ref += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  return ref;
}

}  // namespace wk
