// The one table of `make bench`: reads the figures every part recorded (figures.tsv: run, name, value,
// unit), the budgets and peers of every part (budgets.tsv: name, compare, op, limit, note) and the machine
// (machine.txt), and prints Markdown: one row per figure and budget, with the median over the runs.
//   bench_table FIGURES_TSV MACHINE_TXT OUT_MD BUDGETS_TSV...
// A ratio to a peer ("ratio:OTHER") is taken within each run, then the median of those ratios is shown, so
// drift of the shared machine between runs hits both sides alike.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "figures.hpp"

namespace {

struct Figure {
  std::string unit;
  std::map<std::string, double> by_run;  // run -> value
};

struct Budget {
  std::string name, compare, op, note;
  double limit = 0;
};

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> cols;
  std::istringstream in(line);
  for (std::string c; std::getline(in, c, '\t');) cols.push_back(c);
  return cols;
}

std::string number(double v) {
  char s[32];
  const double a = std::fabs(v);
  std::snprintf(s, sizeof s, a >= 1000 ? "%.0f" : a >= 100 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", v);
  return s;
}

bool holds(double v, const std::string& op, double limit) {
  if (op == "<=") return v <= limit;
  if (op == ">=") return v >= limit;
  if (op == "<") return v < limit;
  if (op == ">") return v > limit;
  return false;
}

std::vector<double> values(const Figure& f) {
  std::vector<double> v;
  for (const auto& [run, x] : f.by_run) v.push_back(x);
  return v;
}

std::string shown(const Figure& f) {
  const auto v = values(f);
  std::string s = number(wk::bench::median(v)) + " " + f.unit;
  if (v.size() > 1)
    s += " (" + std::to_string(v.size()) + " runs, " + number(*std::min_element(v.begin(), v.end())) + "–" +
         number(*std::max_element(v.begin(), v.end())) + ")";
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: bench_table FIGURES_TSV MACHINE_TXT OUT_MD BUDGETS_TSV...\n");
    return 2;
  }
  std::vector<std::string> order;
  std::map<std::string, Figure> figures;
  std::ifstream tsv(argv[1]);
  for (std::string line; std::getline(tsv, line);) {
    const auto c = split_tabs(line);
    if (c.size() < 4) continue;
    if (!figures.count(c[1])) order.push_back(c[1]);
    Figure& f = figures[c[1]];
    f.unit = c[3];
    f.by_run[c[0]] = std::strtod(c[2].c_str(), nullptr);
  }
  std::multimap<std::string, Budget> budgets;
  for (int i = 4; i < argc; ++i) {
    std::ifstream in(argv[i]);
    for (std::string line; std::getline(in, line);) {
      if (line.empty() || line[0] == '#') continue;
      const auto c = split_tabs(line);
      if (c.size() < 4) continue;
      budgets.emplace(c[0],
                      Budget{c[0], c[1], c[2], c.size() > 4 ? c[4] : "", std::strtod(c[3].c_str(), nullptr)});
    }
  }

  std::ostringstream md;
  md << "| Figure | Measured (median) | Budget or peer | Ratio | Result |\n|---|---|---|---|---|\n";
  int met = 0, missed = 0;
  for (const auto& name : order) {
    const Figure& f = figures[name];
    const double mid = wk::bench::median(values(f));
    auto [from, to] = budgets.equal_range(name);
    if (from == to) md << "| " << name << " | " << shown(f) << " | — | — | measured |\n";
    for (auto it = from; it != to; ++it) {
      const Budget& b = it->second;
      std::string against, ratio, result;
      bool ok = false;
      if (b.compare == "budget") {
        against = b.op + " " + number(b.limit) + " " + f.unit;
        ratio = b.limit != 0 ? number(mid / b.limit) + "× budget" : "—";
        ok = holds(mid, b.op, b.limit);
      } else if (b.compare.rfind("ratio:", 0) == 0) {
        const std::string peer = b.compare.substr(6);
        if (!figures.count(peer)) {
          md << "| " << name << " | " << shown(f) << " | " << peer << " (not measured) | — | no peer |\n";
          continue;
        }
        const Figure& p = figures[peer];
        std::vector<double> ratios;  // within each run, so the machine's drift hits both
        for (const auto& [run, x] : f.by_run)
          if (auto other = p.by_run.find(run); other != p.by_run.end() && other->second != 0)
            ratios.push_back(x / other->second);
        against = peer + " " + shown(p);
        if (ratios.empty()) {
          ratio = mid == 0 ? "both 0" : "—";
          ok = mid == 0 || holds(mid, b.op, 0);
        } else {
          const double r = wk::bench::median(ratios);
          ratio = number(r) + "× (budget " + b.op + " " + number(b.limit) + "×)";
          ok = holds(r, b.op, b.limit);
        }
      } else {
        continue;
      }
      ok ? ++met : ++missed;
      result = ok ? "pass" : "**miss**";
      md << "| " << name << " | " << shown(f) << " | " << against << (b.note.empty() ? "" : " — " + b.note)
         << " | " << ratio << " | " << result << " |\n";
    }
  }

  std::ifstream machine(argv[2]);
  std::string machine_text;
  for (std::string line; std::getline(machine, line);) machine_text += line + "\n";
  std::ostringstream page;
  page << "# `make bench`: the latest table\n\n"
       << md.str() << "\n"
       << met << " budgets met, " << missed << " missed.\n\n## The machine\n\n```\n"
       << machine_text << "```\n";
  std::ofstream(argv[3]) << page.str();
  std::fputs(md.str().c_str(), stdout);
  std::printf("\n%d budgets met, %d missed. Table: %s\n", met, missed, argv[3]);
  return 0;
}
