#pragma once
// The configuration model and its validation. Two kinds of config:
//  - LocationConfig: what a walk-in point offers (topics, languages, opening hours). Written by a team as
//    TOML, stored by the service, sent to kiosks as JSON (GET /v1/config).
//  - DeviceConfig: how one kiosk/display/counter reaches its service and where it keeps its state (TOML in
//    /etc/wijkkiosk).
// Every validation error names the file and the field ("kiosk.toml: kiosk.slot: ...").
#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace wk {

using Texts = std::map<std::string, std::string>;  // language code -> text

struct Topic {
  std::string id;         // "schulden"
  char letter = 'A';      // the letter of its ticket codes, "S-012"
  Texts names;            // short name per language
  Texts lines;            // one short line per language
  std::string pictogram;  // asset name without extension
  bool open = true;       // a topic can be switched off for a day
};

// What a volunteer may offer at this location ("boodschappen", "taalmaatje", ...): the kiosk's second door.
struct Interest {
  std::string id;
  Texts names;
  std::string pictogram;  // asset name without extension; empty: text only
};

// How long the service keeps a volunteer's registration (`wijkqueue purge`, daily): so many days after
// staff marked it handled, or after it was made when nobody ever did. TOML:
// volunteer_retention_days = { handled = 90, unhandled = 180 }
struct VolunteerRetention {
  int handled_days = 90;
  int unhandled_days = 180;
  bool operator==(const VolunteerRetention&) const = default;
};

struct Interval {
  int from_min = 0, to_min = 0;  // minutes after local midnight, [from, to)
};

struct OpeningHours {
  bool always_open = true;                          // no hours configured
  std::array<std::vector<Interval>, 7> by_weekday;  // 0 = Sunday
  std::set<std::string> closed_days;                // local dates ("2026-12-25"): closed all day
  bool is_open(const CivilTime& local) const;
};

// [join]: joining the queue from home or from the door (/join/{location}), without an app or an account.
struct JoinPolicy {
  std::vector<std::string> topics;  // the topics that may be joined remotely, in the location's order
  OpeningHours hours;               // when; remote joins also need the walk-in itself to be open
  int max_waiting = 15;             // remote tickets waiting at once
  int per_address_per_hour = 10;    // joins (and call-back requests) from one address in an hour
  int per_location_per_hour = 60;   // all remote joins in an hour
  int come_when_before = 3;         // "come in now" once this many or fewer wait before them
  std::string phone;                // the team's number, said on a refusal; empty: none said
  // Open for remote joins at `local`: inside these hours and the walk-in's own.
  bool is_open(const OpeningHours& walk_in, const CivilTime& local) const {
    return walk_in.is_open(local) && hours.is_open(local);
  }
  bool offers(std::string_view topic) const {
    for (const auto& t : topics)
      if (t == topic) return true;
    return false;
  }
};

// [callback]: "bel mij terug" at the kiosk and on the join page; a request is purged so long after it was
// made.
struct CallbackPolicy {
  int retention_days = 30;
};

struct LocationConfig {
  std::string id;    // "haarlem-schalkwijk"
  std::string name;  // "Wijkcentrum De Ringvaart"
  std::string timezone = "Europe/Amsterdam";
  std::vector<std::string> languages = {"nl", "en"};  // first is the default
  std::vector<Topic> topics;
  std::vector<Interest> interests;  // none: the kiosk has no volunteer door
  VolunteerRetention volunteer_retention;
  // The update channel its kiosks and displays follow (GET /v1/releases/{channel}/...), unless a device's
  // own config names another. TOML: release_channel = "beta"; sent on only when not "stable".
  std::string release_channel = "stable";
  OpeningHours hours;
  std::optional<JoinPolicy> join;          // none: no join page
  std::optional<CallbackPolicy> callback;  // none: no call-back door

  const Topic* topic(std::string_view topic_id) const;
  // One of the location's texts in `language`, else in Dutch, else in its default language (the first), else
  // empty.
  std::string text_in(const Texts& texts, const std::string& language) const;
  // A topic's name for a resident or a desk: in `language`, else in the default language, else its id.
  std::string topic_name(std::string_view topic_id, const std::string& language) const;
  const Interest* interest(std::string_view interest_id) const;
};

// Parses and validates a location config from JSON (the wire form and the stored form).
Result<LocationConfig> location_config_from_json(const nlohmann::json& j, std::string_view source);
// Parses and validates a location config written as TOML.
Result<LocationConfig> location_config_from_toml(std::string_view text, std::string_view source);
nlohmann::json to_json(const LocationConfig& config);

struct DeviceConfig {
  std::string role = "kiosk";        // kiosk | counter | display
  std::string location;              // location id
  std::string service_url;           // "https://localhost:8443"
  std::string ca_file;               // CA to verify the service with (never skipped)
  std::string token_file;            // bearer token, readable only by the app
  std::string data_dir;              // outbox, cached config
  std::string location_config_file;  // optional: config to start with before the service was ever reached
  std::string tz_file;               // optional override of the time-zone file (tests)
  int config_poll_s = 300;           // kiosk: look for a new location config this often; 0: never
  int slot = 1;                      // this kiosk's place among the location's kiosks (ticket numbering)
  int slots = 1;                     // how many kiosks the location has
  int session_timeout_s = 60;        // back to welcome after this long without a touch
  int ticket_timeout_s = 30;         // the ticket screen stays this long
  double dpi_override = 0;           // 0: ask the display
  // [screen] bottom_mm: how high the glass's lower edge is above the floor. The kiosk's targets must lie
  // between 380 and 1220 mm (EN 301 549 8.3, reach from a wheelchair); the layout keeps them low.
  int screen_bottom_mm = 700;
  std::string staff_pin_hash;  // Argon2id hash (libsodium string form)
  int outbox_max_mb = 64;      // the outbox file's bound; at it a ticket is refused ([kiosk])
  std::string printer_uri;  // "tcp://10.0.0.5:9100", "file:///dev/usb/lp0", "cups://bon"; empty: no printer
  std::string printer_model = "generic";
  int paper_mm = 80;
  int desk = 1;       // counter: the desk this PC calls tickets to ([counter] desk)
  bool speak = true;  // display: speak each call after the chime ([display] speak)
  // [update]: how wijkkiosk-update treats this device (docs/updates.md).
  std::string release_channel;  // [update] channel: overrides the location's release_channel; empty: theirs
  // [update] device_id: the id a rollout's share is decided by; empty: /etc/machine-id (stable, random,
  // and says nothing about the place or its people)
  std::string update_device_id;
  int update_tries = 3;           // [update] tries: starts and checks a new release gets to prove itself
  int update_good_after_s = 120;  // [update] good_after_s: the app marks a trial good after this long well
  int update_keep_free_mb = 64;   // [update] keep_free_mb: disk an install leaves free (the outbox's room)
};

Result<DeviceConfig> device_config_from_toml(std::string_view text, std::string_view source);

constexpr double kReachLowMm = 380, kReachHighMm = 1220;
bool within_reach(double bottom_above_floor_mm, double top_above_floor_mm);

}  // namespace wk
