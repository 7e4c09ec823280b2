#include "core/display_board.hpp"

#include <algorithm>
#include <cctype>

namespace wk::display {
namespace {

Error bad(const std::string& detail) {
  return make_error("bad_response", "The queue service sent calls the display cannot read.", detail);
}

Result<Call> call_from_json(const nlohmann::json& j, const std::string& where) {
  if (!j.is_object()) return bad(where + " is not an object");
  Call c;
  const auto seq = j.find("seq");
  if (seq == j.end() || !seq->is_number_integer()) return bad(where + ".seq must be a whole number");
  c.seq = seq->get<std::int64_t>();
  const auto code = j.find("code");
  if (code == j.end() || !code->is_string()) return bad(where + ".code must be text");
  c.code = code->get<std::string>();
  const auto desk = j.find("desk");
  if (desk != j.end() && desk->is_number_integer())
    c.desk = desk->get<int>();
  else if (desk != j.end() && desk->is_string() && !desk->get<std::string>().empty() &&
           desk->get<std::string>().size() < 6 &&
           std::all_of(desk->get_ref<const std::string&>().begin(), desk->get_ref<const std::string&>().end(),
                       [](unsigned char ch) { return std::isdigit(ch); }))
    c.desk = std::stoi(desk->get<std::string>());
  else
    return bad(where + ".desk must be a desk number");
  if (const auto at = j.find("called_at"); at != j.end() && at->is_string()) {
    auto t = parse_rfc3339(at->get<std::string>());
    if (!t) return bad(where + ".called_at must be an RFC 3339 time");
    c.called_at = t.value();
  }
  if (const auto r = j.find("recall"); r != j.end() && r->is_boolean()) c.recall = r->get<bool>();
  // Optional: a service before shared codes does not send them.
  if (const auto s = j.find("code_shared"); s != j.end() && s->is_boolean()) c.code_shared = s->get<bool>();
  if (const auto t = j.find("issued_time");
      t != j.end() && t->is_string() && t->get<std::string>().size() <= 8)
    c.issued_time = t->get<std::string>();
  return c;
}

}  // namespace

Result<CallBatch> calls_from_json(const nlohmann::json& j) {
  if (!j.is_object()) return bad("not an object");
  CallBatch b;
  const auto calls = j.find("calls");
  if (calls == j.end() || !calls->is_array()) return bad("calls must be a list");
  for (std::size_t i = 0; i < calls->size(); ++i) {
    auto c = call_from_json((*calls)[i], "calls[" + std::to_string(i) + "]");
    if (!c) return c.error();
    b.calls.push_back(std::move(c.value()));
  }
  if (const auto last = j.find("last_seq"); last != j.end() && last->is_number_integer())
    b.last_seq = last->get<std::int64_t>();
  for (const auto& c : b.calls) b.last_seq = std::max(b.last_seq, c.seq);
  return b;
}

void apply_calls(Board& board, const CallBatch& batch, UnixMs now) {
  std::vector<Call> fresh;
  for (const auto& c : batch.calls)
    if (c.seq > board.last_seq) fresh.push_back(c);  // seen before (a repeated batch, a retry): skip
  std::sort(fresh.begin(), fresh.end(), [](const Call& a, const Call& b) { return a.seq < b.seq; });
  for (const auto& c : fresh) {
    // The board shows each resident once: a recall moves them to the top instead of listing them twice.
    // Two residents may share a code (then their issue times differ), so both count.
    std::erase_if(board.shown,
                  [&](const Call& s) { return s.code == c.code && s.issued_time == c.issued_time; });
    board.shown.insert(board.shown.begin(), c);
    if (c.called_at == 0 || now - c.called_at <= kAnnounceMaxAgeMs)
      board.pending.push_back({c.seq, c.code, c.desk, c.called_at, c.code_shared ? c.issued_time : ""});
  }
  if (board.shown.size() > kPreviousShown + 1) board.shown.resize(kPreviousShown + 1);
  board.last_seq = std::max({board.last_seq, batch.last_seq, fresh.empty() ? 0 : fresh.back().seq});
}

std::optional<Announcement> start_next_announcement(Board& board, UnixMs now) {
  if (board.playing) return std::nullopt;  // never two at once
  while (!board.pending.empty()) {
    Announcement a = board.pending.front();
    board.pending.pop_front();
    // A long queue (many calls at once) must not chime for a call minutes after it was made.
    if (a.called_at != 0 && now - a.called_at > kAnnounceMaxAgeMs) continue;
    board.playing = a;
    return a;
  }
  return std::nullopt;
}

void announcement_finished(Board& board) {
  board.playing.reset();
}

std::string spoken_text(const std::string& code, int desk, const std::string& language,
                        const std::string& issued_time) {
  // "S-012" -> "S 12": the letters, then the number without its leading zeros, so the voice says
  // "twelve" and not "zero one two".
  std::string letters, digits;
  for (unsigned char ch : code) {
    if (std::isalpha(ch) && digits.empty())
      letters += static_cast<char>(ch);
    else if (std::isdigit(ch))
      digits += static_cast<char>(ch);
  }
  std::string said;
  if (digits.empty())
    said = code;
  else {
    while (digits.size() > 1 && digits.front() == '0') digits.erase(0, 1);
    said = letters.empty() ? digits : letters + " " + digits;
  }
  const bool dutch = language == "nl";
  // "09:14" as people say it: "9 uur 14" in Dutch, "9:14" in English.
  if (issued_time.size() == 5 && issued_time[2] == ':') {
    std::string hour = issued_time.substr(0, 2), minute = issued_time.substr(3);
    if (hour.front() == '0') hour.erase(0, 1);
    if (minute.front() == '0') minute.erase(0, 1);
    said += dutch ? " van " + hour + " uur " + (minute == "0" ? std::string() : minute)
                  : " from " + hour + ":" + issued_time.substr(3);
    while (said.back() == ' ') said.pop_back();
  }
  return std::string(dutch ? "nummer " : "number ") + said + (dutch ? ", balie " : ", desk ") +
         std::to_string(desk);
}

std::string speech_voice(const std::string& language) {
  return language == "nl" ? "nl" : "en";
}

}  // namespace wk::display
