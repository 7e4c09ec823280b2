#pragma once
// The UI tree: the visible elements of the current screen (id, label, role, rectangle in screen pixels),
// collected while a frame is drawn and written as JSON when it differs from the last one written. Tests
// find where to tap in it; read-aloud will read it.
#include <string>
#include <vector>

namespace wk::ui {

struct UiNode {
  std::string id;     // stable: "topic:werk", "language:nl", "back"
  std::string label;  // what it says on screen
  std::string role;   // "button" | "text" | "image"
  float x = 0, y = 0, w = 0, h = 0;
  bool selected = false;         // a choice that is on (an interest, a part of the week)
  float cap_px = 0;              // the height of a capital H in the font the label is drawn in (0: no text)
  bool personal = false;         // a resident's own details (a typed name or number): never read aloud
  float text_w = 0, text_h = 0;  // a button's: the block its words take, which must fit inside it
  bool operator==(const UiNode&) const = default;
};

class UiTree {
 public:
  void begin_frame(std::string screen, float origin_x, float origin_y);
  void add(UiNode node);  // rectangle in window coordinates; the origin is added
  // Writes the tree to `path` (write a temp file, then rename) when it changed; false on an I/O error.
  bool write_if_changed(const std::string& path);
  const std::vector<UiNode>& nodes() const { return nodes_; }
  const std::string& screen() const { return screen_; }
  // An id for a line of text that has none of its own ("text-3"): every visible text is in the tree, so
  // read-aloud reads all of it; counted per frame, so the same screen gives the same ids.
  std::string next_text_id() { return "text-" + std::to_string(++texts_); }

 private:
  std::string screen_, written_screen_;
  float ox_ = 0, oy_ = 0;
  std::vector<UiNode> nodes_, written_;
  bool ever_written_ = false;
  int texts_ = 0;
};

}  // namespace wk::ui
