#pragma once
// Drives the real app as a person would: a real X server (Xvfb) per test, taps through it with xdotool at
// the centres of the elements the app's UI tree names, screenshots of the root window with ImageMagick,
// and QR codes read back from them with zbarimg.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace wk::test {

class Xvfb {
 public:
  Xvfb(int width, int height);  // picks a free display number; throws when Xvfb does not come up
  ~Xvfb();
  const std::string& display() const { return display_; }  // ":NN"
  std::map<std::string, std::string> env() const { return {{"DISPLAY", display_}}; }

 private:
  std::string display_;
  std::optional<Process> server_;
};

struct UiElement {
  std::string id, label, role;
  int x = 0, y = 0, w = 0, h = 0;
  bool selected = false;  // a choice that is on
};

class UiTreeFile {
 public:
  explicit UiTreeFile(std::string path) : path_(std::move(path)) {}
  // The tree as last written (nullopt while the app has not written one, or mid-rename).
  std::optional<nlohmann::json> read() const;
  std::string screen() const;
  std::optional<UiElement> find(const std::string& id) const;
  bool wait_for_screen(const std::string& screen,
                       std::chrono::milliseconds timeout = std::chrono::seconds(15)) const;
  bool wait_for_element(const std::string& id,
                        std::chrono::milliseconds timeout = std::chrono::seconds(15)) const;
  std::string all_labels() const;             // every label on the screen, one per line
  std::vector<std::string> selected() const;  // the ids of the choices that are on

 private:
  std::string path_;
};

// xdotool: move to the element's centre and click, as a finger would tap.
void tap(const Xvfb& x, const UiElement& e);
void press_keys(const Xvfb& x, const std::string& keys);  // "alt+F4", "Escape", ...
// `import -window root`, into `png`.
void screenshot(const Xvfb& x, const std::string& png);
// zbarimg's text of every code in the picture, or "" when there is none.
std::string read_qr(const std::string& png);

}  // namespace wk::test
