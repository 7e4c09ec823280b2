#include "platform/speech.hpp"

#include <espeak-ng/speak_lib.h>

#include <mutex>

namespace wk::platform {
namespace {

std::mutex g_mu;
int g_rate = 0;

// espeak-ng hands the synthesised samples out in chunks through this callback; user_data is the buffer
// of the Synth call under way.
int collect(short* wav, int count, espeak_EVENT* events) {
  if (wav && count > 0 && events && events->user_data)
    static_cast<Pcm*>(events->user_data)
        ->samples.insert(static_cast<Pcm*>(events->user_data)->samples.end(), wav, wav + count);
  return 0;  // 0: go on
}

}  // namespace

Result<int> Speech_Init() {
  std::lock_guard lock(g_mu);
  if (g_rate > 0) return g_rate;
  // Synchronous, to a buffer: espeak opens no audio device of its own.
  const int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, 0);
  if (rate <= 0)
    return make_error("speech", "The voice could not be started; calls are shown and chimed without speech.",
                      "espeak_Initialize failed (is espeak-ng-data installed?)");
  espeak_SetSynthCallback(collect);
  espeak_SetParameter(espeakRATE, 150, 0);  // a little slower than espeak's 175: a noisy waiting room
  g_rate = rate;
  return g_rate;
}

Result<Pcm> Speech_Synthesize(const std::string& text, const std::string& voice) {
  if (auto r = Speech_Init(); !r) return r.error();
  std::lock_guard lock(g_mu);
  if (espeak_SetVoiceByName(voice.c_str()) != EE_OK)
    return make_error("speech", "The voice for this language is not installed.", "espeak voice " + voice);
  Pcm pcm{g_rate, {}};
  const espeak_ERROR e =
      espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, &pcm);
  if (e != EE_OK)
    return make_error("speech", "The call could not be spoken.", "espeak_Synth " + std::to_string(e));
  if (pcm.samples.empty())
    return make_error("speech", "The call could not be spoken.", "espeak gave no samples");
  return pcm;
}

void Speech_Shutdown() {
  std::lock_guard lock(g_mu);
  if (g_rate > 0) espeak_Terminate();
  g_rate = 0;
}

}  // namespace wk::platform
