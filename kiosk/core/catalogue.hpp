#pragma once
// The message catalogue: every text on screen comes from gettext .po files under assets/i18n/, the format
// translators and their tools know. The msgid is the English text; an empty or missing msgstr falls back
// to it. core only parses text handed to it; the shell reads the files.
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace wk {

class Catalogue {
 public:
  // Parses one .po file's text. Errors name the file and the line.
  static Result<Catalogue> parse(std::string_view po_text, std::string_view source);

  // The translation of msgid, or msgid itself when there is none.
  const std::string& tr(const std::string& msgid) const;
  bool has(const std::string& msgid) const { return entries_.count(msgid) > 0; }
  std::size_t size() const { return entries_.size(); }
  // Every translation in it (what a screen in this language can show, before placeholders are filled).
  std::vector<std::string> texts() const;
  // The language's own name in its own script ("Nederlands", "Українська"): the msgstr of "LANGUAGE_NAME".
  std::string language_name() const;
  // Right-to-left scripts (Arabic) are laid out mirrored.
  bool right_to_left() const { return tr("TEXT_DIRECTION") == "rtl"; }

 private:
  std::map<std::string, std::string> entries_;
};

// Replaces {name} placeholders: fill("You are number {n} in line", {{"n", "3"}}).
std::string fill(std::string text, const std::vector<std::pair<std::string, std::string>>& values);

// All catalogues of a kiosk, by language code; a text a language lacks falls back to Dutch, then to the
// msgid.
class Catalogues {
 public:
  void add(std::string language, Catalogue c) { by_language_[std::move(language)] = std::move(c); }
  const std::string& tr(const std::string& language, const std::string& msgid) const;
  const Catalogue* get(const std::string& language) const;
  std::string language_name(const std::string& language) const;
  std::vector<std::string> languages() const;  // those with a catalogue, in order

 private:
  std::map<std::string, Catalogue> by_language_;
};

}  // namespace wk
