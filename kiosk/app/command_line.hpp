#pragma once
// The command lines of wijkkiosk and wijkqueue, read one way: "--key value" or "--key=value", each key
// at most once and only the keys the command knows; bare "--flag"s only where the command says so; and
// numbers within their bounds. Anything else throws BadArgs with one line to show, and the main exits 2.
#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace wk::app::cli {

struct BadArgs {
  std::string why;
};

using Options = std::map<std::string, std::string>;

struct Spec {
  std::set<std::string> known;     // options that take a value
  std::set<std::string> required;  // of those, the ones that must be given (not empty)
  std::set<std::string> flags;     // options that take none ("--until-empty"); present means on
};

// The options in args[from..].
Options parse(const std::vector<std::string>& args, std::size_t from, const Spec& spec);

// The whole number under `key` within [lo, hi], or `fallback` when it is not given.
int integer(const Options& o, const std::string& key, int fallback, int lo, int hi);
// The value under `key` when it is one of `allowed`, or `fallback` when it is not given.
std::string one_of(const Options& o, const std::string& key, const std::string& fallback,
                   const std::set<std::string>& allowed);
std::string get(const Options& o, const std::string& key, const std::string& fallback = {});

}  // namespace wk::app::cli
