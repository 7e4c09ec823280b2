#pragma once
// Internal to service/: the period a report is asked for, as days of the location's calendar. Either
// from/to (inclusive), or a kind (day, week Monday to Sunday, calendar month) around one day.
#include <string>

#include "core/result.hpp"
#include "service/report.hpp"

namespace wk::service::report {

// A real calendar day written "YYYY-MM-DD".
bool valid_day(const std::string& day);
// `day` moved by `days` (negative: earlier).
std::string add_days(const std::string& day, int days);

// The longest period one report covers: a year and a bit, so a whole-year report for a council fits.
constexpr int kMaxPeriodDays = 400;

// from/to when both are given, else `kind` (day|week|month; empty: week) around `day` (empty: today).
// An error's field names the parameter to blame.
Result<Period> parse_period(const std::string& from, const std::string& to, const std::string& kind,
                            const std::string& day, const std::string& today);

}  // namespace wk::service::report
