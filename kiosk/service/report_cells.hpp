#pragma once
// Internal to the report's renderers (report_render.cpp, report_page.cpp): how one published number reads
// in a file, so the CSV and the page say the same "< 5" for the same cell.
#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "service/report.hpp"

namespace wk::service::report::cells {

// What every suppressed count, share and duration reads as, in every file.
constexpr std::string_view kHidden = "< 5";
constexpr std::array<std::string_view, 7> kWeekdays{"ma", "di", "wo", "do", "vr", "za", "zo"};

inline std::string count_text(const Cell& c) {
  return c.suppressed ? std::string(kHidden) : std::to_string(c.value);
}
inline std::optional<double> count_value(const Cell& c) {
  return c.suppressed ? std::nullopt : std::optional<double>(static_cast<double>(c.value));
}

// Whole minutes, rounded: a spreadsheet in a Dutch locale reads "1.5" as a date or 15, never as 1½. A
// duration shows only when its count of visits does, whatever the model filled in.
inline std::optional<std::int64_t> minutes(const Durations& d, const std::optional<std::int64_t>& seconds) {
  if (d.n.suppressed || !seconds) return std::nullopt;
  return (*seconds + 30) / 60;
}
inline std::string minutes_text(const Durations& d, const std::optional<std::int64_t>& seconds) {
  const auto m = minutes(d, seconds);
  return m ? std::to_string(*m) : std::string(kHidden);
}

// Whole percent, and only beside a count that is shown (a share gives a hidden count away).
inline std::optional<std::int64_t> percent(const Share& s) {
  if (s.count.suppressed || !s.fraction) return std::nullopt;
  return std::llround(*s.fraction * 100);
}
inline std::string percent_text(const Share& s, std::string_view sign) {
  if (s.count.suppressed) return std::string(kHidden);
  const auto p = percent(s);
  return p ? std::to_string(*p) + std::string(sign) : std::string();
}

inline std::string language_name(const std::string& code) {
  static constexpr std::array<std::array<std::string_view, 2>, 7> kNames{{{"nl", "Nederlands"},
                                                                          {"en", "Engels"},
                                                                          {"tr", "Turks"},
                                                                          {"ar", "Arabisch"},
                                                                          {"pl", "Pools"},
                                                                          {"uk", "Oekraïens"},
                                                                          {"ti", "Tigrinya"}}};
  for (const auto& [c, name] : kNames)
    if (c == code) return std::string(name);
  return code;
}

}  // namespace wk::service::report::cells
