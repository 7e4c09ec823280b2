#include "app/command_line.hpp"

#include <charconv>

namespace wk::app::cli {

Options parse(const std::vector<std::string>& args, std::size_t from, const Spec& spec) {
  Options o;
  for (std::size_t i = from; i < args.size(); ++i) {
    std::string key = args[i], value;
    if (!key.starts_with("--")) throw BadArgs{"unexpected argument '" + key + "'"};
    key = key.substr(2);
    const auto eq = key.find('=');
    if (eq != std::string::npos) {
      value = key.substr(eq + 1);
      key = key.substr(0, eq);
    }
    if (spec.flags.count(key)) {
      if (eq != std::string::npos) throw BadArgs{"--" + key + " takes no value"};
    } else if (!spec.known.count(key)) {
      throw BadArgs{"unknown option --" + key};
    } else if (eq == std::string::npos) {
      if (i + 1 >= args.size()) throw BadArgs{"--" + key + " needs a value"};
      value = args[++i];
    }
    if (!o.emplace(key, value).second) throw BadArgs{"--" + key + " is given twice"};
  }
  for (const auto& r : spec.required)
    if (!o.count(r) || o.at(r).empty()) throw BadArgs{"--" + r + " is required"};
  return o;
}

int integer(const Options& o, const std::string& key, int fallback, int lo, int hi) {
  const auto it = o.find(key);
  if (it == o.end()) return fallback;
  const std::string& text = it->second;
  int v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || v < lo || v > hi)
    throw BadArgs{"--" + key + " must be a number from " + std::to_string(lo) + " to " + std::to_string(hi)};
  return v;
}

std::string one_of(const Options& o, const std::string& key, const std::string& fallback,
                   const std::set<std::string>& allowed) {
  const auto it = o.find(key);
  if (it == o.end()) return fallback;
  if (allowed.count(it->second)) return it->second;
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  throw BadArgs{"--" + key + " must be one of " + list};
}

std::string get(const Options& o, const std::string& key, const std::string& fallback) {
  const auto it = o.find(key);
  return it == o.end() ? fallback : it->second;
}

}  // namespace wk::app::cli
