#include "platform/reader.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string_view>

#include "platform/audio.hpp"
#include "platform/speech.hpp"

namespace wk::platform {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kRate = 22050;
// How much sound is queued ahead of the device: enough that the next sentence is synthesised before the
// one playing ends, little enough that a long text is never all in memory.
constexpr double kAheadSeconds = 1.0;
// How often the thread looks at the queue while it waits; stop() wakes it at once.
constexpr auto kPoll = std::chrono::milliseconds(10);

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The length in bytes of a sentence end at text[i], or 0.
std::size_t sentence_end(std::string_view t, std::size_t i) {
  const char c = t[i];
  if (c == '\n') return 1;
  if (c == '.' || c == '!' || c == '?' || c == ';')
    // Only before a space or the end: "S-012", "1.5" and "gemeente.nl" stay whole.
    return i + 1 == t.size() || is_space(t[i + 1]) ? 1 : 0;
  // Arabic question mark and semicolon, Ethiopic full stop and question mark.
  for (std::string_view mark : {"\xD8\x9F", "\xD8\x9B", "\xE1\x8D\xA2", "\xE1\x8D\xA7"})
    if (t.substr(i, mark.size()) == mark) return mark.size();
  return 0;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool continuation_byte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

void add_piece(std::vector<std::string>& out, std::string_view piece, std::size_t max_bytes) {
  piece = trim(piece);
  while (piece.size() > max_bytes) {
    std::size_t cut = piece.rfind(' ', max_bytes);
    if (cut == std::string_view::npos || cut == 0) {
      cut = max_bytes;
      while (cut > 0 && continuation_byte(piece[cut])) --cut;  // never inside a character
      if (cut == 0) {  // one character longer than max_bytes: keep it whole
        cut = 1;
        while (cut < piece.size() && continuation_byte(piece[cut])) ++cut;
      }
    }
    if (auto head = trim(piece.substr(0, cut)); !head.empty()) out.emplace_back(head);
    piece = trim(piece.substr(cut));
  }
  if (!piece.empty()) out.emplace_back(piece);
}

}  // namespace

std::vector<std::string> speech_chunks(const std::string& text, std::size_t max_bytes) {
  max_bytes = std::max<std::size_t>(max_bytes, 1);
  std::vector<std::string> out;
  const std::string_view t = text;
  std::size_t start = 0;
  for (std::size_t i = 0; i < t.size();) {
    if (const std::size_t n = sentence_end(t, i); n > 0) {
      add_piece(out, t.substr(start, i + n - start), max_bytes);
      i += n;
      start = i;
    } else {
      ++i;
    }
  }
  add_piece(out, t.substr(start), max_bytes);
  return out;
}

Reader::Reader(ReaderOptions options) : o_(std::move(options)) {}

Reader::~Reader() {
  stop();
  jobs_.stop();
  if (audio_open_) {
    Audio_Stop();
    Audio_Shutdown();
  }
}

void Reader::read(std::string text, std::string voice, int volume_percent) {
  set_volume(volume_percent);
  std::uint64_t id = 0;
  {
    std::lock_guard lock(mu_);
    id = ++latest_;
    reading_ = true;
  }
  cv_.notify_all();  // the reading under way sees it is replaced
  // The thread starts with the first reading: an idle kiosk has none.
  jobs_.start({.run = [this](Job& job) { run(job); }}, [] { Audio_ThreadEnds(); });
  jobs_.post(Job{id, std::move(text), std::move(voice)});
}

void Reader::stop() {
  {
    std::lock_guard lock(mu_);
    stopped_upto_ = latest_;
    reading_ = false;
  }
  cv_.notify_all();
}

void Reader::set_volume(int volume_percent) {
  volume_ = std::clamp(volume_percent, 0, 100);
}

bool Reader::reading() const {
  std::lock_guard lock(mu_);
  return reading_;
}

bool Reader::cancelled(std::uint64_t id) const {
  return id != latest_ || id <= stopped_upto_ || jobs_.stop_signal().stopped();
}

bool Reader::wait(std::uint64_t id, const std::function<bool()>& ready, Clock::time_point until) {
  std::unique_lock lock(mu_);
  for (;;) {
    if (cancelled(id)) return false;
    lock.unlock();
    const bool done = ready() || Clock::now() >= until;
    lock.lock();
    if (done) return !cancelled(id);
    cv_.wait_for(lock, kPoll, [&] { return cancelled(id); });
  }
}

ReadEnd Reader::speak(const Job& job) {
  const auto is_cancelled = [&] {
    std::lock_guard lock(mu_);
    return cancelled(job.id);
  };
  if (is_cancelled()) return ReadEnd::stopped;
  // The sound device opens with the first reading, on this thread; a failed open is tried again next time
  // (a speaker plugged in later).
  if (!audio_open_) {
    auto opened = Audio_Init(kRate);
    if (!opened) {
      std::fprintf(stderr, "wijkkiosk: %s\n", to_string(opened.error()).c_str());
      return ReadEnd::failed;
    }
    audio_open_ = true;
  }
  bool heard = false;
  double queued_seconds = 0;
  for (const std::string& chunk : speech_chunks(job.text)) {
    // A device that stalls holds the queue up no longer than a few seconds.
    if (!wait(
            job.id, [] { return Audio_QueuedSeconds() < kAheadSeconds; },
            Clock::now() + std::chrono::seconds(5)))
      return ReadEnd::stopped;
    auto pcm = Speech_Synthesize(chunk, job.voice);
    if (!pcm) {
      // A sentence espeak cannot say is skipped; the rest is still read.
      std::fprintf(stderr, "wijkkiosk: %s\n", to_string(pcm.error()).c_str());
      continue;
    }
    if (is_cancelled()) return ReadEnd::stopped;
    const double seconds = pcm->seconds();
    if (auto played = Audio_Play(with_volume(std::move(pcm.value()), volume_)); !played) {
      std::fprintf(stderr, "wijkkiosk: %s\n", to_string(played.error()).c_str());
      continue;
    }
    heard = true;
    queued_seconds += seconds;
  }
  if (!heard) return ReadEnd::failed;
  // The last sentence plays out; a device that stalls is given up on after the whole text's length.
  const auto until =
      Clock::now() + std::chrono::milliseconds(static_cast<long>(queued_seconds * 1000) + 3000);
  if (!wait(
          job.id, [] { return !Audio_Busy(); }, until))
    return ReadEnd::stopped;
  return ReadEnd::finished;
}

void Reader::run(const Job& job) {
  ReadEnd end = speak(job);
  {
    std::lock_guard lock(mu_);
    if (cancelled(job.id))
      end = job.id != latest_ ? ReadEnd::replaced : ReadEnd::stopped;
    else
      reading_ = false;
  }
  if (end == ReadEnd::stopped || end == ReadEnd::replaced) {
    if (audio_open_) Audio_Stop();  // within one buffer: what the device holds already
  }
  if (o_.done) o_.done(end);
}

}  // namespace wk::platform
