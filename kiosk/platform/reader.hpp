#pragma once
// The kiosk's read-aloud: reads a screen's text with espeak-ng through platform/audio, on its own thread, so
// a tap on the speaker button never waits for the synthesis or the sound device. A long text is spoken
// sentence by sentence: each is synthesised while the one before plays, and only about a second is queued
// ahead, so stop() is heard within one audio buffer and memory stays small. The sound device is opened on
// the first reading, not before: a kiosk nobody asks to read aloud never pays for it.
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "worker/job_thread.hpp"

namespace wk::platform {

// How a reading ended.
enum class ReadEnd {
  finished,  // everything was read
  stopped,   // stop() came first
  replaced,  // a later read() came first (the later one gets its own `done`)
  failed,    // no sound output, or the voice could not speak the text: nothing was heard
};

struct ReaderOptions {
  // Called on the reader's thread once for every read(), when that reading ended; reading() is already
  // false then unless a later read() is under way.
  std::function<void(ReadEnd)> done;
};

class Reader {
 public:
  explicit Reader(ReaderOptions options);
  ~Reader();  // stops the reading and its thread; closes the sound device if this reader opened it
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  // Reads `text` (UTF-8) with the espeak voice `voice` (Speech_VoiceFor) at `volume_percent` (0..100,
  // clamped). Whatever is being read is stopped first. Returns at once.
  void read(std::string text, std::string voice, int volume_percent);
  // Stops the reading, if any; returns at once. Its sound ends within one audio buffer and `done` follows.
  void stop();
  // The volume of what is still to be queued (about a second from now) and of later readings.
  void set_volume(int volume_percent);
  // From read() until that reading ends or stop() is called.
  bool reading() const;

 private:
  struct Job {
    std::uint64_t id = 0;
    std::string text, voice;
  };
  void run(const Job& job);
  ReadEnd speak(const Job& job);  // on the thread; returns finished or failed, or stopped when cancelled
  bool cancelled(std::uint64_t id) const;  // mu_ held
  // Waits until `ready()` holds or `until` passes; false when the reading was cancelled meanwhile.
  bool wait(std::uint64_t id, const std::function<bool()>& ready,
            std::chrono::steady_clock::time_point until);

  ReaderOptions o_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::uint64_t latest_ = 0;        // the id of the last read()
  std::uint64_t stopped_upto_ = 0;  // readings with an id up to this one were stopped
  bool reading_ = false;
  std::atomic<int> volume_{100};
  bool audio_open_ = false;      // the thread's own: its Audio_Init succeeded, one Audio_Shutdown is owed
  worker::JobThread<Job> jobs_;  // last: its thread ends before the members it uses go
};

// The pieces a text is spoken in: sentences (ended by . ! ? ; a line break, the Arabic ؟ ؛ or the Ethiopic
// ። ፧), each cut at a space (or else at a character boundary) when longer than `max_bytes`. Trimmed; no
// empty pieces.
std::vector<std::string> speech_chunks(const std::string& text, std::size_t max_bytes = 240);

}  // namespace wk::platform
