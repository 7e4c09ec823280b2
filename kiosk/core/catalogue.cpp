#include "core/catalogue.hpp"

namespace wk {
namespace {

// Reads a C-style quoted string starting at line[pos] == '"'; false if it is malformed.
bool unquote(std::string_view line, std::size_t pos, std::string& out) {
  if (pos >= line.size() || line[pos] != '"') return false;
  for (std::size_t i = pos + 1; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '"') {
      for (std::size_t j = i + 1; j < line.size(); ++j)
        if (line[j] != ' ' && line[j] != '\t' && line[j] != '\r') return false;
      return true;
    }
    if (c == '\\') {
      if (++i >= line.size()) return false;
      switch (line[i]) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        default:
          return false;
      }
    } else {
      out += c;
    }
  }
  return false;
}

}  // namespace

Result<Catalogue> Catalogue::parse(std::string_view text, std::string_view source) {
  Catalogue cat;
  enum class Field { None, Ctxt, Id, Str } field = Field::None;
  std::string id, str;
  bool have_entry = false;
  auto flush = [&] {
    if (have_entry && !id.empty() && !str.empty()) cat.entries_[id] = str;
    id.clear();
    str.clear();
    have_entry = false;
    field = Field::None;
  };
  std::size_t line_no = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_no;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    auto error = [&](const char* what) {
      return make_error("bad_catalogue",
                        std::string(source) + ": line " + std::to_string(line_no) + ": " + what);
    };
    if (line.empty() || line[0] == '#') {
      if (line.empty() && field == Field::Str) flush();
      if (end == text.size()) break;
      continue;
    }
    std::string piece;
    if (line.rfind("msgctxt ", 0) == 0) {
      flush();
      field = Field::Ctxt;  // contexts are not used by wijkkiosk; read and skip
      if (!unquote(line, 8, piece)) return error("a quoted text must follow msgctxt");
    } else if (line.rfind("msgid_plural ", 0) == 0 || line.rfind("msgstr[", 0) == 0) {
      return error("plural forms are not used by wijkkiosk; write the sentence with {n}");
    } else if (line.rfind("msgid ", 0) == 0) {
      if (field == Field::Str) flush();
      field = Field::Id;
      have_entry = true;
      if (!unquote(line, 6, id)) return error("a quoted text must follow msgid");
    } else if (line.rfind("msgstr ", 0) == 0) {
      if (field != Field::Id) return error("msgstr without a msgid before it");
      field = Field::Str;
      if (!unquote(line, 7, str)) return error("a quoted text must follow msgstr");
    } else if (line[0] == '"') {
      if (field == Field::None) return error("a text line outside an entry");
      if (!unquote(line, 0, piece)) return error("a badly quoted text");
      if (field == Field::Id)
        id += piece;
      else if (field == Field::Str)
        str += piece;
    } else {
      return error("not a line of a .po file");
    }
    if (end == text.size()) break;
  }
  flush();
  return cat;
}

const std::string& Catalogue::tr(const std::string& msgid) const {
  const auto it = entries_.find(msgid);
  return it == entries_.end() ? msgid : it->second;
}

std::vector<std::string> Catalogue::texts() const {
  std::vector<std::string> out;
  out.reserve(entries_.size());
  for (const auto& [msgid, msgstr] : entries_) out.push_back(msgstr.empty() ? msgid : msgstr);
  return out;
}

std::string Catalogue::language_name() const {
  return tr("LANGUAGE_NAME");
}

std::string fill(std::string text, const std::vector<std::pair<std::string, std::string>>& values) {
  for (const auto& [name, value] : values) {
    const std::string key = "{" + name + "}";
    for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
      text.replace(at, key.size(), value);
  }
  return text;
}

const Catalogue* Catalogues::get(const std::string& language) const {
  const auto it = by_language_.find(language);
  return it == by_language_.end() ? nullptr : &it->second;
}

const std::string& Catalogues::tr(const std::string& language, const std::string& msgid) const {
  if (const Catalogue* c = get(language); c && c->has(msgid)) return c->tr(msgid);
  // Dutch is the one language every wijkteam reads and every catalogue is written from.
  if (const Catalogue* nl = get("nl"); nl && nl->has(msgid)) return nl->tr(msgid);
  return msgid;
}

std::string Catalogues::language_name(const std::string& language) const {
  const Catalogue* c = get(language);
  return c && c->has("LANGUAGE_NAME") ? c->language_name() : language;
}

std::vector<std::string> Catalogues::languages() const {
  std::vector<std::string> out;
  for (const auto& [language, c] : by_language_) out.push_back(language);
  return out;
}

}  // namespace wk
