#pragma once
// The display's voice: plays announcements one at a time (a chime, then the spoken call) on its own
// thread, so the synthesis and the playing never stall a frame. `done` is called on that thread when the
// speakers are quiet again. Without a sound device the calls are only shown.
#include <atomic>
#include <functional>
#include <string>

#include "worker/job_thread.hpp"

namespace wk::platform {

struct AnnouncerOptions {
  bool speak = true;  // false: the chime only
  std::function<void()> done;
};

class Announcer {
 public:
  explicit Announcer(AnnouncerOptions options);
  ~Announcer();  // stops; the audio device is closed before it returns
  void play(std::string text, std::string voice);

 private:
  struct Job {
    std::string text, voice;
  };
  AnnouncerOptions o_;
  std::atomic<bool> audio_open_{false};  // its Audio_Init succeeded: the destructor owes one Audio_Shutdown
  worker::JobThread<Job> jobs_;
};

}  // namespace wk::platform
