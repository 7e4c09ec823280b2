// The report as one printable HTML page (to_html in report_render.hpp): a section per question, each a
// chart from report_charts.hpp and the same numbers as a small table.
#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

#include "service/html_text.hpp"
#include "service/report_cells.hpp"
#include "service/report_charts.hpp"
#include "service/report_render.hpp"

namespace wk::service::report {
namespace {

using namespace cells;

// A4 portrait less 15 mm margins leaves 180 mm: the page is that wide in print and a little wider on a
// screen; every chart scales to it. A section never breaks across pages, so a chart stays with its table.
constexpr std::string_view kStyle =
    "@page{size:A4;margin:15mm}"
    "*{box-sizing:border-box}"
    "body{margin:0;background:#f4f6f8;color:#1a1a1a;font:11pt/1.4 system-ui,sans-serif}"
    "main{max-width:190mm;margin:6mm auto;padding:8mm 10mm;background:#fff}"
    "h1{font-size:17pt;margin:0 0 1mm}h2{font-size:13pt;margin:0 0 2mm}"
    "header p{margin:0 0 6mm;color:#444}"
    "section{break-inside:avoid;page-break-inside:avoid;margin:0 0 8mm}"
    "figure{margin:0 0 3mm}figure svg{display:block;width:100%;height:auto}"
    "figcaption{font-size:9pt;color:#595959}"
    "table{border-collapse:collapse;font-size:8.5pt;margin:0 0 2mm}"
    "table.grid{font-size:7pt;width:100%}"
    "caption{text-align:left;font-weight:600;padding:1mm 0}"
    "th,td{border:1px solid #bdbdbd;padding:.4mm 1.5mm;text-align:right;font-weight:400}"
    "thead th{font-weight:600}th[scope=row],thead th:first-child{text-align:left}"
    "#signalen li,#signalen p.none{font-size:12pt;font-weight:600}.s{font-size:9pt;color:#444}"
    ".two{display:flex;flex-wrap:wrap;gap:0 8mm;align-items:flex-start}"
    "footer{font-size:9pt;color:#444}"
    "@media print{body{background:#fff}main{max-width:none;margin:0;padding:0}}";

std::string th_col(std::string_view t) {
  return "<th scope=\"col\">" + html_escape(t) + "</th>";
}
std::string th_row(std::string_view t) {
  return "<th scope=\"row\">" + html_escape(t) + "</th>";
}
std::string td(std::string_view t) {
  return "<td>" + html_escape(t) + "</td>";
}

std::string table(std::string_view caption, const std::vector<std::string>& head,
                  const std::vector<std::vector<std::string>>& rows, std::string_view cls = {}) {
  std::string t = "<table" + (cls.empty() ? std::string() : " class=\"" + std::string(cls) + "\"") +
                  "><caption>" + html_escape(caption) + "</caption><thead><tr>";
  for (const auto& h : head) t += th_col(h);
  t += "</tr></thead><tbody>";
  for (const auto& r : rows) {
    t += "<tr>";
    for (std::size_t i = 0; i < r.size(); ++i) t += i == 0 ? th_row(r[i]) : td(r[i]);
    t += "</tr>";
  }
  return t + "</tbody></table>";
}

std::string figure(const std::string& svg, std::string_view caption) {
  return "<figure>" + svg + "<figcaption>" + html_escape(caption) + "</figcaption></figure>";
}

std::string section(std::string_view id, std::string_view heading, const std::string& content) {
  return "<section id=\"" + std::string(id) + "\" aria-labelledby=\"" + std::string(id) + "-h\"><h2 id=\"" +
         std::string(id) + "-h\">" + html_escape(heading) + "</h2>" + content + "</section>";
}

std::vector<std::string> topic_labels(const Report& r) {
  std::vector<std::string> labels;
  for (const auto& t : r.topics) labels.push_back(t.name.empty() ? t.id : t.name);
  return labels;
}

std::vector<charts::Bar> ticket_bars(const Report& r) {
  std::vector<charts::Bar> bars;
  for (const auto& t : r.topics)
    bars.push_back({t.name.empty() ? t.id : t.name, count_value(t.tickets), count_text(t.tickets)});
  return bars;
}

std::string signals_section(const Report& r) {
  std::string body;
  for (const auto& s : r.signals)
    if (s.flagged) body += "<li>" + html_escape(signal_line(s)) + "</li>";
  body = body.empty() ? "<p class=\"none\">Geen opvallende stijging</p>" : "<ul>" + body + "</ul>";
  return section("signalen", "Vroege signalen",
                 body +
                     "<p class=\"s\">Per onderwerp de laatste week naast de acht "
                     "weken ervoor; een stijging buiten de gewone schommeling.</p>");
}

std::string topics_section(const Report& r) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& t : r.topics) rows.push_back({t.name.empty() ? t.id : t.name, count_text(t.tickets)});
  rows.push_back({"Alle onderwerpen", count_text(r.tickets)});
  const std::string svg =
      charts::bar_chart("c-onderwerpen", "Bezoeken per onderwerp", ticket_bars(r), charts::kTickets);
  return section("onderwerpen", "Waarvoor komen bewoners?",
                 figure(svg, "Aantal bezoeken (wachtnummers) per onderwerp, zoals gekozen bij de kiosk.") +
                     table("Bezoeken per onderwerp", {"Onderwerp", "Bezoeken"}, rows));
}

// The hours from the first to the last with any arrival on any day: a walk-in open 9 to 17 shows those
// columns, not 24 mostly empty ones.
std::pair<int, int> used_hours(const Report& r) {
  int first = 24, last = -1;
  for (const auto& day : r.arrivals)
    for (int h = 0; h < 24; ++h)
      if (day[static_cast<std::size_t>(h)].suppressed || day[static_cast<std::size_t>(h)].value > 0) {
        first = std::min(first, h);
        last = std::max(last, h);
      }
  return {first, last};
}

std::string arrivals_section(const Report& r) {
  const auto [first, last] = used_hours(r);
  if (last < 0)
    return section("aankomst", "Wanneer komen bewoners?", "<p>Geen bezoeken in deze periode.</p>");
  std::vector<std::string> days(kWeekdays.begin(), kWeekdays.end()), hours;
  for (int h = first; h <= last; ++h) hours.push_back(std::to_string(h));
  std::vector<std::vector<charts::HeatCell>> cells(7);
  std::vector<std::vector<std::string>> rows;
  for (std::size_t d = 0; d < 7; ++d) {
    rows.push_back({days[d]});
    for (int h = first; h <= last; ++h) {
      const Cell& c = r.arrivals[d][static_cast<std::size_t>(h)];
      charts::HeatCell hc;
      if (!c.suppressed) hc.value = c.value;
      cells[d].push_back(hc);
      rows.back().push_back(count_text(c));
    }
  }
  std::vector<std::string> head{"Dag"};
  for (const auto& h : hours) head.push_back(h);
  const std::string svg = charts::heatmap("c-aankomst", "Aankomsten per uur van de week", days, hours, cells);
  return section("aankomst", "Wanneer komen bewoners?",
                 figure(svg,
                        "Aankomsten per dag (maandag tot zondag) en uur; hoe donkerder, hoe meer. "
                        "Gearceerd: minder dan 5, verborgen.") +
                     table("Aankomsten per dag en uur (uur = begin van het uur)", head, rows, "grid"));
}

charts::Range range_of(const Durations& d, std::string_view what) {
  charts::Range g;
  const auto median = minutes(d, d.median_s), p90 = minutes(d, d.p90_s);
  if (median && p90) {
    g.median = static_cast<double>(*median);
    g.p90 = static_cast<double>(*p90);
    g.text = std::string(what) + ": " + std::to_string(*median) + "–" + std::to_string(*p90) + " min";
  } else {
    g.text = std::string(what) + ": " + std::string(kHidden);
  }
  return g;
}

std::string durations_section(const Report& r) {
  charts::RangeSeries wait{"wachten", charts::kWait, {}}, desk{"aan de balie", charts::kDesk, {}};
  std::vector<std::vector<std::string>> rows;
  for (const auto& t : r.topics) {
    wait.ranges.push_back(range_of(t.wait, "wachten"));
    desk.ranges.push_back(range_of(t.desk, "balie"));
    rows.push_back({t.name.empty() ? t.id : t.name, minutes_text(t.wait, t.wait.median_s),
                    minutes_text(t.wait, t.wait.p90_s), minutes_text(t.desk, t.desk.median_s),
                    minutes_text(t.desk, t.desk.p90_s)});
  }
  const std::string svg = charts::range_chart("c-wachttijd", "Wachttijd en tijd aan de balie per onderwerp",
                                              topic_labels(r), {wait, desk}, "min");
  return section(
      "wachttijd", "Hoe lang wachten bewoners?",
      figure(svg,
             "Minuten van wachtnummer tot oproep (wachten) en van oproep tot klaar (aan de balie): de helft "
             "was sneller dan de mediaan, 9 op de 10 sneller dan het 90e percentiel.") +
          table("Wachten en tijd aan de balie, in minuten",
                {"Onderwerp", "Wachten mediaan", "Wachten 90%", "Balie mediaan", "Balie 90%"}, rows));
}

// The series' name in the text after each bar, so a "< 5" without a bar still says which one it is.
charts::Bar share_bar(const Share& s, std::string_view what) {
  charts::Bar b;
  if (const auto p = percent(s)) b.value = static_cast<double>(*p);
  b.value_text = std::string(what) + ": " + percent_text(s, "%");
  return b;
}

std::string shares_section(const Report& r) {
  std::vector<std::string> labels{"Alle onderwerpen"};
  charts::Series no_show{"niet verschenen", charts::kNoShow, {share_bar(r.no_show, "niet verschenen")}};
  charts::Series expired{"verlopen", charts::kExpired, {share_bar(r.expired, "verlopen")}};
  std::vector<std::vector<std::string>> rows{{"Alle onderwerpen", count_text(r.no_show.count),
                                              percent_text(r.no_show, "%"), count_text(r.expired.count),
                                              percent_text(r.expired, "%")}};
  for (const auto& t : r.topics) {
    labels.push_back(t.name.empty() ? t.id : t.name);
    no_show.bars.push_back(share_bar(t.no_show, "niet verschenen"));
    expired.bars.push_back(share_bar(t.expired, "verlopen"));
    rows.push_back({labels.back(), count_text(t.no_show.count), percent_text(t.no_show, "%"),
                    count_text(t.expired.count), percent_text(t.expired, "%")});
  }
  double max = 0;
  for (const auto* s : {&no_show, &expired})
    for (const auto& b : s->bars) max = std::max(max, b.value.value_or(0));
  // Shares on one scale up to the largest, but at least 10%, so a 2% does not fill the width.
  const std::string svg =
      charts::grouped_bar_chart("c-niet-gekomen", "Niet verschenen en verlopen per onderwerp", labels,
                                {no_show, expired}, std::max(10.0, max));
  return section(
      "niet-gekomen", "Niet verschenen en verlopen",
      figure(svg, "Deel van de wachtnummers: niet verschenen na de oproep, of verlopen zonder oproep.") +
          table("Niet verschenen en verlopen", {"Onderwerp", "Niet verschenen", "%", "Verlopen", "%"}, rows));
}

std::string languages_section(const Report& r) {
  std::vector<charts::Bar> bars;
  std::vector<std::vector<std::string>> rows;
  for (const auto& l : r.languages) {
    bars.push_back({language_name(l.language), count_value(l.tickets), count_text(l.tickets)});
    rows.push_back({language_name(l.language), count_text(l.tickets)});
  }
  const std::string svg = charts::bar_chart("c-talen", "Gekozen taal bij de kiosk", bars, charts::kTickets);
  return section("talen", "In welke taal?",
                 figure(svg, "Bezoeken per taal die de bewoner bij de kiosk koos.") +
                     table("Bezoeken per taal", {"Taal", "Bezoeken"}, rows));
}

std::string supply_section(const Report& r) {
  charts::BarGroup demand{"Vraag: bezoeken per onderwerp", ticket_bars(r), charts::kTickets};
  charts::BarGroup supply{"Aanbod: vrijwilligers per interesse", {}, charts::kSupply};
  std::vector<std::vector<std::string>> rows;
  for (const auto& i : r.interests) {
    const std::string name = i.name.empty() ? i.id : i.name;
    supply.bars.push_back({name, count_value(i.registrations), count_text(i.registrations)});
    rows.push_back({name, count_text(i.registrations)});
  }
  rows.push_back({"Alle aanmeldingen", count_text(r.registrations)});
  const std::string svg = charts::side_by_side(
      "c-aanbod", "Vrijwilligers per interesse naast de vraag van bewoners", demand, supply);
  return section(
      "aanbod", "Aanbod naast vraag",
      figure(svg, "Links waarvoor bewoners kwamen, rechts waarmee vrijwilligers willen helpen.") +
          table("Aanmeldingen van vrijwilligers per interesse", {"Interesse", "Aanmeldingen"}, rows));
}

// "Bel mij terug": requests per topic and how soon the team called back, counts only. Left out where
// nobody asked, so a location without the door has no empty section.
std::string callbacks_section(const Report& r) {
  if (r.callbacks.value == 0 && !r.callbacks.suppressed) return "";
  std::vector<std::vector<std::string>> rows;
  for (const auto& c : r.callback_topics)
    rows.push_back({c.name.empty() ? c.id : c.name, count_text(c.requests), count_text(c.within_day),
                    count_text(c.within_3_days), count_text(c.later), count_text(c.open)});
  rows.push_back({"Alle verzoeken", count_text(r.callbacks), "", "", "", ""});
  return section("terugbellen", "Bel mij terug",
                 "<p>Verzoeken om teruggebeld te worden, en hoe snel het team terugbelde.</p>" +
                     table("Terugbelverzoeken per onderwerp",
                           {"Onderwerp", "Verzoeken", "Binnen een dag", "Binnen drie dagen", "Later",
                            "(Nog) niet teruggebeld"},
                           rows));
}

}  // namespace

std::string to_html(const Report& r, const HtmlOptions& options) {
  const std::string title = "Inloop " + r.names.location_name + ", " + r.period.from + " – " + r.period.to;
  std::string page =
      "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"/>"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/><title>" +
      html_escape(title) + "</title><style" +
      (options.style_nonce.empty() ? std::string() : " nonce=\"" + html_escape(options.style_nonce) + "\"") +
      ">" + std::string(kStyle) + "</style></head><body><main><header><h1>" + html_escape(title) +
      "</h1><p>" + html_escape(count_text(r.tickets)) + " bezoeken · " +
      html_escape(count_text(r.registrations)) + " aanmeldingen van vrijwilligers</p></header>";
  page += signals_section(r);
  page += topics_section(r);
  page += arrivals_section(r);
  page += durations_section(r);
  page += shares_section(r);
  page += languages_section(r);
  page += supply_section(r);
  page += callbacks_section(r);
  page +=
      "<footer><p>Anoniem: geen namen, codes of tijden van één bezoek. Aantallen onder 5, en wat daaruit te "
      "berekenen is, staan als “&lt; 5”.</p></footer></main></body></html>\n";
  return page;
}

}  // namespace wk::service::report
