#pragma once
// The queue service's database (wijkqueue): locations with their config, devices with the hash of their
// token, tickets, calls, sessions, reprints, volunteers' sealed registrations, releases. One interface,
// two backends chosen at start (db_conn.hpp), each with its own versioned schema:
// - SQLite, the embedded default: one file. One writing connection guarded by a mutex serves every
//   change: simple, and a walk-in point's load is far below what one SQLite writer does. Reads go through
//   a small pool of read-only connections: under WAL a reader never waits for a writer, so /healthz,
//   GET /v1/config and the status page answer at once while a write waits out a lock.
// - PostgreSQL, for a city: a pool of connections that read and write alike, shared by any number of
//   wijkqueue instances. A change that must not race (a ticket's insert, "next", a reprint claim, a
//   login's count, the day's end) is one transaction under an advisory lock of its location (or of the
//   logins), so instances serve a location's writes one after the other, as one SQLite writer would.
// Tokens are hashed by the caller (service/): store/ only ever sees and keeps hashes.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "core/ticket.hpp"

namespace wk::store {

namespace db {
class Conn;
}

struct LocationRow {
  std::string id, name, timezone;
  std::string config_json;  // empty: no config set yet
  std::string config_etag;  // strong ETag of config_json, quotes included
};

struct DeviceRow {
  std::string id, name;
  std::string role;      // kiosk | display | admin
  std::string location;  // a location id, or "*" for admin
  UnixMs created_at = 0;
  std::optional<UnixMs> last_seen_at;
};

// A device as IT's fleet view shows it: its last heartbeat as the service stored it.
struct FleetRow {
  DeviceRow device;
  std::string heartbeat_json;  // empty before the first heartbeat
  std::optional<UnixMs> revoked_at;
};

// How many failed logins may come, and how fast (see reserve_login).
struct LoginLimits {
  int free_failures = 3;                // per user and address, before any delay
  UnixMs first_delay_ms = 5'000;        // then 5 s, 10 s, 20 s, ... after the last failure
  UnixMs max_delay_ms = 5 * 60'000;     //   up to 5 minutes
  UnixMs user_window_ms = 15 * 60'000;  // failures older than this are forgotten
  int max_address_failures = 20;        // per address, whatever the user names
  UnixMs address_window_ms = 5 * 60'000;
};

// A login attempt written down before its password is checked: `id` to finish it, or the time to wait.
struct LoginReservation {
  std::int64_t id = 0;        // 0: refused
  UnixMs retry_after_ms = 0;  // when refused
};

struct StoredTicket {
  Ticket ticket;
  std::string location;
  std::string status;  // waiting | called | served | no_show | expired
  // 0 for the first ticket with its code at the location that day; 1, 2, ... for tickets that came with
  // a code already held (a kiosk that lost its numbering, two kiosks on one slot): stored all the same.
  int code_twin = 0;
};

enum class TicketOutcome { created, retry };

struct TicketInsert {
  TicketOutcome outcome = TicketOutcome::created;
  StoredTicket stored;
};

struct PublicTicket {
  std::string code, topic, status;  // status: waiting | called | served | no_show | expired
  int position = 0;                 // 1 = next in line; 0 when no longer waiting
  std::string language;
  std::optional<int> desk;                       // once called
  std::optional<std::int64_t> estimated_wait_s;  // while waiting; see estimated_wait_s() in service_queue.cpp
  std::string location, local_day;               // whose day the ticket belongs to (the queue is one day)
  // Another ticket of that day has the same code: the page shows the issue time beside it.
  bool code_shared = false;
  UnixMs created_at = 0;
  bool remote = false;  // joined from home: the page says when to come in
};

// A ticket as staff see it: no public token, nothing personal.
struct QueueTicket {
  std::string id, code, topic, language, status;
  std::string local_day;  // the location's day it belongs to
  UnixMs created_at = 0;
  std::optional<int> desk;
  std::optional<UnixMs> called_at;
  bool code_shared = false;  // another ticket of its day has this code: staff see the issue time too
  bool remote = false;       // joined from home (/join/{location}), not at a kiosk
};

struct TopicQueue {
  std::string topic;
  int waiting = 0;
  std::int64_t longest_wait_s = 0;    // of the first in line, 0 when none waits
  std::int64_t estimated_wait_s = 0;  // of the last in line, 0 when none waits
};

struct QueueView {
  std::vector<QueueTicket> waiting;  // oldest created_at first
  std::vector<TopicQueue> topics;
  std::vector<QueueTicket> called;  // called and not yet served or no-show, oldest call first
};

struct CallRow {
  std::int64_t seq = 0;
  std::string code;
  int desk = 0;
  UnixMs called_at = 0;
  bool recall = false;
  UnixMs issued_at = 0;      // the ticket's created_at: what tells two holders of one code apart
  bool code_shared = false;  // another ticket of its day has this code
};

// Tickets of one kiosk that share their code with another ticket of their day (either side of it).
struct CodeCollisions {
  std::int64_t tickets = 0;
  std::string last_day;  // the latest local day with one
};

// What a call or a lifecycle step did: the ticket afterwards, and the call's seq (0: no call was made).
struct TicketChange {
  QueueTicket ticket;
  std::int64_t call_seq = 0;
};

// later: a called ticket joined from home whose resident has not come yet goes back to wait, at the end
// of the line (queue_at = now), instead of a no-show.
enum class TicketAction { recall, served, no_show, transfer, later };

struct StaffSession {
  std::string location, user;
  UnixMs expires_at = 0;
};

// A duration histogram of one location and topic, as Prometheus wants it: the count at or below each
// bound (cumulative), then the count and the sum of all.
struct DurationHistogram {
  std::string location, topic;
  std::vector<std::int64_t> at_or_below;  // one per bound
  std::int64_t count = 0;
  double sum_s = 0;
};

struct TicketCount {
  std::string location, topic;
  std::int64_t count = 0;
  std::string outcome;  // closed_counts() only: served | no_show | expired
};

// A reprint that staff asked for, as the counter follows it. `status`: pending (no kiosk has it yet),
// printing (a kiosk claimed it), expired (none did in time), or the kiosk's outcome: printed, paper_out,
// cover_open, offline, no_printer, failed.
struct PrintJob {
  std::int64_t id = 0;
  std::string ticket_id, code, status;
  UnixMs created_at = 0, expires_at = 0;
};

// What a kiosk gets to print: the job and the whole ticket (its public token makes the QR code).
struct PrintJobTicket {
  std::int64_t job_id = 0;
  Ticket ticket;
};

// A volunteer's registration as the service keeps it. `personal` is sealed by the caller (service/, with
// the service's volunteer key): store/ never sees a name, a phone number or an e-mail address.
struct VolunteerRow {
  std::string id, location;
  std::string device_id;  // the kiosk that sent it
  UnixMs created_at = 0, received_at = 0;
  std::string language;
  std::vector<std::string> interests;     // interest ids of the location's config
  std::vector<std::string> availability;  // "mornings", "afternoons", "evenings", "weekends"
  std::string personal;                   // sealed
  std::string body_mac;                   // keyed hash of the body as sent: a retry or a conflict
  std::optional<UnixMs> handled_at;
};

enum class VolunteerOutcome { created, retry };

struct VolunteerInsert {
  VolunteerOutcome outcome = VolunteerOutcome::created;
  VolunteerRow stored;
};

// What a step on one registration by a location's staff found: the row is theirs (found), another
// location's (elsewhere, which they may not touch), or not there at all (none).
enum class VolunteerReach { found, elsewhere, none };

struct VolunteerStep {
  VolunteerReach reach = VolunteerReach::none;
  std::optional<UnixMs> handled_at;  // mark_volunteer_handled: when it was handled (first time)
};

// How long a location keeps registrations (its config's volunteer_retention_days), as cut-off times.
struct VolunteerCutoffs {
  UnixMs handled_before = 0;    // handled before this: deleted
  UnixMs unhandled_before = 0;  // never handled and created before this: deleted
};

struct VolunteerCount {
  std::string location, interest;
  std::int64_t count = 0;
};

// The caps on joining from home (the location's [join]) and who asks: a keyed hash of the address, so
// the database never holds an address.
struct RemoteAdmission {
  std::string address_key;
  int per_address_per_hour = 10, per_location_per_hour = 60;
  int max_waiting = 15;  // remote tickets waiting at once (tickets only)
};

// Why a join or a call-back request from home was refused, or not.
enum class JoinRefusal { none, waiting_full, address_hourly, location_hourly };

// A ticket joined from home: the caller fills id, topic, language, created_at, public_token and
// local_day; the service numbers it ("S-W03") in the same transaction as the caps are checked.
struct RemoteJoin {
  JoinRefusal refused = JoinRefusal::none;
  bool retry = false;  // this id was joined before: the same ticket again
  std::optional<StoredTicket> stored;
};

// A call-back request as the service keeps it: `personal` (the phone number) sealed by the caller, as a
// volunteer's registration is.
struct CallbackRow {
  std::string id, location;
  std::string device_id;  // the kiosk that sent it; empty from the join page
  UnixMs created_at = 0, received_at = 0;
  std::string language, topic, part_of_day;
  std::string personal;  // sealed {"phone"}
  std::string body_mac;  // keyed hash of the body as sent: a retry or a conflict
  std::string taken_by;  // the staff user who has it now; empty: open
  std::optional<UnixMs> taken_at;
  int attempts = 0;  // calls marked "not reached"
  std::optional<UnixMs> closed_at;
  std::string outcome;  // reached | done | expired, once closed
};

struct CallbackInsert {
  VolunteerOutcome outcome = VolunteerOutcome::created;
  JoinRefusal refused = JoinRefusal::none;  // from the join page only: the caps said no
  CallbackRow stored;
};

// A staff member's step on a call-back request: take it, or record how the call went.
enum class CallbackAction { take, reached, not_reached, done };
struct CallbackStep {
  VolunteerReach reach = VolunteerReach::none;  // the request is theirs, another location's, or none
  bool taken_by_other = false;                  // someone else has it (take), or it is not theirs (outcome)
  bool closed = false;                          // closed already
  std::optional<CallbackRow> row;               // afterwards, when found
};

// A call-back request as a report may see it: when, for what, and how it ended, never who.
struct ReportCallback {
  std::string topic;
  UnixMs created_at = 0;
  std::optional<UnixMs> closed_at;
  std::string outcome;  // reached | done | expired | "" (open)
};

// A ticket as a report may see it (service/report_source.cpp): no id, code, public token, device or desk,
// so no report can point back at one ticket. `created_at` only becomes a local weekday and hour there.
struct ReportTicket {
  std::string topic;  // as issued at the kiosk (issued_topic), not where staff transferred it
  std::string language, local_day;
  std::string status;  // waiting | called | served | no_show | expired
  UnixMs created_at = 0;
  std::optional<UnixMs> first_called_at;  // the first call, recalls and calls after a transfer aside
  std::optional<UnixMs> served_at;
};

// A volunteer's registration as a report may see it: when and for what, never who.
struct ReportRegistration {
  UnixMs created_at = 0;
  std::vector<std::string> interests;
};

// read_only (SQLite): opened without a change of any kind (no migration, no pragma that writes); it
// must be at the latest schema. For migrate-data's source.
enum class OpenMode { create_new, existing, read_only };

// One table as migrate-data compares it: its rows and a SHA-256 over all of them in key order.
struct TableCount {
  std::string table;
  std::int64_t rows = 0;
  std::string sha256;
};

// A release as published (service_releases.cpp): its files live in the service's directory, under
// releases/<channel>/<serial>/.
struct ReleaseRow {
  std::string channel;
  std::int64_t serial = 0;
  std::string version;
  std::string files_json;  // [{"path", "size", "sha256"}]
  UnixMs published_at = 0;
};

// Where a PostgreSQL database is: `conninfo` a postgresql:// URL or libpq's key=value words, without a
// password; `password` from a file or the environment (empty: libpq's PGPASSWORD or passfile).
struct PostgresTarget {
  std::string conninfo, password;
  int connections = 8;  // per instance: the server's request threads share them
};

// A running LISTEN (ServiceDb::listen): it stops when destroyed.
class Subscription {
 public:
  virtual ~Subscription() = default;
};

// Refuses an address libpq cannot parse, or one that carries a password (it would end up in the process
// list, shell histories and logs).
Result<void> check_postgres_conninfo(const std::string& conninfo);

class ServiceDb {
 public:
  // create_new refuses a file that already exists; existing refuses one that does not.
  static Result<std::unique_ptr<ServiceDb>> open(const std::string& path, OpenMode mode);
  // create_new refuses a database that holds a wijkqueue schema already; existing one that does not.
  // Either brings the schema up to date first (under an advisory lock, so instances may start together).
  static Result<std::unique_ptr<ServiceDb>> open_postgres(const PostgresTarget& target, OpenMode mode);
  bool is_postgres() const;
  ~ServiceDb();
  ServiceDb(const ServiceDb&) = delete;
  ServiceDb& operator=(const ServiceDb&) = delete;

  Result<int> schema_version();
  static int latest_schema_version();
  Result<void> ping();  // a trivial query: /healthz
  // Whether a write can succeed, without taking the write lock (so a long write never makes the service
  // look dead): the file and its folder writable, the filesystem not read-only, and at least
  // `min_free_bytes` free on it. Errors "not_writable" and "disk_full".
  Result<void> check_writable(std::uint64_t min_free_bytes);

  // Settings are plain key/value pairs (e.g. where the server's certificate lives).
  Result<void> set_setting(const std::string& key, const std::string& value);
  Result<std::optional<std::string>> setting(const std::string& key);

  Result<void> add_location(const std::string& id, const std::string& name, const std::string& timezone,
                            UnixMs now);
  Result<std::optional<LocationRow>> location(const std::string& id);
  Result<void> set_location_config(const std::string& id, const std::string& config_json,
                                   const std::string& etag);

  Result<void> add_device(const DeviceRow& device, const std::string& token_hash);
  Result<std::optional<DeviceRow>> device_by_token_hash(const std::string& token_hash);
  Result<void> record_heartbeat(const std::string& device_id, const std::string& heartbeat_json, UnixMs now);
  Result<std::vector<FleetRow>> fleet();  // every kiosk and display, by location and name
  Result<std::map<std::string, std::int64_t>> device_counts();  // per role

  // One transaction: a new ticket is stored (created); the same id with the same body hash at the same
  // location returns the stored one (retry); otherwise an Error "id_conflict". A code already held that
  // day is no refusal: the ticket is stored as its next twin (StoredTicket::code_twin).
  // The ticket's local_day and number must be filled in by the caller.
  // `device_id`: the kiosk that sent it, where a reprint will come out (empty: not known).
  // `today`: the location's local day now; a ticket of an earlier day (a kiosk that was offline past
  // midnight) is stored as expired at once, since that day's queue is closed. Empty: not checked.
  Result<TicketInsert> insert_ticket(const Ticket& ticket, const std::string& location,
                                     const std::string& body_hash, UnixMs now,
                                     const std::string& device_id = {}, const std::string& today = {});
  // The end of the day: every ticket of the location still waiting or called from a day before `today`
  // becomes expired (expired_at = now). Returns how many; running it again changes nothing.
  Result<std::int64_t> close_days_before(const std::string& location, const std::string& today, UnixMs now);
  // `now` for the estimate's "desks active lately".
  Result<std::optional<PublicTicket>> public_ticket(const std::string& public_token, UnixMs now);
  Result<std::vector<TicketCount>> ticket_counts();
  Result<std::vector<TicketCount>> called_counts();  // first calls (not recalls) per location and topic
  Result<std::vector<TicketCount>> closed_counts();  // tickets per location, topic and how they ended
  // Tickets stored with a code already held that day (code_twin > 0), per location and issued topic.
  Result<std::vector<TicketCount>> code_collision_counts();
  // By device id: its tickets whose code another ticket of the day holds too (for IT's fleet view).
  Result<std::map<std::string, CodeCollisions>> code_collisions_by_device();
  // Per code letter, the highest number any ticket of the location holds on `local_day` ("2026-11-24"): a
  // kiosk that lost its data folder numbers on above it.
  Result<std::map<char, int>> highest_numbers(const std::string& location, const std::string& local_day);
  // Waits (issued -> called to a desk, per call that is not a recall, under the topic it was called for)
  // and times at the desk (called -> served), per location and topic, over `bounds_s` (ascending).
  Result<std::vector<DurationHistogram>> wait_histograms(const std::vector<double>& bounds_s);
  Result<std::vector<DurationHistogram>> desk_histograms(const std::vector<double>& bounds_s);

  // --- The counter (service_queue.cpp). Every ticket look-up is by location too: staff of one
  // location never find another location's tickets.
  // "staff_exists" when the user is there already, "unknown_location" when the location is not.
  Result<void> add_staff_user(const std::string& location, const std::string& user,
                              const std::string& password_hash, UnixMs now);
  Result<std::optional<std::string>> staff_password_hash(const std::string& location,
                                                         const std::string& user);
  Result<void> add_staff_session(const std::string& token_hash, const StaffSession& session, UnixMs now);
  Result<std::optional<StaffSession>> staff_session(const std::string& token_hash, UnixMs now);

  // The queue is the location's day: `today` is its local day ("2026-11-24"). A ticket left waiting or
  // called when an earlier day ended is not in it, so it can never be called first the next morning.
  // `topics`: the location's topics in config order; topics of waiting tickets outside it come after.
  Result<QueueView> queue(const std::string& location, const std::vector<std::string>& topics,
                          const std::string& today, UnixMs now);
  // Today's oldest waiting ticket (by created_at) of `topics` (empty: any), called to `desk`, in one
  // write transaction, so two desks never get the same ticket. nullopt: none waits.
  Result<std::optional<TicketChange>> call_next(const std::string& location, int desk,
                                                const std::vector<std::string>& topics,
                                                const std::string& today, UnixMs now);
  // Today's waiting ticket with this code to `desk`; when two share the code, the one issued first (by
  // created_at, as call_next orders), so the other is called next time.
  Result<std::optional<TicketChange>> call_code(const std::string& location, int desk,
                                                const std::string& code, const std::string& today,
                                                UnixMs now);
  // A step of the lifecycle; Error "bad_transition" when the ticket's status forbids it, nullopt when
  // there is no such ticket at the location. `new_topic` only for transfer.
  Result<std::optional<TicketChange>> change_ticket(const std::string& location, const std::string& id,
                                                    TicketAction action, const std::string& new_topic,
                                                    UnixMs now);
  // Calls with seq > after (at most `limit`, oldest first); without `after` the latest `limit` calls.
  Result<std::vector<CallRow>> calls(const std::string& location, std::optional<std::int64_t> after,
                                     int limit);
  Result<std::int64_t> latest_call_seq(const std::string& location);  // 0 before the first call

  // --- Access (service_access.cpp): logins that cannot be raced, sessions, removal and revocation.
  // In one write transaction: refused while this user from this address is in its delay or the address
  // has too many failures; otherwise the attempt is stored as a (pending) failure before the password is
  // checked, so parallel attempts count at once. Keyed by user and address, so failures from elsewhere
  // never lock the real user out.
  Result<LoginReservation> reserve_login(const std::string& user_key, const std::string& address, UnixMs now,
                                         const LoginLimits& limits);
  // After the check: a success clears this user's failures from this address; a failure stays counted.
  Result<void> finish_login(std::int64_t id, bool ok);
  Result<void> delete_staff_session(const std::string& token_hash);  // logout
  // false: no such user. Removing a user or changing a password ends every session of that user.
  Result<bool> remove_staff_user(const std::string& location, const std::string& user);
  Result<bool> set_staff_password(const std::string& location, const std::string& user,
                                  const std::string& password_hash);
  // false: no such device. Its token is refused from now on; the fleet view shows when.
  Result<bool> revoke_device(const std::string& device_id, UnixMs now);

  // --- Reprints (service_print_jobs.cpp), for the kiosk that issued the ticket, or any kiosk of the
  // location when that is not known. nullopt: no ticket with this id at the location.
  Result<std::optional<PrintJob>> add_print_job(const std::string& location, const std::string& ticket_id,
                                                UnixMs now, UnixMs expires_at);
  Result<std::optional<PrintJob>> print_job(const std::string& location, std::int64_t id, UnixMs now);
  // In one write transaction: the open jobs this kiosk may print (not done, not expired, not claimed
  // within the last `lease_ms`), now claimed by it. Oldest first, at most `limit`.
  Result<std::vector<PrintJobTicket>> claim_print_jobs(const std::string& location,
                                                       const std::string& device_id, UnixMs now,
                                                       UnixMs lease_ms, int limit);
  Result<std::int64_t> latest_print_job_id(const std::string& location);  // 0 before the first
  // The kiosk's outcome. false: no such job claimed by this device. A job already done keeps its first
  // outcome, so a retried report changes nothing.
  Result<bool> finish_print_job(const std::string& location, const std::string& device_id, std::int64_t id,
                                const std::string& outcome, UnixMs now);

  // --- Volunteers' registrations (service_volunteers.cpp). Every delete overwrites the row's bytes
  // (secure_delete) and empties the WAL, so what is deleted is gone from the disk at once.
  // One transaction: a new registration is stored (created); the same id with the same body_mac at the same
  // location returns the stored one (retry); otherwise an Error "id_conflict".
  Result<VolunteerInsert> insert_volunteer(const VolunteerRow& row);
  // Not yet handled, of one location, oldest created_at first.
  Result<std::vector<VolunteerRow>> open_volunteers(const std::string& location);
  // Marks it handled at `now` the first time; again, it keeps its first handled_at.
  Result<VolunteerStep> mark_volunteer_handled(const std::string& location, const std::string& id,
                                               UnixMs now);
  // "Vergeet mij": deleted at once, from the file and from the WAL.
  Result<VolunteerReach> delete_volunteer(const std::string& location, const std::string& id);
  // Retention: deletes the location's registrations past its cut-offs; returns how many.
  Result<std::int64_t> purge_volunteers(const std::string& location, const VolunteerCutoffs& cutoffs);
  // Registrations held now, per location and interest (one with two interests counts under both).
  Result<std::vector<VolunteerCount>> volunteer_counts();

  // --- From home (service_remote.cpp): tickets joined through /join/{location}, and the caps.
  // In one write transaction under the location's lock: the same id again is a retry; else the caps are
  // checked (JoinRefusal), the join is counted, and the ticket stored with the next remote number of its
  // letter that day ("S-W01", "S-W02", ...: kiosks' codes are "S-012", so the two never meet).
  Result<RemoteJoin> join_remote(const Ticket& ticket, char letter, const std::string& location,
                                 const RemoteAdmission& admission, UnixMs now);

  // --- Call-back requests (service_callbacks.cpp), kept like volunteers' registrations.
  // As insert_volunteer; with `admission` (the join page) the caps per address and location are checked
  // and counted in the same transaction.
  Result<CallbackInsert> insert_callback(const CallbackRow& row,
                                         const std::optional<RemoteAdmission>& admission, UnixMs now);
  // Not closed, of one location, oldest created_at first.
  Result<std::vector<CallbackRow>> open_callbacks(const std::string& location);
  // take: open -> taken by `user` (again by the same user: no change); reached / done: closed by its
  // taker; not_reached: back to open, attempts + 1.
  Result<CallbackStep> step_callback(const std::string& location, const std::string& id,
                                     const std::string& user, CallbackAction action, UnixMs now);
  // Retention: requests made before `before` lose their phone number (personal and body_mac emptied, the
  // bytes overwritten); one still open is closed as "expired". The anonymous row stays for the reports.
  Result<std::int64_t> purge_callbacks(const std::string& location, UnixMs before, UnixMs now);
  // Requests made in [from_ms, to_ms), for the reports.
  Result<std::vector<ReportCallback>> report_callbacks(const std::string& location, UnixMs from_ms,
                                                       UnixMs to_ms);

  // Every location, by id (the purge walks them with their own config).
  Result<std::vector<LocationRow>> locations();

  // --- Reports (service_reports.cpp, service_volunteers.cpp): anonymous rows, read-only.
  // The location's tickets of the local days from_day..to_day (inclusive), oldest first.
  Result<std::vector<ReportTicket>> report_tickets(const std::string& location, const std::string& from_day,
                                                   const std::string& to_day);
  // The location's registrations made in [from_ms, to_ms). Only those the retention has kept.
  Result<std::vector<ReportRegistration>> report_registrations(const std::string& location, UnixMs from_ms,
                                                               UnixMs to_ms);
  Result<std::vector<std::string>> location_ids();  // by id

  // --- Wake-ups across instances (service_notify.cpp): PostgreSQL's LISTEN/NOTIFY on the channel
  // "wijkqueue", no other broker. SQLite has one instance, so neither does anything there.
  // Sends `message` to every instance that listens, this one included; after the change's commit.
  Result<void> announce(const std::string& message);
  // `heard` runs for every message any instance announces, on a thread of the subscription's own, until
  // the subscription is destroyed. nullptr on SQLite.
  std::unique_ptr<Subscription> listen(std::function<void(const std::string&)> heard);
  // A channel whose version the instances count together (PostgreSQL): one up, and the new count, which
  // is also announced to every instance as "SENDER n SEQ CHANNEL". So a web counter's queue version
  // means the same at every instance.
  Result<std::int64_t> count_change(const std::string& channel, const std::string& sender);
  // Every such channel's count now (empty on SQLite), for an instance that starts.
  Result<std::vector<std::pair<std::string, std::int64_t>>> change_counts();

  // --- migrate-data (service_copy.cpp). Every row of every table of this database into `to` (empty, at
  // the same schema version) in one transaction on `to`; then both are read back and every table's count
  // and checksum must agree, else an Error "copy_mismatch" and `to` keeps nothing. This one is only read.
  Result<std::vector<TableCount>> copy_into(ServiceDb& to);
  // The counts and checksums of every table, as copy_into compares them.
  Result<std::vector<TableCount>> table_counts();

  // --- Releases (service_releases.cpp).
  // In one write transaction: Error "serial_not_above" unless the serial is above the channel's highest.
  Result<void> add_release(const ReleaseRow& row);
  Result<std::optional<ReleaseRow>> current_release(const std::string& channel);  // the highest serial
  Result<std::vector<ReleaseRow>> current_releases();                             // one per channel

 private:
  class Pool;
  // A connection lent for one call: the writer (SQLite: under its mutex) or a reader, given back when the
  // lease ends.
  class Lease {
   public:
    Lease(Pool& pool, db::Conn* conn, bool writer);
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    db::Conn* db() const { return conn_; }

   private:
    Pool& pool_;
    db::Conn* conn_;
    bool writer_;
  };
  Lease lease_writer();  // SQLite: waits for the one writer; PostgreSQL: any free connection
  Lease lease_reader();  // waits while every reader is lent out

  Result<void> empty_wal(db::Conn* wdb);  // the WAL copied into the file and cut to nothing (SQLite)
  void empty_wal_or_say_why(db::Conn* wdb);
  static Result<std::unique_ptr<ServiceDb>> open_read_only(const std::string& path);
  explicit ServiceDb(std::unique_ptr<Pool> pool, std::string path, std::optional<PostgresTarget> target = {});

  std::unique_ptr<Pool> pool_;
  std::string path_;                      // SQLite's file; empty on PostgreSQL
  std::optional<PostgresTarget> target_;  // PostgreSQL's, for the listener's own connection
};

}  // namespace wk::store
