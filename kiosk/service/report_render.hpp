#pragma once
// Internal to service/: a Report (report.hpp) as a file a person opens: CSV for a spreadsheet, and one
// printable HTML page (A4) with its charts drawn as SVG by the service, so it works offline, in print and
// without any script. They draw only what the Report holds: a suppressed cell is "< 5" everywhere.
#include <string>
#include <vector>

#include "service/report.hpp"

namespace wk::service::report {

// One CSV (RFC 4180, UTF-8, comma-separated) with a "section" column, so one file holds every table.
std::string to_csv(const Report& report);

struct HtmlOptions {
  // When served, the page's one <style> element carries this nonce for the Content-Security-Policy;
  // empty for a file, which has no CSP.
  std::string style_nonce;
};
// A whole HTML document: the early signals first, then one section with a chart per question.
std::string to_html(const Report& report, const HtmlOptions& options = {});

// "Geldzorgen en schulden in Schalkwijk: 41 deze week, gewoonlijk 24 ± 6", one line per flagged signal
// (the mean and the standard deviation rounded to whole tickets).
std::string signal_line(const Signal& signal);

}  // namespace wk::service::report
