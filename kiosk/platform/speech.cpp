#include "platform/speech.hpp"

#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <mutex>
#include <optional>

namespace wk::platform {
namespace {

std::mutex g_mu;
int g_rate = 0;
// Language (lower case, as espeak lists it) -> the identifier of the voice that speaks it best. Filled on
// the first Speech_VoiceFor, under g_mu; kept over Speech_Shutdown (the installed voices do not change).
std::optional<std::map<std::string, std::string>> g_voices;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// espeak_VOICE::languages is a run of entries, each a priority byte (lower is better) and a NUL-ended
// language name, closed by a zero priority byte.
std::map<std::string, std::string> list_voices() {
  std::map<std::string, std::string> best;
  std::map<std::string, int> priority;
  const espeak_VOICE** voices = espeak_ListVoices(nullptr);
  for (; voices && *voices; ++voices) {
    const espeak_VOICE* v = *voices;
    if (!v->languages || !v->identifier) continue;
    for (const char* p = v->languages; *p != 0; p += std::strlen(p + 1) + 2) {
      const int prio = static_cast<unsigned char>(*p);
      const std::string lang = lower(p + 1);
      auto it = priority.find(lang);
      if (it == priority.end() || prio < it->second) {
        priority[lang] = prio;
        best[lang] = v->identifier;
      }
    }
  }
  return best;
}

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
  if (voice.empty())  // Speech_VoiceFor's answer for a language without a voice; espeak would pick one
    return make_error("speech", "There is no voice for this language.", "no espeak voice");
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

std::string Speech_VoiceFor(const std::string& language) {
  if (language.empty()) return {};
  if (auto r = Speech_Init(); !r) return {};
  std::lock_guard lock(g_mu);
  if (!g_voices) g_voices = list_voices();
  const std::string lang = lower(language);
  if (auto it = g_voices->find(lang); it != g_voices->end()) return it->second;
  if (const auto dash = lang.find_first_of("-_"); dash != std::string::npos)
    if (auto it = g_voices->find(lang.substr(0, dash)); it != g_voices->end()) return it->second;
  return {};
}

bool Speech_HasVoice(const std::string& language) {
  return !Speech_VoiceFor(language).empty();
}

void Speech_Shutdown() {
  std::lock_guard lock(g_mu);
  if (g_rate > 0) espeak_Terminate();
  g_rate = 0;
}

}  // namespace wk::platform
