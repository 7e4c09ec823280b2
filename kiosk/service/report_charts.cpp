#include "service/report_charts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "service/html_text.hpp"

namespace wk::service::report::charts {
namespace {

// The drawing is 720 units wide: 180 mm (A4 less 15 mm margins) at 4 units per mm, so the page's CSS
// scales it to the column and an 11-unit text prints at about 7.5 pt.
constexpr double kWidth = 720;
constexpr double kFont = 11;
constexpr double kCharWidth = 6.2;  // a rough average advance at kFont, enough to size label columns
constexpr double kValueSpace = 64;  // room after the longest bar for its "123" or "< 5"
constexpr std::string_view kText = "#1A1A1A", kMuted = "#595959", kAxis = "#BDBDBD";

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s.size() > 2 && s.ends_with(".0")) s.resize(s.size() - 2);
  return s;
}

// Code points, not bytes: names are Dutch, Turkish, Arabic...
std::size_t length(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// A label cut to `max` code points with "…": the full name stays in the table below the chart.
std::string shorten(std::string_view s, std::size_t max) {
  if (length(s) <= max) return std::string(s);
  std::size_t points = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && ++points == max) break;
  }
  return std::string(s.substr(0, i)) + "…";
}

// A label column wide enough for the longest label, but never more than `limit` units.
double label_width(const std::vector<std::string>& labels, double limit) {
  std::size_t longest = 0;
  for (const auto& l : labels) longest = std::max(longest, length(l));
  return std::min(limit, static_cast<double>(longest) * kCharWidth + 10);
}
std::size_t fits(double width) {
  return static_cast<std::size_t>(std::max(3.0, (width - 10) / kCharWidth));
}

std::string text(double x, double y, std::string_view content, std::string_view anchor = "start",
                 std::string_view fill = kText) {
  std::string t = "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" fill=\"" + std::string(fill) + "\"";
  if (anchor != "start") t += " text-anchor=\"" + std::string(anchor) + "\"";
  return t + ">" + html_escape(content) + "</text>";
}

std::string rect(double x, double y, double w, double h, std::string_view fill) {
  return "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(w) + "\" height=\"" + num(h) +
         "\" fill=\"" + std::string(fill) + "\"/>";
}

std::string open(std::string_view id, std::string_view title, double height) {
  const std::string h = num(std::ceil(height));
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"" + html_escape(id) + "\" viewBox=\"0 0 " +
         num(kWidth) + " " + h + "\" width=\"" + num(kWidth) + "\" height=\"" + h +
         "\" role=\"img\" aria-labelledby=\"" + html_escape(id) +
         "-t\" font-family=\"system-ui, sans-serif\"" + " font-size=\"" + num(kFont) + "\"><title id=\"" +
         html_escape(id) + "-t\">" + html_escape(title) + "</title>";
}

// Room after the longest bar for the longest text written after a bar.
double value_space(const std::vector<Bar>& bars) {
  double space = kValueSpace;
  for (const auto& b : bars)
    space = std::max(space, static_cast<double>(length(b.value_text)) * kCharWidth + 8);
  return space;
}

double max_of(const std::vector<Bar>& bars) {
  double m = 0;
  for (const auto& b : bars)
    if (b.value) m = std::max(m, *b.value);
  return m > 0 ? m : 1;
}

// One column of bars from (x, y), `width` wide; returns the height it took.
double bar_panel(std::string& out, double x, double y, double width, const std::vector<Bar>& bars,
                 std::string_view colour) {
  constexpr double kRow = 20, kBar = 14;
  std::vector<std::string> labels;
  for (const auto& b : bars) labels.push_back(b.label);
  const double label_w = label_width(labels, width * 0.45);
  const double span = width - label_w - value_space(bars), max = max_of(bars);
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const double top = y + static_cast<double>(i) * kRow, base = top + kRow / 2 + 4;
    out += text(x + label_w - 6, base, shorten(bars[i].label, fits(label_w)), "end");
    const double len = bars[i].value ? std::max(0.0, *bars[i].value) / max * span : 0;
    if (len > 0) out += rect(x + label_w, top + (kRow - kBar) / 2, len, kBar, colour);
    out += text(x + label_w + len + 4, base, bars[i].value_text, "start", bars[i].value ? kText : kMuted);
  }
  return static_cast<double>(bars.size()) * kRow;
}

// A legend swatch and its name; returns the x after it.
double legend_item(std::string& out, double x, double y, std::string_view colour, std::string_view name) {
  out += rect(x, y - 9, 10, 10, colour);
  out += text(x + 14, y, name);
  return x + 14 + static_cast<double>(length(name)) * kCharWidth + 16;
}

// Axis ticks at a round step (1, 2, 5 × 10^k) so about five fit; the range chart keeps them at whole
// minutes, since its values are whole minutes.
double nice_step(double max) {
  const double raw = max / 5, mag = std::pow(10, std::floor(std::log10(raw)));
  for (const double f : {1.0, 2.0, 5.0})
    if (raw <= f * mag) return f * mag;
  return 10 * mag;
}

}  // namespace

std::string bar_chart(std::string_view id, std::string_view title, const std::vector<Bar>& bars,
                      std::string_view colour) {
  std::string body;
  const double h = bar_panel(body, 0, 4, kWidth, bars, colour);
  return open(id, title, h + 8) + body + "</svg>";
}

std::string side_by_side(std::string_view id, std::string_view title, const BarGroup& left,
                         const BarGroup& right) {
  constexpr double kGap = 24, kHead = 22;
  const double half = (kWidth - kGap) / 2;
  std::string body;
  body +=
      "<g font-weight=\"bold\">" + text(0, 14, left.heading) + text(half + kGap, 14, right.heading) + "</g>";
  const double h = std::max(bar_panel(body, 0, kHead, half, left.bars, left.colour),
                            bar_panel(body, half + kGap, kHead, half, right.bars, right.colour));
  body += "<line x1=\"" + num(half + kGap / 2) + "\" y1=\"2\" x2=\"" + num(half + kGap / 2) + "\" y2=\"" +
          num(kHead + h) + "\" stroke=\"" + std::string(kAxis) + "\"/>";
  return open(id, title, kHead + h + 6) + body + "</svg>";
}

std::string grouped_bar_chart(std::string_view id, std::string_view title,
                              const std::vector<std::string>& row_labels, const std::vector<Series>& series,
                              std::optional<double> max) {
  constexpr double kBar = 12, kStep = 14, kPad = 8, kLegend = 22;
  const double label_w = label_width(row_labels, kWidth * 0.4);
  double m = 0, space = kValueSpace;
  for (const auto& s : series) {
    m = std::max(m, max_of(s.bars));
    space = std::max(space, value_space(s.bars));
  }
  const double span = kWidth - label_w - space;
  const double scale = max.value_or(m);
  const double row = static_cast<double>(series.size()) * kStep + kPad;
  std::string body;
  double lx = label_w;
  for (const auto& s : series) lx = legend_item(body, lx, 14, s.colour, s.name);
  for (std::size_t r = 0; r < row_labels.size(); ++r) {
    const double top = kLegend + static_cast<double>(r) * row;
    body += text(label_w - 6, top + row / 2, shorten(row_labels[r], fits(label_w)), "end");
    for (std::size_t k = 0; k < series.size(); ++k) {
      if (r >= series[k].bars.size()) continue;
      const Bar& b = series[k].bars[r];
      const double y = top + kPad / 2 + static_cast<double>(k) * kStep;
      const double len = b.value ? std::max(0.0, *b.value) / scale * span : 0;
      if (len > 0) body += rect(label_w, y, len, kBar, series[k].colour);
      body += text(label_w + len + 4, y + kBar - 2, b.value_text, "start", b.value ? kText : kMuted);
    }
  }
  return open(id, title, kLegend + static_cast<double>(row_labels.size()) * row + 4) + body + "</svg>";
}

std::string range_chart(std::string_view id, std::string_view title,
                        const std::vector<std::string>& row_labels, const std::vector<RangeSeries>& series,
                        std::string_view unit) {
  constexpr double kStep = 16, kPad = 8, kTop = 40;
  const double label_w = label_width(row_labels, kWidth * 0.35);
  const double span = kWidth - label_w - 120;  // room after a range for "wachten: 12–30 min"
  double max = 0;
  for (const auto& s : series)
    for (const auto& r : s.ranges) max = std::max({max, r.median.value_or(0), r.p90.value_or(0)});
  const double step = std::max(1.0, nice_step(max > 0 ? max : 10)),
               top_value = std::ceil((max > 0 ? max : 10) / step) * step;
  const auto at = [&](double v) { return label_w + v / top_value * span; };
  const double row = static_cast<double>(series.size()) * kStep + kPad;
  const double bottom = kTop + static_cast<double>(row_labels.size()) * row;

  std::string body;
  // The legend says how to read a mark: the dot is the median, the line runs to the 90th percentile.
  double lx = label_w;
  for (std::size_t k = 0; k < series.size(); ++k)
    lx = legend_item(body, lx, 12, series[k].colour, series[k].name);
  body += text(lx, 12, "punt = mediaan, lijn tot 90e percentiel", "start", kMuted);
  for (double v = 0; v <= top_value + step / 2; v += step) {
    body += "<line x1=\"" + num(at(v)) + "\" y1=\"" + num(kTop - 6) + "\" x2=\"" + num(at(v)) + "\" y2=\"" +
            num(bottom) + "\" stroke=\"" + std::string(kAxis) + "\"/>";
    body += text(at(v), kTop - 10, num(v) + (v + step > top_value + step / 2 ? " " + std::string(unit) : ""),
                 "middle", kMuted);
  }
  for (std::size_t r = 0; r < row_labels.size(); ++r) {
    const double top = kTop + static_cast<double>(r) * row;
    body += text(label_w - 6, top + row / 2 + 2, shorten(row_labels[r], fits(label_w)), "end");
    for (std::size_t k = 0; k < series.size(); ++k) {
      if (r >= series[k].ranges.size()) continue;
      const Range& g = series[k].ranges[r];
      const std::string c(series[k].colour);
      const double y = top + kPad / 2 + static_cast<double>(k) * kStep + kStep / 2;
      double end = label_w;
      if (g.median && g.p90) {
        end = at(*g.p90);
        body += "<line x1=\"" + num(at(*g.median)) + "\" y1=\"" + num(y) + "\" x2=\"" + num(end) +
                "\" y2=\"" + num(y) + "\" stroke=\"" + c + "\" stroke-width=\"3\"/>";
        body += "<line x1=\"" + num(end) + "\" y1=\"" + num(y - 5) + "\" x2=\"" + num(end) + "\" y2=\"" +
                num(y + 5) + "\" stroke=\"" + c + "\" stroke-width=\"2\"/>";
        // A circle for the first series, a square for the second: the shape tells them apart in grey too.
        if (k % 2 == 0)
          body += "<circle cx=\"" + num(at(*g.median)) + "\" cy=\"" + num(y) + "\" r=\"4.5\" fill=\"" + c +
                  "\"/>";
        else
          body += rect(at(*g.median) - 4, y - 4, 8, 8, c);
      }
      body += text(end + 8, y + 4, g.text, "start", g.median ? kText : kMuted);
    }
  }
  return open(id, title, bottom + 6) + body + "</svg>";
}

std::size_t ramp_class(long long value, long long max) {
  if (value <= 0 || max <= 0) return 0;
  const long long last = static_cast<long long>(kRamp.size()) - 1;
  return static_cast<std::size_t>(std::clamp(1 + (value - 1) * last / max, 1LL, last));
}

std::string heatmap(std::string_view id, std::string_view title, const std::vector<std::string>& row_labels,
                    const std::vector<std::string>& column_labels,
                    const std::vector<std::vector<HeatCell>>& cells) {
  constexpr double kLabel = 32, kCell = 22, kHead = 18, kLegendGap = 14;
  const double cols = static_cast<double>(std::max<std::size_t>(1, column_labels.size()));
  const double cw = std::min(60.0, (kWidth - kLabel) / cols);
  long long max = 0;
  for (const auto& r : cells)
    for (const auto& c : r)
      if (c.value) max = std::max(max, *c.value);
  const std::string hatch = std::string(id) + "-hatch";

  std::string body = "<defs><pattern id=\"" + html_escape(hatch) +
                     "\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
                     "patternTransform=\"rotate(45)\">" +
                     rect(0, 0, 6, 6, kHiddenFill) + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"" +
                     std::string(kHiddenHatch) + "\" stroke-width=\"1.5\"/></pattern></defs>";
  const std::string hatch_fill = "url(#" + html_escape(hatch) + ")";
  for (std::size_t c = 0; c < column_labels.size(); ++c)
    body += text(kLabel + (static_cast<double>(c) + 0.5) * cw, 12, column_labels[c], "middle", kMuted);
  for (std::size_t r = 0; r < row_labels.size(); ++r) {
    const double y = kHead + static_cast<double>(r) * kCell;
    body += text(kLabel - 6, y + kCell / 2 + 4, row_labels[r], "end");
    for (std::size_t c = 0; c < column_labels.size() && r < cells.size() && c < cells[r].size(); ++c) {
      const HeatCell& cell = cells[r][c];
      const double x = kLabel + static_cast<double>(c) * cw, mid = x + cw / 2, base = y + kCell / 2 + 4;
      // One title per cell: a hover (or a screen reader walking the SVG) says "di 10 uur: 12".
      const std::string label = cell.value ? std::to_string(*cell.value) : "< 5";
      body +=
          "<g><title>" + html_escape(row_labels[r] + " " + column_labels[c] + " uur: " + label) + "</title>";
      if (!cell.value) {
        body += rect(x + 1, y + 1, cw - 2, kCell - 2, hatch_fill) + text(mid, base, "< 5", "middle", kText);
      } else {
        const std::size_t k = ramp_class(*cell.value, max);
        body += rect(x + 1, y + 1, cw - 2, kCell - 2, kRamp[k]);
        const std::string_view ink = k >= 5 ? std::string_view("#FFFFFF") : (k == 0 ? kMuted : kText);
        body += text(mid, base, label, "middle", ink);
      }
      body += "</g>";
    }
  }
  // The legend: the ramp from 0 to the largest count, and the hatch for a hidden one.
  const double ly = kHead + static_cast<double>(row_labels.size()) * kCell + kLegendGap;
  body += text(kLabel, ly + 10, "0", "end", kMuted);
  for (std::size_t k = 0; k < kRamp.size(); ++k)
    body += rect(kLabel + 4 + static_cast<double>(k) * 16, ly, 16, 12, kRamp[k]);
  const double after = kLabel + 4 + static_cast<double>(kRamp.size()) * 16;
  body += text(after + 4, ly + 10, std::to_string(max));
  body += rect(after + 60, ly, 24, 12, hatch_fill) + text(after + 90, ly + 10, "< 5: verborgen, te weinig");
  return open(id, title, ly + 18) + body + "</svg>";
}

}  // namespace wk::service::report::charts
