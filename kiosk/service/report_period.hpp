#pragma once
// Internal to service/: the period a report is asked for, as days of the location's calendar. Either
// from/to (inclusive), or a kind (day, week Monday to Sunday, calendar month) around one day
// (report.hpp's period_for).
#include <string>

#include "core/result.hpp"
#include "service/report.hpp"

namespace wk::service::report {

// The longest period one report covers: a year and a bit, so a whole-year report for a council fits.
constexpr int kMaxPeriodDays = 400;

// from/to when either is given, else `kind` (day|week|month; empty: week) around `day` (empty: today).
// An error's detail names the parameter to blame.
Result<Period> parse_period(const std::string& from, const std::string& to, const std::string& kind,
                            const std::string& day, const std::string& today);

}  // namespace wk::service::report
