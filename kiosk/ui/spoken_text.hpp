#pragma once
// What read-aloud says for a screen: taken from the UI tree, so it is exactly what is on the glass. Every
// label and line once, in the order the screen is read (the order it is drawn in: top to bottom, and in a
// row from the start of the reading direction), the ticket code as a person says it, and nothing of the
// aids' own buttons.
#include <string>

#include "ui/ui_tree.hpp"

namespace wk::ui {

std::string spoken_text(const UiTree& tree);

}  // namespace wk::ui
