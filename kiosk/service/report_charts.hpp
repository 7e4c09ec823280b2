#pragma once
// Internal to service/: the report page's charts as inline SVG strings, drawn here so the page needs no
// script and prints as it shows. Every chart is role="img" with a <title>, uses presentation attributes
// only (the served page's CSP allows no style="" and no script) and writes its numbers beside the marks,
// so no colour carries meaning alone. Callers pass text already in Dutch; the charts escape it.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wk::service::report::charts {

// Okabe & Ito (2008), "Color Universal Design": eight colours chosen to stay apart for the common kinds
// of colour blindness. The report uses them by role, so every pair drawn side by side is one of these.
namespace okabe_ito {
constexpr std::string_view kBlack = "#000000", kOrange = "#E69F00", kSkyBlue = "#56B4E9",
                           kBluishGreen = "#009E73", kYellow = "#F0E442", kBlue = "#0072B2",
                           kVermillion = "#D55E00", kReddishPurple = "#CC79A7";
}  // namespace okabe_ito

// The colours by what they mean, and the pairs that stand beside each other in one chart.
constexpr std::string_view kTickets = okabe_ito::kBlue;   // tickets, languages: demand
constexpr std::string_view kSupply = okabe_ito::kOrange;  // volunteer registrations
constexpr std::string_view kWait = okabe_ito::kBlue;      // created -> called
constexpr std::string_view kDesk = okabe_ito::kOrange;    // called -> served
constexpr std::string_view kNoShow = okabe_ito::kVermillion;
constexpr std::string_view kExpired = okabe_ito::kSkyBlue;
constexpr std::array<std::array<std::string_view, 2>, 3> kPairs{{
    {kTickets, kSupply},
    {kWait, kDesk},
    {kNoShow, kExpired},
}};

// The heatmap's single-hue ramp, light to dark blue (ColorBrewer "Blues", 9 classes): a reader compares
// darkness, which every kind of colour vision sees; the exact number is in the cell and in the table.
constexpr std::array<std::string_view, 9> kRamp{"#F7FBFF", "#DEEBF7", "#C6DBEF", "#9ECAE1", "#6BAED6",
                                                "#4292C6", "#2171B5", "#08519C", "#08306B"};
// A suppressed cell: neutral grey under a hatch, so it reads as "hidden", never as "few".
constexpr std::string_view kHiddenFill = "#E0E0E0", kHiddenHatch = "#A0A0A0";

// One bar: its label, its length (nullopt when the count is suppressed: no bar, so no length can give the
// count away) and the text written after it ("41", "12%", "< 5").
struct Bar {
  std::string label;
  std::optional<double> value;
  std::string value_text;
};

// Horizontal bars in one colour, one per row. `id` makes the chart's element ids unique on the page.
std::string bar_chart(std::string_view id, std::string_view title, const std::vector<Bar>& bars,
                      std::string_view colour);

// Two bar groups side by side in one chart (e.g. the topics residents ask about beside what volunteers
// offer), each with its own heading, colour and scale.
struct BarGroup {
  std::string heading;
  std::vector<Bar> bars;
  std::string_view colour;
};
std::string side_by_side(std::string_view id, std::string_view title, const BarGroup& left,
                         const BarGroup& right);

// Per row, one bar per series (e.g. no-show and expired per topic), with a legend of the series.
struct Series {
  std::string name;
  std::string_view colour;
  std::vector<Bar> bars;  // one per row label, in the same order; Bar::label is unused
};
std::string grouped_bar_chart(std::string_view id, std::string_view title,
                              const std::vector<std::string>& row_labels, const std::vector<Series>& series,
                              std::optional<double> max = std::nullopt);

// Per row, one range per series: a dot at the median and a line to the 90th percentile, in minutes.
struct Range {
  std::optional<double> median, p90;  // both absent: "< 5"
  std::string text;                   // written after it: "6–14 min" or "< 5"
};
struct RangeSeries {
  std::string name;
  std::string_view colour;
  std::vector<Range> ranges;  // one per row label
};
std::string range_chart(std::string_view id, std::string_view title,
                        const std::vector<std::string>& row_labels, const std::vector<RangeSeries>& series,
                        std::string_view unit);

// A grid of counts: rows × columns, each cell a count (nullopt: suppressed, hatched and written "< 5").
struct HeatCell {
  std::optional<long long> value;
};
std::string heatmap(std::string_view id, std::string_view title, const std::vector<std::string>& row_labels,
                    const std::vector<std::string>& column_labels,
                    const std::vector<std::vector<HeatCell>>& cells);

// The ramp's class for `value` of `max` (0 only for 0), shared with the legend.
std::size_t ramp_class(long long value, long long max);

}  // namespace wk::service::report::charts
