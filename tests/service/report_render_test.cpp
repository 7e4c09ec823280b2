// The report's files (report_render.hpp): the CSV read back field by field, the HTML page checked by
// xmllint and by what it must never hold (a script, a style attribute, a hidden count), and the chart
// colours checked under simulated colour blindness. Reports are built by hand: no store, no clock.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "service/report.hpp"
#include "service/report_charts.hpp"
#include "service/report_render.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace wk::service::report {
namespace {

// A suppressed cell's value is 0 by contract; these tests break the contract on purpose and fill in a
// number that appears nowhere else, so a renderer that read it would show it.
constexpr std::int64_t kSecret = 987654;

Cell shown(std::int64_t v) {
  Cell c;
  c.value = v;
  return c;
}
Cell hidden() {
  Cell c;
  c.value = kSecret;
  c.suppressed = true;
  return c;
}
Durations measured(std::int64_t n, std::int64_t median_s, std::int64_t p90_s) {
  Durations d;
  d.n = shown(n);
  d.median_s = median_s;
  d.p90_s = p90_s;
  return d;
}
Durations unmeasured() {
  Durations d;
  d.n = hidden();
  d.median_s = kSecret;  // again against the contract: the count says hidden, so must the durations
  d.p90_s = kSecret;
  return d;
}
Share share(std::int64_t count, double fraction) {
  Share s;
  s.count = shown(count);
  s.fraction = fraction;
  return s;
}
Share hidden_share() {
  Share s;
  s.count = hidden();
  s.fraction = 0.987654;
  return s;
}
TopicRow topic(std::string id, std::string name, Cell tickets, Durations wait, Durations desk, Share no_show,
               Share expired) {
  TopicRow t;
  t.id = std::move(id);
  t.name = std::move(name);
  t.tickets = tickets;
  t.wait = wait;
  t.desk = desk;
  t.no_show = no_show;
  t.expired = expired;
  return t;
}
LanguageRow language(std::string code, Cell tickets) {
  LanguageRow l;
  l.language = std::move(code);
  l.tickets = tickets;
  return l;
}
InterestRow interest(std::string id, std::string name, Cell n) {
  InterestRow i;
  i.id = std::move(id);
  i.name = std::move(name);
  i.registrations = n;
  return i;
}
Signal signal(std::string topic_name, std::int64_t n, double mean, double sd, bool flagged) {
  Signal s;
  s.location_id = "schalkwijk";
  s.location_name = "Schalkwijk";
  s.topic_id = "geld";
  s.topic_name = std::move(topic_name);
  s.week_from = "2026-11-23";
  s.week_to = "2026-11-29";
  s.this_week = n;
  s.usual_mean = mean;
  s.usual_sd = sd;
  s.flagged = flagged;
  return s;
}

// A week at Schalkwijk: three topics (one hidden, one whose name tries HTML, one a formula), arrivals on
// Tuesday and Thursday 9-16 with two hidden cells, and one flagged signal.
Report sample() {
  Report r;
  r.names.location_id = "schalkwijk";
  r.names.location_name = "Schalkwijk";
  r.period.from = "2026-11-23";
  r.period.to = "2026-11-29";
  r.tickets = shown(87);
  r.topics.push_back(topic("geld", "Geldzorgen en schulden", shown(41), measured(38, 754, 1510),
                           measured(30, 1200, 2400), share(3, 0.073), share(0, 0.0)));
  r.topics.push_back(topic("wonen", "Wonen <&\"> buurt", shown(43), measured(40, 300, 900), unmeasured(),
                           hidden_share(), share(6, 0.1395)));
  r.topics.push_back(topic("iets", "=HYPERLINK(\"http://x\")", hidden(), unmeasured(), unmeasured(),
                           hidden_share(), hidden_share()));
  r.arrivals[1][9] = shown(12);
  r.arrivals[1][10] = hidden();
  r.arrivals[3][16] = shown(30);
  r.arrivals[3][11] = hidden();
  r.no_show = share(7, 0.0805);
  r.expired = hidden_share();
  r.languages = {language("nl", shown(60)), language("ar", shown(15)), language("uk", hidden()),
                 language("xx", shown(8))};
  r.registrations = shown(9);
  r.interests = {interest("taal", "Taalmaatje", shown(6)),
                 interest("vervoer", "+vervoer, of \"rijden\"", hidden())};
  r.signals = {signal("Geldzorgen en schulden", 41, 23.6, 6.4, true)};
  return r;
}

// ---- a small RFC 4180 reader, the test's own, so the CSV is checked by something that did not write it

std::vector<std::vector<std::string>> read_csv(const std::string& text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false, in_quotes = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        in_quotes = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      EXPECT_TRUE(field.empty() && !quoted) << "a quote inside an unquoted field at " << i;
      in_quotes = quoted = true;
    } else if (c == ',') {
      record.push_back(field);
      field.clear();
      quoted = false;
    } else if (c == '\r') {
      EXPECT_EQ(i + 1 < text.size() ? text[i + 1] : '\0', '\n') << "a bare CR at " << i;
      record.push_back(field);
      records.push_back(record);
      record.clear();
      field.clear();
      quoted = false;
      ++i;
    } else {
      EXPECT_NE(c, '\n') << "a bare LF outside quotes at " << i;
      field += c;
    }
  }
  EXPECT_FALSE(in_quotes) << "the file ends inside a quoted field";
  EXPECT_TRUE(record.empty() && field.empty()) << "the last record has no CRLF";
  return records;
}

using Records = std::vector<std::vector<std::string>>;
// The records of one section, by column name.
std::vector<std::map<std::string, std::string>> section_rows(const Records& records,
                                                             const std::string& name) {
  std::vector<std::map<std::string, std::string>> rows;
  for (std::size_t i = 1; i < records.size(); ++i) {
    if (records[i][0] != name) continue;
    std::map<std::string, std::string> row;
    for (std::size_t c = 0; c < records[0].size(); ++c) row[records[0][c]] = records[i][c];
    rows.push_back(row);
  }
  return rows;
}

TEST(ReportRenderCsv, HoldsEverySectionWithItsValues) {
  const Records records = read_csv(to_csv(sample()));
  ASSERT_FALSE(records.empty());
  const std::vector<std::string> header{"section",         "id",           "name",
                                        "weekday",         "hour",         "count",
                                        "wait_median_min", "wait_p90_min", "desk_median_min",
                                        "desk_p90_min",    "no_show",      "no_show_pct",
                                        "expired",         "expired_pct"};
  EXPECT_EQ(records[0], header);
  for (const auto& r : records) ASSERT_EQ(r.size(), header.size()) << "every record has every field";
  EXPECT_EQ(records.size(), 1u + 5 + 3 + 7 * 24 + 4 + 2);

  const auto summary = section_rows(records, "summary");
  ASSERT_EQ(summary.size(), 5u);
  EXPECT_EQ(summary[4].at("id"), "callbacks");
  EXPECT_EQ(summary[4].at("count"), "0");
  EXPECT_EQ(summary[0].at("id"), "schalkwijk");
  EXPECT_EQ(summary[0].at("name"), "Schalkwijk");
  EXPECT_EQ(summary[0].at("count"), "87");
  EXPECT_EQ(summary[0].at("no_show"), "7");
  EXPECT_EQ(summary[0].at("no_show_pct"), "8");
  EXPECT_EQ(summary[0].at("expired"), "< 5");
  EXPECT_EQ(summary[0].at("expired_pct"), "< 5");
  EXPECT_EQ(summary[1].at("id"), "from");
  EXPECT_EQ(summary[1].at("name"), "2026-11-23");
  EXPECT_EQ(summary[2].at("id"), "to");
  EXPECT_EQ(summary[2].at("name"), "2026-11-29");
  EXPECT_EQ(summary[3].at("id"), "registrations");
  EXPECT_EQ(summary[3].at("count"), "9");

  const auto topics = section_rows(records, "topics");
  ASSERT_EQ(topics.size(), 3u);
  const std::vector<std::vector<std::string>> expected{
      // id, name, count, wait median/p90, desk median/p90, no_show, %, expired, %
      {"geld", "Geldzorgen en schulden", "41", "13", "25", "20", "40", "3", "7", "0", "0"},
      {"wonen", "Wonen <&\"> buurt", "43", "5", "15", "< 5", "< 5", "< 5", "< 5", "6", "14"},
      {"iets", "'=HYPERLINK(\"http://x\")", "< 5", "< 5", "< 5", "< 5", "< 5", "< 5", "< 5", "< 5", "< 5"}};
  const std::vector<std::string> columns{
      "id",           "name",    "count",       "wait_median_min", "wait_p90_min", "desk_median_min",
      "desk_p90_min", "no_show", "no_show_pct", "expired",         "expired_pct"};
  for (std::size_t t = 0; t < 3; ++t)
    for (std::size_t c = 0; c < columns.size(); ++c)
      EXPECT_EQ(topics[t].at(columns[c]), expected[t][c]) << "topic " << t << " column " << columns[c];

  const auto arrivals = section_rows(records, "arrivals");
  ASSERT_EQ(arrivals.size(), 168u);
  const std::array<std::string, 7> days{"ma", "di", "wo", "do", "vr", "za", "zo"};
  for (std::size_t i = 0; i < arrivals.size(); ++i) {
    const std::size_t d = i / 24, h = i % 24;
    EXPECT_EQ(arrivals[i].at("weekday"), days[d]);
    EXPECT_EQ(arrivals[i].at("hour"), std::to_string(h));
    const std::string want = d == 1 && h == 9                             ? "12"
                             : d == 3 && h == 16                          ? "30"
                             : (d == 1 && h == 10) || (d == 3 && h == 11) ? "< 5"
                                                                          : "0";
    EXPECT_EQ(arrivals[i].at("count"), want) << days[d] << " " << h;
  }

  const auto languages = section_rows(records, "languages");
  ASSERT_EQ(languages.size(), 4u);
  const std::vector<std::array<std::string, 3>> langs{
      {"nl", "Nederlands", "60"}, {"ar", "Arabisch", "15"}, {"uk", "Oekraïens", "< 5"}, {"xx", "xx", "8"}};
  for (std::size_t i = 0; i < langs.size(); ++i) {
    EXPECT_EQ(languages[i].at("id"), langs[i][0]);
    EXPECT_EQ(languages[i].at("name"), langs[i][1]);
    EXPECT_EQ(languages[i].at("count"), langs[i][2]);
  }

  const auto interests = section_rows(records, "interests");
  ASSERT_EQ(interests.size(), 2u);
  EXPECT_EQ(interests[0].at("name"), "Taalmaatje");
  EXPECT_EQ(interests[0].at("count"), "6");
  EXPECT_EQ(interests[1].at("name"), "'+vervoer, of \"rijden\"");
  EXPECT_EQ(interests[1].at("count"), "< 5");
}

TEST(ReportRenderCsv, QuotesWhatNeedsQuotingAndNeutralisesFormulas) {
  Report r = sample();
  r.names.location_name = "Noord, \"oud\"\nen nieuw";
  r.interests = {interest("a", "=1+2", shown(5)),     interest("b", "-2", shown(5)),
                 interest("c", "@SUM(A1)", shown(5)), interest("d", "+31 6", shown(5)),
                 interest("e", "\t=cmd", shown(5)),   interest("f", "gewoon = gewoon", shown(5))};
  const std::string csv = to_csv(r);
  EXPECT_NE(csv.find("\"Noord, \"\"oud\"\"\nen nieuw\""), std::string::npos);
  const Records records = read_csv(csv);
  EXPECT_EQ(section_rows(records, "summary")[0].at("name"), "Noord, \"oud\"\nen nieuw");
  std::vector<std::string> names;
  for (const auto& row : section_rows(records, "interests")) names.push_back(row.at("name"));
  EXPECT_EQ(names,
            (std::vector<std::string>{"'=1+2", "'-2", "'@SUM(A1)", "'+31 6", "'\t=cmd", "gewoon = gewoon"}));
  // No field a spreadsheet would run as a formula.
  for (const auto& record : records)
    for (const auto& f : record)
      EXPECT_TRUE(f.empty() || std::string("=+-@\t\r").find(f[0]) == std::string::npos) << f;
}

// ---- HTML ---------------------------------------------------------------------------------------------

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

TEST(ReportRender, HiddenCellsReadLessThanFiveAndTheirValueNeverShows) {
  const Report r = sample();
  const std::string csv = to_csv(r), html = to_html(r);
  for (const std::string& out : {csv, html}) {
    EXPECT_EQ(out.find(std::to_string(kSecret)), std::string::npos);
    EXPECT_EQ(out.find("98765"), std::string::npos);  // also not as a share, 98.7654%, or rounded
    EXPECT_EQ(out.find("99%"), std::string::npos);
    EXPECT_EQ(out.find("16461"), std::string::npos);  // 987654 s in minutes
  }
  // The CSV: 2 in the summary, per topic 0, 4 and 9, 2 arrivals, 1 language, 1 interest.
  EXPECT_EQ(count_of(csv, "< 5"), 2u + (4 + 9) + 2 + 1 + 1);
  // The HTML writes each hidden cell as "&lt; 5" in its table, and the charts say it again.
  EXPECT_EQ(html.find("< 5"), std::string::npos) << "never unescaped";
  EXPECT_GE(count_of(html, "&lt; 5"), 19u + 14);  // the same 19 in the tables, 14 in the charts
  // The heatmap's hidden cells: hatched, with a title that says so.
  EXPECT_NE(html.find("di 10 uur: &lt; 5"), std::string::npos);
  EXPECT_NE(html.find("do 11 uur: &lt; 5"), std::string::npos);
  EXPECT_EQ(count_of(html, "fill=\"url(#c-aankomst-hatch)\""), 2u + 1) << "two cells and the legend";
}

TEST(ReportRenderHtml, IsOneDutchDocumentWithTheSignalsFirst) {
  const std::string html = to_html(sample());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"nl\">", 0), 0u);
  EXPECT_NE(html.find("<title>Inloop Schalkwijk, 2026-11-23 – 2026-11-29</title>"), std::string::npos);
  const auto signal =
      html.find("<li>Geldzorgen en schulden in Schalkwijk: 41 deze week, gewoonlijk 24 ± 6</li>");
  ASSERT_NE(signal, std::string::npos);
  EXPECT_LT(signal, html.find("<svg"));
  EXPECT_EQ(html.find("Geen opvallende stijging"), std::string::npos);
  // One section per question, in this order, each with a chart and a table.
  std::size_t at = 0;
  for (const std::string id :
       {"signalen", "onderwerpen", "aankomst", "wachttijd", "niet-gekomen", "talen", "aanbod"}) {
    const auto found = html.find("<section id=\"" + id + "\"", at);
    ASSERT_NE(found, std::string::npos) << id;
    at = found;
    if (id == "signalen") continue;
    const auto end = html.find("</section>", found);
    const std::string part = html.substr(found, end - found);
    EXPECT_EQ(count_of(part, "<svg"), 1u) << id;
    EXPECT_NE(part.find("role=\"img\""), std::string::npos) << id;
    EXPECT_NE(part.find("<title id=\"c-"), std::string::npos) << id;
    EXPECT_NE(part.find("<figcaption>"), std::string::npos) << id;
    EXPECT_NE(part.find("<table"), std::string::npos) << id;
  }
  // Languages in Dutch, an unknown code as itself; supply beside demand in one chart.
  for (const std::string name : {"Nederlands", "Arabisch", "Oekraïens", "<th scope=\"row\">xx</th>"})
    EXPECT_NE(html.find(name), std::string::npos) << name;
  EXPECT_NE(html.find("Aanbod: vrijwilligers per interesse"), std::string::npos);
  EXPECT_NE(html.find("Vraag: bezoeken per onderwerp"), std::string::npos);
  // The heatmap: seven days, Monday first, and only the hours used (9 to 16).
  for (const std::string day : {"ma", "di", "wo", "do", "vr", "za", "zo"})
    EXPECT_NE(html.find("<th scope=\"row\">" + day + "</th>"), std::string::npos) << day;
  EXPECT_NE(html.find("<th scope=\"col\">9</th>"), std::string::npos);
  EXPECT_NE(html.find("<th scope=\"col\">16</th>"), std::string::npos);
  EXPECT_EQ(html.find("<th scope=\"col\">8</th>"), std::string::npos);
  EXPECT_EQ(html.find("<th scope=\"col\">17</th>"), std::string::npos);
}

TEST(ReportRenderHtml, SaysSoWhenNothingRose) {
  Report r = sample();
  r.signals = {signal("Wonen", 9, 8, 2, false)};
  EXPECT_NE(to_html(r).find("Geen opvallende stijging"), std::string::npos);
  r.signals.clear();
  EXPECT_NE(to_html(r).find("Geen opvallende stijging"), std::string::npos);
}

TEST(ReportRenderHtml, HasNoScriptNoStyleAttributeAndOneStyleWithTheNonce) {
  const Report r = sample();
  HtmlOptions served;
  served.style_nonce = "n0Nce-42";
  for (const std::string& html : {to_html(r), to_html(r, served)}) {
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find(" style=\""), std::string::npos);
    EXPECT_EQ(html.find("javascript:"), std::string::npos);
    EXPECT_EQ(count_of(html, "<style"), 1u);
    EXPECT_NE(html.find("@page{size:A4;margin:15mm}"), std::string::npos);
    EXPECT_NE(html.find("break-inside:avoid"), std::string::npos);
  }
  EXPECT_NE(to_html(r, served).find("<style nonce=\"n0Nce-42\">"), std::string::npos);
  EXPECT_NE(to_html(r).find("<style>"), std::string::npos);
}

TEST(ReportRenderHtml, EscapesEveryName) {
  Report r = sample();
  r.names.location_name = "Oost <&\"'>";
  r.period.to = "<b>";
  const std::string html = to_html(r);
  EXPECT_EQ(html.find("<&"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_NE(html.find("Oost &lt;&amp;&quot;&#39;&gt;"), std::string::npos);
  EXPECT_NE(html.find("Wonen &lt;&amp;&quot;&gt; buurt"), std::string::npos);
  EXPECT_EQ(html.find("Wonen <"), std::string::npos);
}

// xmllint's HTML parser knows HTML 4 only: it calls the HTML5 and SVG elements "invalid" and nothing
// else should it complain about. The page is also written to be well-formed XML, which is the stricter
// check: every tag closed, every attribute quoted, every & an entity.
// Returns how many charts the page holds.
std::size_t expect_parses(const std::string& html) {
  test::TempDir dir("report-render");
  test::write_file(dir.file("report.html"), html);

  const auto as_html = test::run_command({"/usr/bin/xmllint", "--html", "--noout", dir.file("report.html")});
  EXPECT_EQ(as_html.exit_code, 0) << as_html.err;
  const std::set<std::string> html5{"main", "header", "section", "figure", "figcaption", "footer", "svg",
                                    "rect", "text",   "line",    "circle", "g",          "defs",   "pattern"};
  const std::regex invalid(R"(^error : Tag (\w+) invalid$)");
  const std::regex error_line(R"(error : ([^\n]*))");
  std::size_t errors = 0;
  for (std::sregex_iterator it(as_html.err.begin(), as_html.err.end(), error_line), end; it != end; ++it) {
    std::smatch tag;
    const std::string line = it->str();
    if (std::regex_search(line, tag, invalid) && html5.count(tag[1].str())) continue;
    ++errors;
    ADD_FAILURE() << line;
  }
  EXPECT_EQ(errors, 0u) << as_html.err;

  const auto as_xml = test::run_command({"/usr/bin/xmllint", "--noout", dir.file("report.html")});
  EXPECT_EQ(as_xml.exit_code, 0) << as_xml.err;
  EXPECT_EQ(as_xml.err, "");

  std::size_t charts = 0;
  for (auto at = html.find("<svg"); at != std::string::npos; at = html.find("<svg", at + 1)) {
    const auto end = html.find("</svg>", at);
    if (end == std::string::npos) {
      ADD_FAILURE() << "an <svg> without its end";
      break;
    }
    const std::string file = dir.file("chart" + std::to_string(charts++) + ".svg");
    test::write_file(file, html.substr(at, end + 6 - at));
    // The same as `xmllint --noout -` with the chart on stdin; run_command has no stdin, so via sh.
    const auto svg = test::run_command({"/bin/sh", "-c", "/usr/bin/xmllint --noout - < \"$0\"", file});
    EXPECT_EQ(svg.exit_code, 0) << file << "\n" << svg.err;
    EXPECT_EQ(svg.err, "") << file;
  }
  return charts;
}

TEST(ReportRenderHtml, ParsesWithXmllintAndSoDoesEveryChart) {
  EXPECT_EQ(expect_parses(to_html(sample())), 6u);
  Report hostile = sample();
  hostile.names.location_name = "<script>&amp;\"'</svg>]]>";
  hostile.topics[0].name = "</text><text>";
  hostile.interests[0].name = "<!-- -->";
  EXPECT_EQ(expect_parses(to_html(hostile)), 6u);
  Report empty;
  EXPECT_EQ(expect_parses(to_html(empty)), 5u) << "no heatmap without arrivals";
}

TEST(ReportRender, SignalLineRoundsTheUsualWeek) {
  EXPECT_EQ(signal_line(signal("Geldzorgen en schulden", 41, 23.6, 6.4, true)),
            "Geldzorgen en schulden in Schalkwijk: 41 deze week, gewoonlijk 24 ± 6");
  EXPECT_EQ(signal_line(signal("Wonen en buurt", 7, 2.4, 0.5, true)),
            "Wonen en buurt in Schalkwijk: 7 deze week, gewoonlijk 2 ± 1");
}

TEST(ReportRenderHtml, WaitAxisCountsWholeMinutes) {
  Report r = sample();
  for (auto& t : r.topics) t.wait = t.desk = measured(20, 40, 70);  // 1 minute each
  const std::string html = to_html(r);
  const auto from = html.find("id=\"c-wachttijd\""), to = html.find("</svg>", from);
  ASSERT_NE(from, std::string::npos);
  const std::string chart = html.substr(from, to - from);
  EXPECT_NE(chart.find(">1 min</text>"), std::string::npos);
  EXPECT_FALSE(std::regex_search(chart, std::regex(R"(>[0-9]+\.[0-9])")))
      << "no tick at a fraction of a minute";
}

TEST(ReportRender, EmptyReportStillRenders) {
  Report r;
  r.names.location_name = "Leeg";
  const Records records = read_csv(to_csv(r));
  EXPECT_EQ(records.size(), 1u + 5 + 168);
  const std::string html = to_html(r);
  EXPECT_NE(html.find("Geen bezoeken in deze periode."), std::string::npos);
  EXPECT_NE(html.find("Geen opvallende stijging"), std::string::npos);
  EXPECT_FALSE(std::regex_search(html, std::regex(R"(="-?(nan|inf))"))) << "no coordinate is NaN or infinite";
}

// ---- colours under simulated colour blindness ----------------------------------------------------------

using Rgb = std::array<double, 3>;
using Matrix = std::array<Rgb, 3>;
// Machado, Oliveira & Fernandes (2009), severity 1.0, applied to linear RGB.
constexpr Matrix kProtanopia{
    {{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}}};
constexpr Matrix kDeuteranopia{
    {{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}}};
constexpr Matrix kTritanopia{
    {{1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602}, {0.004733, 0.691367, 0.303900}}};
constexpr Matrix kNormal{{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};

double linear(double c) {
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

// "#RRGGBB" as seen through `m`, in CIELAB (D65).
Rgb lab(std::string_view hex, const Matrix& m) {
  Rgb rgb;
  for (std::size_t i = 0; i < 3; ++i)
    rgb[i] = linear(std::stoi(std::string(hex.substr(1 + 2 * i, 2)), nullptr, 16) / 255.0);
  Rgb s;
  for (std::size_t i = 0; i < 3; ++i)
    s[i] = std::clamp(m[i][0] * rgb[0] + m[i][1] * rgb[1] + m[i][2] * rgb[2], 0.0, 1.0);
  const double x = (0.4124564 * s[0] + 0.3575761 * s[1] + 0.1804375 * s[2]) / 0.95047;
  const double y = 0.2126729 * s[0] + 0.7151522 * s[1] + 0.0721750 * s[2];
  const double z = (0.0193339 * s[0] + 0.1191920 * s[1] + 0.9503041 * s[2]) / 1.08883;
  const auto f = [](double t) { return t > 216.0 / 24389 ? std::cbrt(t) : (24389.0 / 27 * t + 16) / 116; };
  return {116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
}
double delta_e(std::string_view a, std::string_view b, const Matrix& m) {
  const Rgb p = lab(a, m), q = lab(b, m);
  return std::sqrt((p[0] - q[0]) * (p[0] - q[0]) + (p[1] - q[1]) * (p[1] - q[1]) +
                   (p[2] - q[2]) * (p[2] - q[2]));
}

// ΔE76 of 10 is a difference anyone sees at a glance between two bars; Okabe–Ito's closest pair under any
// of the three simulations is about 16, a common red/green pair falls to about 7 for a deuteranope.
constexpr double kApart = 10;
const std::array<std::pair<const char*, Matrix>, 4> kVisions{{{"normal", kNormal},
                                                              {"protanopia", kProtanopia},
                                                              {"deuteranopia", kDeuteranopia},
                                                              {"tritanopia", kTritanopia}}};

TEST(ReportRenderColours, OkabeItoStaysApartForEveryColourVision) {
  namespace oi = charts::okabe_ito;
  const std::vector<std::string_view> palette{oi::kBlack,  oi::kOrange, oi::kSkyBlue,    oi::kBluishGreen,
                                              oi::kYellow, oi::kBlue,   oi::kVermillion, oi::kReddishPurple};
  for (const auto& [name, m] : kVisions)
    for (std::size_t i = 0; i < palette.size(); ++i)
      for (std::size_t j = i + 1; j < palette.size(); ++j)
        EXPECT_GE(delta_e(palette[i], palette[j], m), kApart)
            << name << " " << palette[i] << " " << palette[j];
  // And so do the pairs the charts put side by side, which are taken from it.
  for (const auto& [name, m] : kVisions)
    for (const auto& [a, b] : charts::kPairs)
      EXPECT_GE(delta_e(a, b, m), kApart) << name << " " << a << " " << b;
}

TEST(ReportRenderColours, TheTestWouldCatchARedGreenPair) {
  // Tableau's red and green: far apart for normal vision, too close for a deuteranope.
  EXPECT_GE(delta_e("#D62728", "#2CA02C", kNormal), kApart);
  EXPECT_LT(delta_e("#D62728", "#2CA02C", kDeuteranopia), kApart);
}

TEST(ReportRenderColours, HeatmapRampGetsDarkerStepByStep) {
  for (const auto& [name, m] : kVisions)
    for (std::size_t k = 1; k < charts::kRamp.size(); ++k)
      EXPECT_LT(lab(charts::kRamp[k], m)[0], lab(charts::kRamp[k - 1], m)[0]) << name << " " << k;
  EXPECT_EQ(charts::ramp_class(0, 30), 0u);
  EXPECT_EQ(charts::ramp_class(1, 30), 1u);
  EXPECT_EQ(charts::ramp_class(30, 30), charts::kRamp.size() - 1);
}

TEST(ReportRenderColours, ThePageFillsOnlyWithThePaletteTheRampAndGreys) {
  std::set<std::string> allowed{"#1A1A1A", "#595959", "#FFFFFF", std::string(charts::kHiddenFill)};
  for (const auto c :
       {charts::kTickets, charts::kSupply, charts::kWait, charts::kDesk, charts::kNoShow, charts::kExpired})
    allowed.insert(std::string(c));
  for (const auto c : charts::kRamp) allowed.insert(std::string(c));
  const std::string html = to_html(sample());
  const std::regex fill(R"re(fill="(#[0-9A-Fa-f]{6})")re");
  std::size_t fills = 0;
  for (std::sregex_iterator it(html.begin(), html.end(), fill), end; it != end; ++it, ++fills)
    EXPECT_TRUE(allowed.count((*it)[1].str())) << (*it)[1].str();
  EXPECT_GT(fills, 50u);
}

}  // namespace
}  // namespace wk::service::report
