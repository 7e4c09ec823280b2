#pragma once
// The resident's aids at the screen (issue 15): the screen read aloud, bigger text with more contrast, and
// the volume of the voice. They belong to the resident, so they live in the session and go with it: the
// next resident finds the kiosk as it always is. Core keeps the state and asks for the reading; what is
// read is the screen's own text, which the shell takes from the UI tree (ui/spoken_text.hpp).
#include <string>

namespace wk {

struct Aids {
  bool large_print = false;  // bigger text and more contrast, one toggle
  bool reading = false;      // the screen is being read aloud now
  int volume = 70;           // of the voice, in percent
  bool operator==(const Aids&) const = default;
};

constexpr int kVolumeStep = 15;
constexpr int kMinVolume = 10;  // never silent: a resident who turned it down too far still hears it
constexpr int kMaxVolume = 100;

// Whether the resident changed anything: then even the welcome screen forgets them after the timeout.
bool aids_changed(const Aids& a);

enum class Screen;
// Which aids a screen offers. Staff screens none: they are not the resident's. The closed screen is read
// aloud (its opening hours) but not enlarged: nobody's session there would ever end to forget it.
bool offers_reading(Screen on);
bool offers_large_print(Screen on);

namespace ev {
struct ReadAloud {};     // the speaker button: read this screen, or stop when it is being read
struct ReadingEnded {};  // the voice came to the end (or was stopped): from the reader's thread
struct VolumeUp {};
struct VolumeDown {};
struct LargePrint {};  // the bigger-text toggle
}  // namespace ev

namespace fx {
// Read the screen now on the glass aloud in this language, at this volume; answer ev::ReadingEnded.
struct ReadScreen {
  std::string language;
  int volume;
};
struct StopReading {};
struct SetVolume {  // for what is being read, from the next sentence on
  int volume;
};
}  // namespace fx

}  // namespace wk
