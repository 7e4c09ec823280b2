#include "ui/spoken_text.hpp"

#include <algorithm>
#include <vector>

#include "core/ticket.hpp"

namespace wk::ui {
namespace {

bool ends_a_sentence(const std::string& s) {
  if (s.empty()) return true;
  const char last = s.back();
  // ASCII . ! ? :, and the last byte of the Arabic question mark (U+061F) and full stop (U+06D4).
  return last == '.' || last == '!' || last == '?' || last == ':' || s.ends_with("\xD8\x9F") ||
         s.ends_with("\xDB\x94");
}

}  // namespace

std::string spoken_text(const UiTree& tree) {
  std::vector<std::string> said;
  const auto& nodes = tree.nodes();
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const UiNode& n = nodes[i];
    // Read aloud is heard by the whole waiting room: a typed name or number is not said.
    if (n.label.empty() || n.id.starts_with("aid:") || n.personal) continue;
    // A label drawn again further on (the QR code's caption, the welcome's "tap to start" under the
    // whole-screen button) is said where it is last: where it is written.
    const bool again = std::any_of(nodes.begin() + static_cast<std::ptrdiff_t>(i) + 1, nodes.end(),
                                   [&](const UiNode& later) { return later.label == n.label; });
    if (again) continue;
    said.push_back(n.id == "ticket-code" || n.id == "reference" ? spoken_code(n.label) : n.label);
  }
  std::string text;
  for (const auto& s : said) {
    if (!text.empty()) text += ends_a_sentence(text) ? " " : ". ";  // a pause between the screen's parts
    text += s;
  }
  if (!text.empty() && !ends_a_sentence(text)) text += ".";
  return text;
}

}  // namespace wk::ui
